// Which methods each API path takes, read from the OpenAPI document (a unit test keeps every
// route handler in it). Next answers a method a route handler does not export with an empty
// 405 that no setting changes; server.ts answers those itself, in the API's error shape and
// with an Allow header, before Next sees them.

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

type Route = { pattern: RegExp; methods: string[] };

export type MethodTable = (pathname: string) => string[] | undefined;

/** `paths`: the OpenAPI document's, e.g. `/api/environments/{environmentId}/llm-keys`. */
export function apiMethodTable(paths: Record<string, Record<string, unknown>>): MethodTable {
  const routes: Route[] = Object.entries(paths).map(([template, operations]) => {
    const methods = Object.keys(operations)
      .filter((m) => HTTP_METHODS.has(m))
      .map((m) => m.toUpperCase());
    // Next answers HEAD as GET and OPTIONS with the methods a route has.
    if (methods.includes("GET")) methods.push("HEAD");
    methods.push("OPTIONS");
    const source = template
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
      .join("[^/]+");
    return { pattern: new RegExp(`^${source}$`), methods };
  });
  return (pathname) => routes.find((r) => r.pattern.test(pathname))?.methods;
}

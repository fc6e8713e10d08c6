import https from "node:https";
import type { AddressInfo } from "node:net";
import { decodeExportRequest, type DecodedSpan } from "./otlp-decode";

// A stand-in for a Langfuse project on loopback over https. It checks Basic auth like
// Langfuse does, answers the credential check, and can be told to misbehave.

export type FakeLangfuseOptions = {
  cert: string;
  key: string;
  port?: number;
  publicKey?: string;
  secretKey?: string;
  projectName?: string;
};

export type FakeMode = "normal" | "down-503" | "slow" | "html" | "unauthorized" | "rate-limited" | "usage-suspended";

/** One span as the fake decoded it (protobuf or JSON): attribute values unwrapped. */
export type ReceivedSpan = DecodedSpan;

export type FakeLangfuse = {
  url: string;
  port: number;
  publicKey: string;
  secretKey: string;
  /** Organization-level keys, which Langfuse refuses on project endpoints with 403. */
  orgPublicKey: string;
  orgSecretKey: string;
  setMode(mode: FakeMode): void;
  /** Span ids the fake answers 400 for (the whole request fails, as Langfuse does). */
  rejectSpanIds: Set<string>;
  /** Extra latency for OTLP requests, in ms. */
  setDelay(ms: number): void;
  spans: ReceivedSpan[];
  /** OTLP requests with their outcome status. */
  exports: {
    status: number;
    spanCount: number;
    headers: Record<string, string | string[] | undefined>;
    /** Size of the request body as sent (before any decoding). */
    bytes: number;
  }[];
  requests: {
    method: string;
    path: string;
    authorization: string | undefined;
    headers: Record<string, string | string[] | undefined>;
  }[];
  close(): Promise<void>;
};

export async function startFakeLangfuse(options: FakeLangfuseOptions): Promise<FakeLangfuse> {
  const publicKey = options.publicKey ?? "pk-lf-fake-project-0001";
  const secretKey = options.secretKey ?? "sk-lf-fake-project-secret-0001";
  const orgPublicKey = "pk-lf-fake-organization-0001";
  const orgSecretKey = "sk-lf-fake-organization-secret-0001";
  const projectName = options.projectName ?? "Clinical Assistant (fake)";
  let mode: FakeMode = "normal";
  let delayMs = 0;
  const requests: FakeLangfuse["requests"] = [];
  const spans: ReceivedSpan[] = [];
  const exports: FakeLangfuse["exports"] = [];
  const rejectSpanIds = new Set<string>();
  const basic = (pk: string, sk: string) => "Basic " + Buffer.from(`${pk}:${sk}`).toString("base64");

  const server = https.createServer({ cert: options.cert, key: options.key }, (req, res) => {
    requests.push({
      method: req.method ?? "",
      path: req.url ?? "",
      authorization: req.headers.authorization,
      headers: req.headers,
    });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (mode === "down-503") return json(503, { message: "Service unavailable" });
    if (mode === "slow") return void setTimeout(() => json(200, { data: [] }), 30_000).unref();
    if (mode === "html") {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("<html><body>Welcome to nginx</body></html>");
    }
    const url = new URL(req.url ?? "/", "https://localhost");
    if (url.pathname === "/api/public/otel/v1/traces" && req.method === "POST") {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const answer = (status: number, body: unknown, spanCount = 0, headers: Record<string, string> = {}) => {
          exports.push({ status, spanCount, headers: req.headers, bytes: Buffer.concat(chunks).length });
          res.writeHead(status, { "content-type": "application/json", ...headers });
          res.end(JSON.stringify(body));
        };
        setTimeout(() => {
          if (mode === "unauthorized" || req.headers.authorization !== basic(publicKey, secretKey)) {
            return answer(401, { message: "Invalid credentials. Confirm that you've configured the correct host." });
          }
          if (mode === "usage-suspended") {
            // Langfuse's answer for a project over its plan's usage threshold.
            return answer(403, {
              message: "Ingestion suspended: Usage threshold exceeded. Please upgrade your plan.",
              error: "ForbiddenError",
            });
          }
          if (mode === "rate-limited")
            return answer(429, { message: "Rate limit exceeded" }, 0, { "retry-after": "1" });
          let decoded: ReceivedSpan[];
          try {
            decoded = decodeExportRequest(Buffer.concat(chunks), req.headers);
          } catch (err) {
            return answer(400, { message: `Failed to parse OTel trace: ${(err as Error).message}` });
          }
          const bad = decoded.find(
            (sp) =>
              rejectSpanIds.has(sp.spanId) || !/^[0-9a-f]{16}$/.test(sp.spanId) || !/^[0-9a-f]{32}$/.test(sp.traceId),
          );
          if (bad) return answer(400, { message: `Invalid span ${bad.spanId}` }, decoded.length);
          spans.push(...decoded);
          answer(200, {}, decoded.length);
        }, delayMs);
      });
      return;
    }
    if (url.pathname === "/api/public/projects" && req.method === "GET") {
      if (req.headers.authorization === basic(orgPublicKey, orgSecretKey)) {
        return json(403, { message: "Organization API keys cannot access project-scoped endpoints" });
      }
      if (req.headers.authorization !== basic(publicKey, secretKey)) {
        return json(401, { message: "Invalid credentials. Confirm that you've configured the correct host." });
      }
      return json(200, {
        data: [
          { id: "proj_fake_1", name: projectName, organization: { id: "org_fake", name: "Fake Org" }, metadata: {} },
        ],
      });
    }
    json(404, { message: "Not found" });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://localhost:${port}`,
    port,
    publicKey,
    secretKey,
    orgPublicKey,
    orgSecretKey,
    setMode: (m) => {
      mode = m;
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
    rejectSpanIds,
    spans,
    exports,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import * as z from "zod/mini";

// A destination URL as every destination takes it: https only, no credentials, query or
// fragment (keys and headers have their own, encrypted, fields), normalised so equal URLs
// compare equal. The SSRF guard checks the host on save and on every connection.

/** Why a URL cannot be a destination, or its normalised form (lowercase host, no trailing slash). */
export function normaliseHttpsUrl(value: string, example: string, what: string): { error: string } | { url: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { error: `Enter a full URL such as ${example}` };
  }
  if (url.protocol !== "https:") return { error: `The ${what} must use https://` };
  if (url.username || url.password) {
    return { error: "Remove the user name and password from the URL; credentials go in their own fields" };
  }
  if (url.search || url.hash || value.includes("?") || value.includes("#")) {
    return { error: "Remove the query string or fragment from the URL" };
  }
  return { url: `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}` };
}

/** A zod schema for an https:// destination URL named `what` in its messages. */
export function httpsUrl(what: string, example: string, whenEmpty = `Enter the ${what}`) {
  return z.pipe(
    z.string().check(z.trim(), z.minLength(1, whenEmpty), z.maxLength(2048, "Use at most 2048 characters")),
    z.transform((value: string, ctx) => {
      const result = normaliseHttpsUrl(value, example, what);
      if ("url" in result) return result.url;
      ctx.issues.push({ code: "custom", message: result.error, input: value });
      return z.NEVER;
    }),
  );
}

/** On edit, an empty secret means "keep the stored one". */
export function keepWhenEmpty<T extends z.ZodMiniType>(schema: T) {
  return z.pipe(
    z.transform((v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v)),
    z.optional(schema),
  );
}

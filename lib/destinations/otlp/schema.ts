import * as z from "zod/mini";
import { httpsUrl } from "../https-url";

// An OpenTelemetry backend over OTLP/HTTP: its endpoint (the full traces URL, or a base URL
// to which /v1/traces is added), request headers whose values are secret (API keys such as
// `Authorization`, `x-honeycomb-team`, `DD-API-KEY`), the encoding and gzip.

export const endpoint = httpsUrl("endpoint", "https://otlp.example.com/v1/traces");

// Headers the exporter sets itself, or that would change how the request is framed.
const RESERVED = new Set([
  "content-type",
  "content-encoding",
  "content-length",
  "transfer-encoding",
  "host",
  "connection",
  "keep-alive",
  "te",
  "upgrade",
  "expect",
  "trailer",
]);

const headerName = z.string().check(
  z.trim(),
  z.minLength(1, "Enter the header name"),
  z.maxLength(128, "Use at most 128 characters"),
  z.regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "Header names use letters, digits and - _ . only"),
  z.refine((name) => !RESERVED.has(name.toLowerCase()), "The exporter sets this header itself"),
);
const headerValue = z.string().check(
  z.trim(),
  z.minLength(1, "Enter the header value"),
  z.maxLength(8192, "Use at most 8192 characters"),
  // No CR, LF or other control characters: a value must not start a new header line.
  z.regex(/^[^\x00-\x08\x0a-\x1f\x7f]*$/, "Header values cannot contain line breaks or control characters"),
  // HTTP carries header values as Latin-1 bytes: Node refuses anything above U+00FF at every
  // export (ERR_INVALID_CHAR), so such a value is refused here, where the customer can fix it.
  z.regex(/^[\x00-\xff]*$/, "Header values use Latin-1 characters only (no emoji or other scripts)"),
);

export const headers = z.array(z.object({ name: headerName, value: headerValue })).check(
  z.maxLength(20, "Use at most 20 headers"),
  z.refine((list) => new Set(list.map((h) => h.name.toLowerCase())).size === list.length, "Each header only once"),
);
export const encoding = z.enum(["protobuf", "json"], { error: "Choose protobuf or JSON" });
export const compression = z.enum(["gzip", "none"], { error: "Choose gzip or none" });

/** The edit form's rule for headers: when replacing them, each must be valid. */
const editHeadersCheck = z.superRefine(
  (v: { replaceHeaders?: boolean; headers?: { name: string; value: string }[] }, ctx) => {
    if (!v.replaceHeaders) return;
    const parsed = headers.safeParse(v.headers ?? []);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: "custom", message: issue.message, path: ["headers", ...issue.path] });
      }
    }
  },
);

export const otlpSchemas = {
  type: "otlp",
  create: {
    endpoint,
    headers: z._default(headers, []),
    encoding: z._default(encoding, "protobuf"),
    compression: z._default(compression, "gzip"),
  },
  // Headers are replaced as a whole: `headers` absent keeps the stored ones, [] removes them.
  update: {
    endpoint: z.optional(endpoint),
    headers: z.optional(headers),
    encoding: z.optional(encoding),
    compression: z.optional(compression),
  },
  test: {
    endpoint,
    headers: z._default(headers, []),
    encoding: z._default(encoding, "protobuf"),
    compression: z._default(compression, "gzip"),
  },
  view: { endpoint: z.string(), headerNames: z.array(z.string()), encoding, compression },
  /** The edit form's fields: the headers are only checked (and sent) when they are being replaced. */
  edit: {
    endpoint,
    encoding,
    compression,
    replaceHeaders: z.boolean(),
    headers: z.array(z.object({ name: z.string(), value: z.string() })),
  },
  editCheck: editHeadersCheck,
} as const;

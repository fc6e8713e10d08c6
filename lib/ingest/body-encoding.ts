// The ingest body as sent: plain, or gzip-compressed (`Content-Encoding: gzip`), which HTTP
// clients and collectors use to send large batches. The body is inflated as it streams in,
// so INGEST_MAX_BYTES limits the inflated size and a small body that inflates without end
// (a "gzip bomb") is stopped at the limit like any other large one.

export class UnsupportedEncodingError extends Error {
  override name = "UnsupportedEncodingError";
}

// DecompressionStream's writable side is typed as taking any BufferSource, which TypeScript
// does not see as accepting the request's Uint8Array chunks (it does).
const gunzip = () => new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;

const IDENTITY = new Set(["", "identity"]);
const GZIP = new Set(["gzip", "x-gzip"]);

export function decodedBody(
  body: ReadableStream<Uint8Array> | null,
  contentEncoding: string | null,
): ReadableStream<Uint8Array> | null {
  const encoding = (contentEncoding ?? "").trim().toLowerCase();
  if (IDENTITY.has(encoding)) return body;
  if (GZIP.has(encoding)) return body && body.pipeThrough(gunzip());
  throw new UnsupportedEncodingError(
    `Content-Encoding "${encoding.slice(0, 40)}" is not supported; send the body as is or with gzip`,
  );
}

import { AppError } from "../errors";

/**
 * How long an API body (≤ 1 MB of JSON) may take to arrive. A client that starts one and goes
 * quiet held its connection and buffers for Node's 300 s request timeout: ten thousand such
 * connections from one host took 1.6 GB. The gateway's ingest bodies do not come here.
 */
const BODY_DEADLINE_MS = 30_000;

export async function readTextCapped(req: Request, limit: number, deadlineMs = BODY_DEADLINE_MS): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    reader.cancel().catch(() => undefined);
  }, deadlineMs);
  try {
    for (;;) {
      // A client that leaves mid-body is its own event, not an outage (its ECONNRESET would
      // otherwise read as the database's, logged as one and answered 503).
      const { done, value } = await reader.read().catch(() => {
        throw new AppError("bad_request", "The request body ended before its end (the client left)");
      });
      if (late) {
        const seconds = Math.round(deadlineMs / 1000);
        throw new AppError("request_timeout", `The request body did not arrive within ${seconds} s`, undefined, {
          Connection: "close",
        });
      }
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than ${Math.round(limit / 1024)} KB`);
}

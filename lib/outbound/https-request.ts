import https from "node:https";
import { checkLiteralHost, guardedLookup } from "./guard";

export type HttpsResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  bytes: Buffer;
};

const MAX_BODY = 1024 * 1024;

/**
 * One HTTPS request to a customer-supplied URL: TLS verified, every connection's DNS answer
 * checked by the SSRF guard, redirects never followed (the caller sees the 3xx), a hard
 * deadline, and a capped response body.
 */
export async function guardedHttpsRequest(
  url: URL,
  options: {
    method: string;
    headers: Record<string, string>;
    body?: string | Buffer;
    timeoutMs: number;
    /** A keep-alive agent for repeated requests; its `lookup` must be the guard's. */
    agent?: https.Agent;
  },
): Promise<HttpsResponse> {
  if (url.protocol !== "https:") throw new Error("only https:// is allowed");
  await checkLiteralHost(url);
  return new Promise((resolve, reject) => {
    // Settled once: by the answer (whole, or its first MAX_BODY bytes), an error, or the
    // connection ending without an answer.
    let settled = false;
    const settle = (outcome: HttpsResponse | Error) => {
      if (settled) return;
      settled = true;
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const req = https.request(
      url,
      {
        method: options.method,
        headers: options.headers,
        lookup: guardedLookup,
        agent: options.agent ?? false,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const answer = () => {
          const bytes = Buffer.concat(chunks);
          settle({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString("utf8"), bytes });
        };
        res.on("data", (chunk: Buffer) => {
          chunks.push(chunk.subarray(0, MAX_BODY - size));
          size += chunk.length;
          // Enough to classify the answer: an endless body is not read until the deadline.
          if (size >= MAX_BODY) {
            answer();
            res.destroy();
          }
        });
        res.on("end", answer);
        res.on("error", (err) => settle(err));
        res.on("close", () => settle(new Error("the connection closed in the middle of the answer")));
      },
    );
    // A 101 would otherwise end the request without an answer or an error: it never settled.
    req.on("upgrade", (_res, socket) => {
      socket.destroy();
      settle(new Error("the destination switched protocols (HTTP 101) instead of answering"));
    });
    req.on("error", (err) => settle(err));
    req.on("close", () => settle(new Error("the connection closed without an answer")));
    req.end(options.body);
  });
}

export function basicAuth(publicKey: string, secretKey: string): string {
  return "Basic " + Buffer.from(`${publicKey}:${secretKey}`, "utf8").toString("base64");
}

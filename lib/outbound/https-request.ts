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
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_BODY) chunks.push(chunk);
        });
        res.on("end", () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString("utf8"), bytes });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

export function basicAuth(publicKey: string, secretKey: string): string {
  return "Basic " + Buffer.from(`${publicKey}:${secretKey}`, "utf8").toString("base64");
}

import https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import { scanExport } from "../../bench/e2e/otlp-scan";

// The soak's destination: an HTTPS server shaped like Langfuse's OTLP endpoint whose
// behaviour the harness switches at run time, counting what arrives: every span id with the
// time it first arrived, and each repeat (a duplicate delivery) with the first arrival's time,
// so a duplicate can be traced to the fault that caused it.

export type ReceiverMode = "ok" | "503" | "429" | "hang" | "slow";

export type FaultReceiver = {
  url: string;
  setMode(mode: ReceiverMode): void;
  /** Only this secret key is accepted; anything else answers 401. */
  acceptSecret(secret: string): void;
  seen: Map<string, number>;
  duplicates: { spanId: string; firstAt: number; againAt: number }[];
  answers: Record<string, number>;
  close(): Promise<void>;
};

export async function startFaultReceiver(
  tls: { cert: string; key: string },
  port: number,
  publicKey: string,
): Promise<FaultReceiver> {
  let mode: ReceiverMode = "ok";
  let secret = "";
  const seen = new Map<string, number>();
  const duplicates: FaultReceiver["duplicates"] = [];
  const answers: Record<string, number> = {};
  const hung = new Set<ServerResponse>();

  const answer = (res: ServerResponse, status: number, headers: Record<string, string> = {}, body = "") => {
    answers[status] = (answers[status] ?? 0) + 1;
    res.writeHead(status, headers);
    res.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const expected = "Basic " + Buffer.from(`${publicKey}:${secret}`).toString("base64");
    if (req.headers.authorization !== expected) return answer(res, 401, {}, '{"message":"Invalid credentials"}');
    if (req.url?.startsWith("/api/public/projects")) {
      return answer(res, 200, { "content-type": "application/json" }, '{"data":[{"id":"soak","name":"Soak"}]}');
    }
    if (mode === "503") return answer(res, 503, {}, "unavailable");
    if (mode === "429") return answer(res, 429, { "retry-after": "1" }, "slow down");
    if (mode === "hang") {
      hung.add(res);
      res.on("close", () => hung.delete(res));
      return;
    }
    const accept = () => {
      const now = Date.now();
      const type = String(req.headers["content-type"] ?? "");
      for (const span of scanExport(body, type, String(req.headers["content-encoding"] ?? ""))) {
        const first = seen.get(span.spanId);
        if (first === undefined) seen.set(span.spanId, now);
        else duplicates.push({ spanId: span.spanId, firstAt: first, againAt: now });
      }
      answer(res, 200, { "content-type": "application/x-protobuf" });
    };
    // Slow: the spans count as delivered only once the answer is sent, as at a real destination.
    if (mode === "slow") setTimeout(accept, 3000);
    else accept();
  };

  const server = https.createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `https://localhost:${port}`,
    setMode: (next) => {
      mode = next;
      if (next !== "hang") for (const res of hung) res.destroy();
    },
    acceptSecret: (next) => {
      secret = next;
    },
    seen,
    duplicates,
    answers,
    close: () =>
      new Promise((resolve) => {
        for (const res of hung) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

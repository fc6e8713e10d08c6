// The floor: a server that only reads each body and JSON.parses it, then answers 202. What
// the same load generator reaches against it is the most any ingest could do on this machine.
// Usage: tsx bench/e2e/floor-server.ts <port>
import http from "node:http";

http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const records = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown[];
      res.writeHead(202, { "content-type": "application/json" });
      res.end(JSON.stringify({ accepted: records.length, skipped: [] }));
    });
  })
  .listen(Number(process.argv[2]), "127.0.0.1");

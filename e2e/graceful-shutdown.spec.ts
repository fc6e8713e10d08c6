import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_APP_PORT } from "./support/ports";

// A server told to stop (a deploy, a scale-down) finishes the ingest requests in flight
// before it exits: cut mid-way, a request has stored part of its batch without a 202, and
// the gateway's resend forwards those spans twice. This test runs its own production server.

const PORT = E2E_APP_PORT + 7;
const TOKEN = "shutdown-test-ingest-token-000000000000";
const INGEST = "/api/internal/ai-gateway/logs";
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function healthy(): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${PORT}/api/health`)).ok;
  } catch {
    return false;
  }
}

test("a stopping server answers the ingest request in flight, refuses new connections, then exits cleanly", async () => {
  test.setTimeout(90_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shutdown-e2e-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(PORT),
    DATA_DIR: dataDir,
    GATEWAY_INGEST_TOKEN: TOKEN,
  };
  delete env.DATABASE_URL;
  const server = spawn(process.execPath, ["dist/server.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  try {
    await expect.poll(healthy, { timeout: 60_000, intervals: [250] }).toBe(true);

    const record = (id: string) =>
      JSON.stringify({ id, metadata: { user_api_key_hash: "0".repeat(64) }, startTime: 1, endTime: 2 });
    const request = http.request({
      host: "127.0.0.1",
      port: PORT,
      method: "POST",
      path: INGEST,
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      request.on("response", (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      request.on("error", reject);
    });
    request.write(`[${record("first")},`);
    await pause(500);

    server.kill("SIGTERM");
    await expect.poll(() => output.includes('"shutting down"'), { timeout: 5_000 }).toBe(true);
    expect(await healthy()).toBe(false);

    // The rest of the body arrives after the signal; the whole batch is read and answered.
    request.end(`${record("second")}]`);
    const { status, body } = await answer;
    expect(status).toBe(202);
    expect(JSON.parse(body)).toEqual({
      accepted: 0,
      skipped: [
        { index: 0, reason: expect.stringMatching(/unknown key/) },
        { index: 1, reason: expect.stringMatching(/unknown key/) },
      ],
    });
    expect(await exited).toBe(0);
    expect(output).not.toMatch(/"level":"error"/);
  } finally {
    server.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

// npm run soak -- --minutes N [--rate 200] [--phase-seconds 8] [--if-database]
// The fault soak. Two production servers and a separate delivery worker share one PostgreSQL
// database (SOAK_DATABASE_URL, else TEST_DATABASE_URL; a fresh database is created and
// dropped). A simulated gateway posts real-shaped records at a steady rate, retrying what is
// not answered 202, while the harness, round after round: makes the destination answer 503,
// then 429, then hang, then 401 until the drain is given new keys, then answer slowly;
// SIGKILLs a server and the worker; restarts PostgreSQL; makes the database read-only.
// Then it waits for delivery and checks: every acknowledged record arrived (nothing lost),
// how many arrived twice and whether each duplicate falls in a crash window, how quickly a
// database outage was answered, and whether the never-killed server's memory stayed flat.
// Needs a production build (npm run build). Exits 1 if anything acknowledged was lost.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { randomBytes, randomUUID } from "node:crypto";
import { ensureSelfSignedCert } from "../support/tls";
import { rssMb, start, waitForHttp, type Proc } from "../../bench/e2e/processes";
import { BENCH_KEY, seedBenchDrain } from "../../bench/e2e/seed";
import { hashPassword } from "../../lib/auth/password";
import { startFaultReceiver, type ReceiverMode } from "./fault-receiver";
import { startGateway } from "./gateway";
import { query, restartDatabase, setReadOnly } from "./database-faults";
import { summarize, type FaultEvent } from "./summary";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "2" },
    rate: { type: "string", default: "200" },
    "phase-seconds": { type: "string", default: "8" },
    "if-database": { type: "boolean", default: false },
  },
});
const adminUrl = process.env.SOAK_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  if (values["if-database"]) {
    process.stdout.write("soak skipped: set SOAK_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL URL\n");
    process.exit(0);
  }
  throw new Error("Set SOAK_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL URL");
}
if (!fs.existsSync("dist/server.js") || !fs.existsSync(".next/BUILD_ID")) throw new Error("Run npm run build first");

const minutes = Number(values.minutes);
const phaseMs = Number(values["phase-seconds"]) * 1000;
// SOAK_PORT_BASE moves the ports, so two soaks (or a soak and CI) can run on one machine.
const base = Number(process.env.SOAK_PORT_BASE ?? 3510);
const PORTS = { a: base, b: base + 1, receiver: base + 10 };
const TOKEN = `soak-ingest-${randomBytes(16).toString("hex")}`;
const KEYRING = `vsoak:${randomBytes(32).toString("base64")}`;
const PUBLIC_KEY = "pk-lf-bench";
const OWNER = { email: "soak-owner@example.com", password: "soak owner password 1" };
const LEASE_SECONDS = 60;
const tls = ensureSelfSignedCert(path.join(process.cwd(), ".soak-tls"));
const dbName = `soak_${randomBytes(4).toString("hex")}`;
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** The distinct error events the servers and workers logged: a 500 or a crash must be explained. */
const errorsLogged = new Set<string>();
function collectErrors(proc: Proc): void {
  const read = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.includes('"level":"error"')) continue;
      try {
        const { msg, errorClass, errorMessage } = JSON.parse(line) as Record<string, string>;
        errorsLogged.add([msg, errorClass, errorMessage].filter(Boolean).join(": "));
      } catch {
        errorsLogged.add(line.slice(0, 300));
      }
    }
  };
  proc.child.stdout?.on("data", read);
  proc.child.stderr?.on("data", read);
}

function startProcess(script: string, port: number | null, runWorker: boolean): Proc {
  const proc = startChild(script, port, runWorker);
  collectErrors(proc);
  return proc;
}

function startChild(script: string, port: number | null, runWorker: boolean): Proc {
  return start("node", [script], {
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      ...(port ? { PORT: String(port) } : {}),
      DATABASE_URL: dbUrl,
      SESSION_SECRET: "soak-session-secret-0123456789abcdef",
      DRAIN_ENCRYPTION_KEYS: KEYRING,
      GATEWAY_INGEST_TOKEN: TOKEN,
      OUTBOUND_ALLOWED_HOSTS: "localhost",
      NODE_EXTRA_CA_CERTS: tls.certPath,
      RUN_WORKER: String(runWorker),
      SEED_DEMO_DATA: "false",
      DELIVERY_LEASE_SECONDS: String(LEASE_SECONDS),
      LOG_LEVEL: "error",
    },
  });
}

const servers: Record<"a" | "b", Proc | undefined> = { a: undefined, b: undefined };
let worker: Proc | undefined;
async function startServer(name: "a" | "b") {
  servers[name] = startProcess("dist/server.js", PORTS[name], true);
  await waitForHttp(`http://127.0.0.1:${PORTS[name]}/api/health`, servers[name]);
}
const startWorker = () => {
  worker = startProcess("dist/worker.js", null, false);
};
const sigkill = (proc: Proc | undefined) => {
  if (proc) process.kill(-proc.pid, "SIGKILL");
};

/** Signs in as the drain's owner and gives the drain a new secret key, as a customer would. */
async function rotateDrainKey(drainId: string, environmentId: string, secretKey: string) {
  const base = `http://127.0.0.1:${PORTS.b}`;
  const signIn = await fetch(`${base}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(OWNER),
  });
  const cookie = signIn.headers.get("set-cookie")?.split(";")[0];
  if (!signIn.ok || !cookie) throw new Error(`sign-in failed: ${signIn.status}`);
  const res = await fetch(`${base}/api/environments/${environmentId}/llm-trace-drains/${drainId}`, {
    method: "PATCH",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ secretKey }),
  });
  if (!res.ok) throw new Error(`key change failed: ${res.status} ${await res.text()}`);
}

await query(adminUrl, `CREATE DATABASE "${dbName}"`);
const receiver = await startFaultReceiver(tls, PORTS.receiver, PUBLIC_KEY);
receiver.acceptSecret("sk-lf-bench-secret");
const events: FaultEvent[] = [];
const rss: { at: number; mb: number }[] = [];
let exitCode = 0;
try {
  await startServer("a");
  const drainId = await seedBenchDrain(dbUrl, receiver.url, KEYRING);
  const { rows } = await query(dbUrl, "SELECT organization_id, environment_id FROM llm_trace_drains WHERE id = $1", [
    drainId,
  ]);
  const { organization_id: organizationId, environment_id: environmentId } = rows[0] as {
    organization_id: string;
    environment_id: string;
  };
  const owner = randomUUID();
  await query(dbUrl, "INSERT INTO users (id, email, name, password_hash) VALUES ($1, $2, 'Soak owner', $3)", [
    owner,
    OWNER.email,
    await hashPassword(OWNER.password),
  ]);
  await query(dbUrl, "INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, 'OWNER')", [
    owner,
    organizationId,
  ]);
  await startServer("b");
  startWorker();

  const gateway = startGateway({
    urls: [PORTS.a, PORTS.b].map((p) => `http://127.0.0.1:${p}/api/internal/ai-gateway/logs`),
    token: TOKEN,
    keySecret: BENCH_KEY,
    recordsPerSecond: Number(values.rate),
    perBatch: 50,
    paddingBytes: 3000,
  });
  const sampler = setInterval(() => rss.push({ at: Date.now(), mb: rssMb(servers.b!.pid) }), 5000);
  const began = Date.now();

  const fault = async (name: string, apply: () => Promise<unknown>, revert: () => Promise<unknown>) => {
    const event: FaultEvent = { name, start: Date.now(), end: 0 };
    say(name);
    await apply();
    await sleep(phaseMs);
    await revert();
    event.end = Date.now();
    events.push(event);
    await sleep(phaseMs / 2);
  };
  const receiverMode = (mode: ReceiverMode) => () =>
    fault(
      `destination answers ${mode}`,
      async () => receiver.setMode(mode),
      async () => receiver.setMode("ok"),
    );

  for (let round = 1; Date.now() - began < minutes * 60_000; round++) {
    say(`round ${round}`);
    const steps = [
      receiverMode("503"),
      receiverMode("429"),
      receiverMode("hang"),
      () =>
        fault(
          "destination answers 401 until new keys",
          async () => receiver.acceptSecret(`sk-lf-soak-round-${round}`),
          () => rotateDrainKey(drainId, environmentId, `sk-lf-soak-round-${round}`),
        ),
      receiverMode("slow"),
      () =>
        fault(
          "SIGKILL server A",
          async () => sigkill(servers.a),
          () => startServer("a"),
        ),
      () =>
        fault(
          "SIGKILL worker",
          async () => sigkill(worker),
          async () => startWorker(),
        ),
      () =>
        fault(
          "PostgreSQL restart",
          async () => say(`  ${await restartDatabase(adminUrl, dbName)}`),
          async () => undefined,
        ),
      () =>
        fault(
          "database read-only",
          () => setReadOnly(adminUrl, dbName, true),
          () => setReadOnly(adminUrl, dbName, false),
        ),
    ];
    for (const step of steps) {
      if (Date.now() - began >= minutes * 60_000 && round > 1) break;
      await step();
    }
  }

  say("load stopped; waiting for delivery");
  const sent = await gateway.stop(60_000);
  clearInterval(sampler);
  const deadline = Date.now() + (LEASE_SECONDS + 120) * 1000;
  const missing = () => [...sent.acknowledged].filter((id) => !receiver.seen.has(id)).length;
  while (missing() > 0 && Date.now() < deadline) await sleep(1000);

  const summary = {
    ...summarize({ minutes, sent, receiver, events, rss, missing: missing() }),
    loggedErrors: [...errorsLogged],
  };
  fs.mkdirSync("test/soak/results", { recursive: true });
  fs.writeFileSync(
    `test/soak/results/${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
    JSON.stringify(summary, null, 2),
  );
  process.stdout.write(JSON.stringify(summary, null, 2) + "\n");
  if (summary.lost > 0) {
    say(`FAILED: ${summary.lost} acknowledged records never arrived`);
    exitCode = 1;
  }
  if (servers.b?.child.exitCode !== null) {
    say(`FAILED: server B exited:\n${servers.b?.output()}`);
    exitCode = 1;
  }
} catch (err) {
  say(`FAILED: ${err instanceof Error ? err.stack : String(err)}`);
  for (const [name, proc] of Object.entries({ ...servers, worker })) if (proc) say(`${name} output:\n${proc.output()}`);
  exitCode = 1;
} finally {
  await setReadOnly(adminUrl, dbName, false).catch(() => undefined);
  await Promise.all([servers.a?.stop(), servers.b?.stop(), worker?.stop()]);
  await receiver.close();
  await query(adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
}
process.exit(exitCode);

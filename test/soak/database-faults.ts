import { execFileSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";

// What the soak does to PostgreSQL: restart the whole server (pg_ctlcluster on the local
// cluster serving the URL's port, when we may), or, where we may not, end every connection to the
// soak's database, which is what the servers see of a restart; and make the database
// read-only for a while (a failover's read-only window).

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      try {
        return await fn(client);
      } finally {
        await client.end().catch(() => undefined);
      }
    } catch (err) {
      if (attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export const query = (url: string, text: string, values: unknown[] = []) =>
  withClient(url, (c) => c.query(text, values));

const terminateOthers = (adminUrl: string, dbName: string) =>
  query(
    adminUrl,
    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    [dbName],
  );

/** The local cluster (version, name) that serves the URL's port, when we may restart it. */
function localCluster(url: string): [string, string] | null {
  const { hostname, port } = new URL(url);
  if (!["127.0.0.1", "localhost"].includes(hostname) || process.getuid?.() !== 0) return null;
  if (!fs.existsSync("/usr/bin/pg_lsclusters")) return null;
  const lines = execFileSync("pg_lsclusters", ["-h"], { encoding: "utf8" }).trim().split("\n");
  const match = lines.map((l) => l.split(/\s+/)).find((cols) => cols[2] === (port || "5432"));
  return match ? [match[0]!, match[1]!] : null;
}

/** Restarts PostgreSQL; returns how ("pg_ctlcluster restart" or "connections terminated"). */
export async function restartDatabase(adminUrl: string, dbName: string): Promise<string> {
  const cluster = localCluster(adminUrl);
  if (cluster) {
    execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", ...cluster, "restart", "-m", "fast"], {
      stdio: "ignore",
    });
    await query(adminUrl, "SELECT 1");
    return "pg_ctlcluster restart";
  }
  await terminateOthers(adminUrl, dbName);
  return "connections terminated";
}

/** Makes the database read-only (new sessions and, by ending them, the current ones), or writable again. */
export async function setReadOnly(adminUrl: string, dbName: string, readOnly: boolean): Promise<void> {
  await query(adminUrl, `ALTER DATABASE "${dbName}" SET default_transaction_read_only = ${readOnly ? "on" : "off"}`);
  await terminateOthers(adminUrl, dbName);
}

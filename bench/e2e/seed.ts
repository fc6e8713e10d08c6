import { createHash, randomUUID } from "node:crypto";
import pg from "pg";
import { encrypt, parseKeyring } from "../../lib/crypto/keyring";
import { drainSecretAad } from "../../lib/crypto/drain-secret-aad";

// One enabled organization, environment, LLM key and drain pointed at the benchmark's
// receiver, written with SQL so the same seed serves the current code and an older checkout.

export const BENCH_KEY = "sk-apt-bench-key";

/** Runs one statement and returns its rows: node-postgres for PostgreSQL, the driver for PGlite. */
export type BenchQuery = (text: string, params?: unknown[]) => Promise<unknown[]>;

export async function seedBenchDrain(databaseUrl: string, receiverUrl: string, keyringSpec: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await seedBenchDrainWith(
      async (text, params) => (await client.query(text, params)).rows,
      receiverUrl,
      keyringSpec,
    );
  } finally {
    await client.end();
  }
}

export async function seedBenchDrainWith(query: BenchQuery, receiverUrl: string, keyringSpec: string): Promise<string> {
  const org = randomUUID();
  const env = randomUUID();
  const drain = randomUUID();
  await query(
    `INSERT INTO organizations (id, handle, name, baa_signed_at, ai_gateway_beta_enrolled_at)
     VALUES ($1, 'bench', 'Bench', now(), now())`,
    [org],
  );
  await query(`INSERT INTO environments (id, organization_id, handle) VALUES ($1, $2, 'bench-production')`, [env, org]);
  await query(
    `INSERT INTO llm_keys (organization_id, environment_id, alias, key_hash, prefix) VALUES ($1, $2, 'bench', $3, 'sk-apt-benc')`,
    [org, env, createHash("sha256").update(BENCH_KEY).digest("hex")],
  );
  const ciphertext = encrypt(parseKeyring(keyringSpec), "sk-lf-bench-secret", drainSecretAad(org, drain));
  // Drains are `config` + `secrets` since destinations became plug-ins; older checkouts have columns.
  const configColumn = await query(
    `SELECT 1 FROM information_schema.columns WHERE table_name = 'llm_trace_drains' AND column_name = 'config'`,
  );
  if (configColumn.length > 0)
    await query(
      `INSERT INTO llm_trace_drains (id, organization_id, environment_id, type, handle, config, secrets, secret_hints)
       VALUES ($1, $2, $3, 'langfuse', 'bench', jsonb_build_object('baseUrl', $4::text, 'publicKey', 'pk-lf-bench'),
               jsonb_build_object('secretKey', $5::text), '{"secretKey": "sk-lf-…cret"}')`,
      [drain, org, env, receiverUrl, ciphertext],
    );
  else
    await query(
      `INSERT INTO llm_trace_drains (id, organization_id, environment_id, type, handle, base_url, public_key,
                                     secret_key_ciphertext, secret_key_hint)
       VALUES ($1, $2, $3, 'langfuse', 'bench', $4, 'pk-lf-bench', $5, 'sk-lf-…cret')`,
      [drain, org, env, receiverUrl, ciphertext],
    );
  return drain;
}

export async function sql(databaseUrl: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

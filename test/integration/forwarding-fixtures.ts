import { db, database } from "@/lib/db/database";
import { config } from "@/lib/config/env";
import { hashLlmKey } from "@/lib/auth/llm-key-secret";
import { DeliveryWorker } from "@/lib/delivery/worker";
import { buildRecord, type RecordKind } from "@/lib/simulator/records";
import * as list from "@/app/api/environments/[environmentId]/llm-trace-drains/route";
import { POST as ingest } from "@/app/api/internal/ai-gateway/logs/route";
import type { FakeLangfuse } from "../support/fake-langfuse";
import { call, createWorld } from "./fixtures";

export const INGEST_TOKEN = "test-gateway-ingest-token-0123456789";

/** A world whose org A is enabled for LLM Trace Drains, with an LLM key in its environment. */
export async function createKeyedWorld(prefix = "sk-apt-test") {
  const world = await createWorld();
  await db().organization.update({
    where: { id: world.orgA.id },
    data: { baaSignedAt: new Date(), aiGatewayBetaEnrolledAt: new Date() },
  });
  const keySecret = `${prefix}-${world.orgA.id}`;
  await db().llmKey.create({
    data: {
      organizationId: world.orgA.id,
      environmentId: world.envA.id,
      alias: "svc",
      keyHash: hashLlmKey(keySecret),
      prefix,
    },
  });
  return { ...world, keySecret };
}

/** A keyed world with a drain pointed at the fake Langfuse. */
export async function createForwardingWorld(fake: FakeLangfuse, handle = "lf") {
  const world = await createKeyedWorld();
  const created = await call(list.POST, {
    params: { environmentId: world.envA.id },
    token: world.tokens.owner,
    json: {
      type: "langfuse",
      handle,
      baseUrl: fake.url,
      publicKey: fake.publicKey,
      secretKey: fake.secretKey,
      acknowledgeContentForwarding: true,
    },
  });
  if (created.status !== 201) throw new Error(`drain not created: ${created.text}`);
  return { ...world, drainId: (created.json.drain as { id: string }).id };
}

export function records(
  keySecret: string,
  kinds: RecordKind[],
  extra: Partial<Parameters<typeof buildRecord>[0]> = {},
) {
  return kinds.map((kind) => buildRecord({ kind, keySecret, sessionId: "sess-1", endUser: "user-1", ...extra }));
}

export function postLogs(
  body: unknown,
  options: { token?: string; raw?: string | Uint8Array<ArrayBuffer>; contentEncoding?: string } = {},
) {
  return call(ingest, {
    method: "POST",
    headers: {
      authorization: `Bearer ${options.token ?? INGEST_TOKEN}`,
      "content-type": "application/json",
      ...(options.contentEncoding ? { "content-encoding": options.contentEncoding } : {}),
    },
    body: options.raw ?? JSON.stringify(body),
  });
}

export function newWorker(overrides: Partial<ConstructorParameters<typeof DeliveryWorker>[1]> = {}) {
  return new DeliveryWorker(database(), {
    keyring: config().drainKeyring,
    maxAgeMs: 24 * 3600_000,
    deadLetterRetentionMs: 7 * 86400_000,
    exportTimeoutMs: 1500,
    ...overrides,
  });
}

/** Makes every queued row of the drain due now (time travel for backoff). */
export async function makeDue(drainId: string) {
  await db().traceOutbox.updateMany({
    where: { drainId, deadAt: null },
    data: { availableAt: new Date(Date.now() - 1000) },
  });
}

export async function outboxCounts(drainId: string) {
  const [pending, dead] = await Promise.all([
    db().traceOutbox.count({ where: { drainId, deadAt: null } }),
    db().traceOutbox.count({ where: { drainId, deadAt: { not: null } } }),
  ]);
  return { pending, dead };
}

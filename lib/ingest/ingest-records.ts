import { db, database } from "../db/database";
import { config } from "../config/env";
import { gatewayRecord, keyHashOf } from "../tracing/gateway-record";
import { mapRecordToSpan } from "../tracing/span-mapping";
import { spanIdentity } from "../tracing/span-ids";
import { sealSpan } from "../delivery/outbox-payload";
import { wakeWorker } from "../delivery/wake";
import type { ParsedBody } from "./parse-body";
import { aiGatewaySuspension } from "../server/ai-gateway-access";

// Attribution and durable enqueue. A record is attributed through the hash of the key it
// was made with (LlmKey → Environment → Organization). It is stored once per active drain
// of that environment, encrypted, in one transaction, before the gateway hears "accepted".
// Records that cannot be attributed are skipped with a reason and their content is dropped.

export type Skipped = { index: number; reason: string };
export type IngestResult = { accepted: number; skipped: Skipped[]; queued: number };

type KeyTarget = Awaited<ReturnType<typeof loadKeyTargets>> extends Map<string, infer T> ? T : never;

async function loadKeyTargets(hashes: string[]) {
  const keys = await db().llmKey.findMany({
    where: { keyHash: { in: hashes } },
    select: {
      id: true,
      keyHash: true,
      alias: true,
      revokedAt: true,
      lastUsedAt: true,
      organizationId: true,
      environment: {
        select: {
          id: true,
          handle: true,
          organization: { select: { baaSignedAt: true, aiGatewayBetaEnrolledAt: true } },
          llmTraceDrains: { where: { pausedAt: null }, select: { id: true, forwardContent: true } },
        },
      },
    },
  });
  return new Map(keys.map((k) => [k.keyHash, k]));
}

function skipReason(target: KeyTarget | undefined): string | null {
  if (!target) return "unknown key (metadata.user_api_key_hash matches no LLM key)";
  if (target.revokedAt) return "key revoked";
  if (aiGatewaySuspension(target.environment.organization))
    return "organization not enabled for LLM Trace Drains (BAA and AI Gateway beta required)";
  if (target.environment.llmTraceDrains.length === 0) return "no active LLM Trace Drain in the environment";
  return null;
}

export async function ingestRecords(parsed: ParsedBody): Promise<IngestResult> {
  const skipped: Skipped[] = [...parsed.lineErrors];
  const lineErrorIndexes = new Set(parsed.lineErrors.map((e) => e.index));
  const candidates: { index: number; record: ReturnType<typeof gatewayRecord.parse>; raw: unknown; hash: string }[] =
    [];
  parsed.records.forEach((raw, index) => {
    if (lineErrorIndexes.has(index) || raw === undefined) return;
    const result = gatewayRecord.safeParse(raw);
    if (!result.success) return void skipped.push({ index, reason: "not a JSON object" });
    const hash = keyHashOf(result.data);
    if (!hash) return void skipped.push({ index, reason: "missing metadata.user_api_key_hash" });
    candidates.push({ index, record: result.data, raw, hash });
  });

  const targets =
    candidates.length > 0
      ? await loadKeyTargets([...new Set(candidates.map((c) => c.hash))])
      : new Map<string, KeyTarget>();
  const keyring = config().drainKeyring;
  const rows: { drainId: string; spanId: string; payload: Buffer; sizeBytes: number }[] = [];
  const usedKeys = new Set<string>();
  let accepted = 0;
  for (const c of candidates) {
    const target = targets.get(c.hash);
    const reason = skipReason(target);
    if (reason || !target) {
      skipped.push({ index: c.index, reason: reason ?? "unknown key" });
      continue;
    }
    accepted++;
    usedKeys.add(target.id);
    const ids = spanIdentity(c.record, () => JSON.stringify(c.raw));
    for (const drain of target.environment.llmTraceDrains) {
      const span = mapRecordToSpan(c.record, {
        ...ids,
        organizationId: target.organizationId,
        environmentId: target.environment.id,
        environmentHandle: target.environment.handle,
        keyAlias: target.alias,
        forwardContent: drain.forwardContent,
      });
      rows.push({ drainId: drain.id, spanId: ids.spanId, ...sealSpan(keyring, drain.id, span) });
    }
  }

  if (rows.length > 0) {
    // One multi-row INSERT from arrays (unnest) for the whole batch, and "last used" at
    // minute precision in the same transaction: no per-record round trips.
    await database().driver.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO trace_outbox (drain_id, span_id, payload, size_bytes)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::bytea[], $4::int[])`,
        [
          rows.map((r) => r.drainId),
          rows.map((r) => r.spanId),
          rows.map((r) => r.payload),
          rows.map((r) => r.sizeBytes),
        ],
      );
      await tx.query(
        `UPDATE llm_keys SET last_used_at = now() WHERE id = ANY($1::uuid[]) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [[...usedKeys]],
      );
    });
    wakeWorker();
  }
  skipped.sort((a, b) => a.index - b.index);
  return { accepted, skipped, queued: rows.length };
}

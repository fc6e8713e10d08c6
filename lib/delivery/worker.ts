import { randomUUID } from "node:crypto";
import type { Database } from "../db/database";
import type { AppConfig } from "../config/env";
import type { Keyring } from "../crypto/keyring";
import { DecryptionError } from "../crypto/keyring";
import { decryptSecrets } from "../crypto/drain-secrets";
import { destinationFor } from "../destinations/server-registry";
import type { ExportTarget } from "../destinations/types";
import { log, errorFields } from "../log";
import { isDatabaseUnavailable } from "../db/errors";
import { openSpanMember } from "./outbox-payload";
import { legacyPayloadToMember } from "./legacy-payload";
import { FORMAT_JSON_DEFLATE, FORMAT_PROTOBUF_GZIP } from "./payload-formats";
import { exportSpanMembers, type ExportOutcome, type SpanBatch } from "./otlp-export";
import { backoffMs, chunkBySize } from "./batches";
import { WakeSignal } from "./wake";
import {
  attemptOf,
  claimBatch,
  claimableDrains,
  countOutcome,
  deadLetter,
  deleteRows,
  purgeDeadLetters,
  recordAttempt,
  recordSuccess,
  release,
  reschedule,
  type ClaimedRow,
} from "./outbox-store";

// The delivery worker: claims queued spans, exports them per drain in bounded batches, and
// records every outcome. At least once: rows are deleted only after the destination accepted them.

export type WorkerOptions = {
  keyring: Keyring;
  maxAgeMs: number;
  deadLetterRetentionMs: number;
  claimLimit?: number;
  leaseMs?: number;
  idleMs?: number;
  maxSpansPerRequest?: number;
  maxBytesPerRequest?: number;
  exportTimeoutMs?: number;
  exporter?: (target: ExportTarget, batch: SpanBatch) => Promise<ExportOutcome>;
};

/** The worker's settings from the validated configuration (server, delivery thread, `npm run worker`). */
export function workerOptionsFrom(cfg: AppConfig): WorkerOptions {
  return {
    keyring: cfg.drainKeyring,
    maxAgeMs: cfg.deliveryMaxAgeMs,
    deadLetterRetentionMs: cfg.deadLetterRetentionMs,
    leaseMs: cfg.deliveryLeaseMs,
  };
}

const MIN_PASS_INTERVAL_MS = 25;

/** A claimed row with its stored gzip member (decrypted), its format and the size of its frame. */
type Item = { row: ClaimedRow; member: Buffer; format: number; frameBytes: number };
type DrainRow = { id: string; organization_id: string; type: string; config: unknown; secrets: unknown };

export class DeliveryWorker {
  readonly id = randomUUID().slice(0, 8);
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly signal = new WakeSignal();
  private lastPurge = 0;
  /** Drains this worker is delivering now: not claimed again until their delivery ends. */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly database: Pick<Database, "driver">,
    private readonly options: WorkerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    log.info("delivery worker started", { worker: this.id });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    log.info("delivery worker stopped", { worker: this.id });
  }

  wake(): void {
    this.signal.wake();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.claimAndStart();
        await this.maybePurge();
      } catch (err) {
        log.error("delivery worker iteration failed", errorFields(err));
      }
      // Claim again as soon as a drain's delivery ends (its next rows may be due), new work
      // is announced, or the idle interval passes. A slow destination holds up its own drain only.
      // Ingest announces every stored slice: passes are spaced so that a busy gateway does not
      // turn each announcement into a round of claim queries.
      if (this.running)
        await this.signal
          .next(this.options.idleMs ?? 500, this.inFlight.values())
          .then(() => new Promise((r) => setTimeout(r, MIN_PASS_INTERVAL_MS)));
    }
    await Promise.all(this.inFlight.values());
  }

  /**
   * One claim-and-deliver pass: for every drain that may deliver, lease its oldest due rows
   * (the claim limit shared between them) and deliver them, drains in parallel. Returns how
   * many rows it claimed, once their deliveries have ended.
   */
  async runOnce(): Promise<number> {
    const { claimed, deliveries } = await this.claimAndStart();
    await Promise.all(deliveries);
    return claimed;
  }

  /**
   * Leases due rows for every drain that may deliver and is not being delivered by this worker
   * already, and starts their deliveries without waiting for them: each drain is served on its
   * own, so one destination's slow answers never delay another's spans.
   */
  private async claimAndStart(): Promise<{ claimed: number; deliveries: Promise<void>[] }> {
    const sql = this.database.driver;
    const drainIds = (await claimableDrains(sql)).filter((id) => !this.inFlight.has(id));
    if (drainIds.length === 0) return { claimed: 0, deliveries: [] };
    const limit = Math.max(50, Math.floor((this.options.claimLimit ?? 1000) / drainIds.length));
    const claimed = await Promise.all(
      drainIds.map((id) => claimBatch(sql, id, limit, this.options.leaseMs ?? 120_000)),
    );
    const byDrain = new Map(drainIds.flatMap((id, i) => (claimed[i]!.length > 0 ? [[id, claimed[i]!]] : [])));
    if (byDrain.size === 0) return { claimed: 0, deliveries: [] };
    const drains = await sql.query<DrainRow>(
      `SELECT id, organization_id, type, config, secrets FROM llm_trace_drains WHERE id = ANY($1::uuid[])`,
      [[...byDrain.keys()]],
    );
    const deliveries = drains.map((d) => {
      const delivery = this.deliverDrain(d, byDrain.get(d.id) ?? [])
        .catch((err: unknown) => log.error("delivery of a drain failed", { drainId: d.id, ...errorFields(err) }))
        .finally(() => this.inFlight.delete(d.id));
      this.inFlight.set(d.id, delivery);
      return delivery;
    });
    return { claimed: [...byDrain.values()].reduce((n, rows) => n + rows.length, 0), deliveries };
  }

  private async deliverDrain(drain: DrainRow, rows: ClaimedRow[]): Promise<void> {
    const sql = this.database.driver;
    let target: ExportTarget;
    try {
      const destination = destinationFor(drain.type);
      target = destination.exportTarget(
        drain.config,
        decryptSecrets(this.options.keyring, drain.organization_id, drain.id, drain.secrets),
      );
    } catch (err) {
      if (!(err instanceof DecryptionError)) throw err;
      await this.markAuthFailed(
        drain.id,
        null,
        "The stored credentials cannot be decrypted; enter them again (edit the drain).",
      );
      await release(
        sql,
        rows.map((r) => r.id),
      );
      return;
    }
    const items: Item[] = [];
    const unreadable: string[] = [];
    const keyring = this.options.keyring;
    for (const row of rows) {
      try {
        items.push(
          row.payload_format === FORMAT_JSON_DEFLATE
            ? {
                row,
                format: FORMAT_PROTOBUF_GZIP,
                ...legacyPayloadToMember(keyring, drain.id, row.span_id, row.payload),
              }
            : {
                row,
                format: row.payload_format,
                member: openSpanMember(keyring, drain.id, row.span_id, row.payload),
                frameBytes: row.size_bytes,
              },
        );
      } catch {
        unreadable.push(row.id);
      }
    }
    if (unreadable.length > 0) {
      await deadLetter(sql, unreadable, "queued span cannot be decrypted (encryption key removed from the keyring?)");
      await countOutcome(sql, drain.id, "dead_lettered", unreadable.length);
    }
    // One request holds one format (a drain's encoding may have changed with spans queued).
    const formats = [...new Set(items.map((i) => i.format))];
    const chunks = formats.flatMap((format) =>
      chunkBySize(
        items.filter((i) => i.format === format),
        (i) => i.frameBytes,
        this.options.maxSpansPerRequest ?? 500,
        this.options.maxBytesPerRequest ?? 4 * 1024 * 1024,
      ),
    );
    // Looking for the span a destination rejects (below) takes up to two requests per span:
    // past half the lease, the rest waits for a later pass rather than outliving the lease.
    const splitUntil = performance.now() + (this.options.leaseMs ?? 120_000) / 2;
    for (const [index, chunk] of chunks.entries()) {
      const held = await this.deliverChunk(drain.id, target, chunk, splitUntil);
      if (held) {
        await release(
          sql,
          chunks
            .slice(index + 1)
            .flat()
            .map((i) => i.row.id),
        );
        return;
      }
    }
  }

  /** Exports one chunk and settles its rows. Returns true when the drain must be held (auth). */
  private async deliverChunk(
    drainId: string,
    target: ExportTarget,
    chunk: Item[],
    splitUntil: number,
  ): Promise<boolean> {
    const sql = this.database.driver;
    const ids = chunk.map((i) => i.row.id);
    const exporter = this.options.exporter ?? ((t, b) => exportSpanMembers(t, b, this.options.exportTimeoutMs));
    let outcome: ExportOutcome;
    const started = performance.now();
    try {
      outcome = await exporter(target, {
        format: chunk[0]!.format,
        members: chunk.map((i) => i.member),
        framesLength: chunk.reduce((n, i) => n + i.frameBytes, 0),
      });
    } catch (err) {
      outcome = { kind: "retryable", message: err instanceof Error ? err.message : "export failed" };
    }
    // For "Recent deliveries": a lost record of an attempt must not stop the delivery.
    await recordAttempt(sql, drainId, attemptOf(outcome, chunk.length, performance.now() - started)).catch((err) =>
      log.warn("could not record a delivery attempt", errorFields(err)),
    );
    switch (outcome.kind) {
      case "delivered":
        await this.untilSettled(() => deleteRows(sql, ids));
        await countOutcome(sql, drainId, "delivered", ids.length);
        await recordSuccess(sql, drainId);
        if (outcome.rejected) {
          // OTLP partial success: the destination took the request but dropped some spans.
          const { count, message } = outcome.rejected;
          await this.recordError(drainId, null, `The destination rejected ${count} of ${ids.length} spans: ${message}`);
        }
        return false;
      case "auth":
        await release(sql, ids);
        await this.markAuthFailed(drainId, outcome.status, outcome.message);
        return true;
      case "rejected":
        if (chunk.length > 1 && performance.now() > splitUntil) {
          await this.retryLater(drainId, chunk, {
            status: outcome.status,
            message: `HTTP ${outcome.status}: ${outcome.message}`,
          });
          return false;
        }
        if (chunk.length > 1) {
          // A destination may reject a whole batch for one bad span (Langfuse does): halve until the culprit is alone.
          const half = Math.ceil(chunk.length / 2);
          if (await this.deliverChunk(drainId, target, chunk.slice(0, half), splitUntil)) {
            await release(
              sql,
              chunk.slice(half).map((i) => i.row.id),
            );
            return true;
          }
          return this.deliverChunk(drainId, target, chunk.slice(half), splitUntil);
        }
        await deadLetter(sql, ids, `${target.label} rejected the span (HTTP ${outcome.status}): ${outcome.message}`);
        await countOutcome(sql, drainId, "dead_lettered", 1);
        await this.recordError(drainId, outcome.status, outcome.message);
        return false;
      case "suspended":
      case "retryable":
        await this.retryLater(drainId, chunk, outcome);
        return false;
    }
  }

  /**
   * Puts a chunk back to be tried again: after the destination's Retry-After when it gave one,
   * else with exponential backoff; spans failing for longer than the retry window become dead letters.
   */
  private async retryLater(
    drainId: string,
    chunk: Item[],
    outcome: { status?: number; message: string; retryAfterMs?: number },
  ): Promise<void> {
    const sql = this.database.driver;
    const now = Date.now();
    const expiredSet = new Set(
      chunk
        .filter((i) => i.row.first_failed_at && now - i.row.first_failed_at.getTime() > this.options.maxAgeMs)
        .map((i) => i.row.id),
    );
    const expired = [...expiredSet];
    const retry = chunk.map((i) => i.row.id).filter((id) => !expiredSet.has(id));
    const attempts = Math.max(...chunk.map((i) => i.row.attempts));
    await reschedule(sql, retry, outcome.retryAfterMs ?? backoffMs(attempts), outcome.message);
    await deadLetter(
      sql,
      expired,
      `gave up after ${Math.round(this.options.maxAgeMs / 3600_000)} h of failures: ${outcome.message}`,
    );
    await countOutcome(sql, drainId, "failed", retry.length);
    await countOutcome(sql, drainId, "dead_lettered", expired.length);
    await this.recordError(drainId, outcome.status ?? null, outcome.message);
  }

  /**
   * Deletes delivered rows through a database blip (restart, failover, read-only window):
   * until they are gone, their lease running out would send them a second time. Retries while
   * the lease still holds them, then gives up (the rows are then delivered again: at least once).
   */
  private async untilSettled(settle: () => Promise<unknown>): Promise<void> {
    const deadline = Date.now() + (this.options.leaseMs ?? 120_000) * 0.8;
    for (let attempt = 0; ; attempt++) {
      try {
        await settle();
        return;
      } catch (err) {
        if (!isDatabaseUnavailable(err) || Date.now() > deadline) throw err;
        if (attempt === 0) log.warn("database unavailable while settling delivered spans; retrying", errorFields(err));
        await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** attempt, 5000)));
      }
    }
  }

  private async recordError(drainId: string, status: number | null, message: string): Promise<void> {
    await this.database.driver.query(
      `UPDATE llm_trace_drains SET last_error_at = now(), last_error_status = $2, last_error_message = $3 WHERE id = $1`,
      [drainId, status, message.slice(0, 1000)],
    );
  }

  private async markAuthFailed(drainId: string, status: number | null, message: string): Promise<void> {
    await this.database.driver.query(
      `UPDATE llm_trace_drains SET auth_failed_at = COALESCE(auth_failed_at, now()), last_error_at = now(), last_error_status = $2, last_error_message = $3 WHERE id = $1`,
      [drainId, status, message.slice(0, 1000)],
    );
    log.warn("drain authentication failed; deliveries held", { drainId, status });
  }

  private async maybePurge(): Promise<void> {
    if (Date.now() - this.lastPurge < 60_000) return;
    this.lastPurge = Date.now();
    const purged = await purgeDeadLetters(this.database.driver, this.options.deadLetterRetentionMs);
    if (purged > 0) log.info("purged expired dead letters", { count: purged });
  }
}

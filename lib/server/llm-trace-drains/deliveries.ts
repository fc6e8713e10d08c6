import "server-only";
import { constants, gunzipSync, inflateRawSync } from "node:zlib";
import { db } from "../../db/database";
import { config } from "../../config/env";
import { notFound } from "../../errors";
import { wakeWorker } from "../../delivery/wake";
import { openSpanMember } from "../../delivery/outbox-payload";
import { FORMAT_JSON_DEFLATE, FORMAT_OTLP_JSON_GZIP } from "../../delivery/payload-formats";
import { ATTEMPTS_KEPT } from "../../delivery/outbox-store";
import { decryptBytes } from "../../crypto/keyring";
import { outboxAad } from "../../crypto/outbox-aad";
import { spanStrings } from "../../otlp/span-summary";
import type { DeadLetter, DeliveryAttempt, DrainDeliveries } from "../../validation/drain-health";
import type { EnvironmentAccess } from "../access";
import { recordAudit } from "../audit";
import { assertDrainExists } from "./queries";
import { operableDrain } from "./operable";
import { requeuedRow } from "./delivery-actions";
import type { Actor } from "./mutations";

// "Recent deliveries" and the dead letters of a drain: what was tried, when, and what came
// back; and the spans that gave up, listed by request id and model (read back from the
// encrypted span, never its content), each retried or discarded on its own.

const DEAD_LETTERS_LISTED = 50;
const IDENTIFYING = ["aptible.request.id", "gen_ai.request.model"] as const;

type StoredRow = { drainId: string; spanId: string; payload: Uint8Array; payloadFormat: number };

const IDENTIFY_INPUT_BYTES = 16 * 1024;
const IDENTIFY_OUTPUT_BYTES = 256 * 1024;
const JSON_IDENTIFY_MAX_BYTES = 256 * 1024;

/** The request id and model of a stored span; nothing when it cannot be read (a key removed). */
function identify(row: StoredRow): Record<string, string> {
  const keyring = config().drainKeyring;
  try {
    if (row.payloadFormat === FORMAT_JSON_DEFLATE) {
      const plain = decryptBytes(keyring, row.payload, outboxAad(row.drainId, row.spanId));
      const span = JSON.parse(inflateRawSync(plain).toString("utf8")) as {
        attributes?: Record<string, unknown>;
      };
      return Object.fromEntries(
        IDENTIFYING.flatMap((k) => (typeof span.attributes?.[k] === "string" ? [[k, span.attributes[k]]] : [])),
      );
    }
    const member = openSpanMember(keyring, row.drainId, row.spanId, row.payload);
    if (row.payloadFormat === FORMAT_OTLP_JSON_GZIP) {
      return member.length <= JSON_IDENTIFY_MAX_BYTES ? spanStrings(gunzipSync(member), true, IDENTIFYING) : {};
    }
    // The identifying attributes come before the content: the first kilobytes of the frame
    // hold them. Inflating whole 4 MB dead letters (the ones a 413 leaves) took seconds of
    // the server's thread for one listing.
    const head = gunzipSync(member.subarray(0, IDENTIFY_INPUT_BYTES), {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: IDENTIFY_OUTPUT_BYTES,
    });
    return spanStrings(head, false, IDENTIFYING);
  } catch {
    return {};
  }
}

export async function drainDeliveries(access: EnvironmentAccess, drainId: string): Promise<DrainDeliveries> {
  await assertDrainExists(access, drainId);
  const [attempts, dead, deadLetterTotal] = await Promise.all([
    db().drainDeliveryAttempt.findMany({ where: { drainId }, orderBy: { id: "desc" }, take: ATTEMPTS_KEPT }),
    db().traceOutbox.findMany({
      where: { drainId, deadAt: { not: null } },
      orderBy: { deadAt: "desc" },
      take: DEAD_LETTERS_LISTED,
      select: {
        id: true,
        drainId: true,
        spanId: true,
        payload: true,
        payloadFormat: true,
        deadAt: true,
        lastError: true,
        attempts: true,
      },
    }),
    db().traceOutbox.count({ where: { drainId, deadAt: { not: null } } }),
  ]);
  return {
    attempts: attempts.map((a): DeliveryAttempt => ({
      at: a.at.toISOString(),
      outcome: a.outcome as DeliveryAttempt["outcome"],
      httpStatus: a.httpStatus,
      spanCount: a.spanCount,
      durationMs: a.durationMs,
      message: a.message,
    })),
    deadLetters: dead.map((d): DeadLetter => {
      const found = identify(d);
      return {
        id: String(d.id),
        deadAt: d.deadAt!.toISOString(),
        requestId: found["aptible.request.id"] ?? null,
        model: found["gen_ai.request.model"] ?? null,
        reason: d.lastError ?? "gave up",
        attempts: d.attempts,
      };
    }),
    deadLetterTotal,
  };
}

async function onDeadLetter(
  access: EnvironmentAccess,
  drainId: string,
  id: string,
  actor: Actor,
  action: "retry" | "discard",
) {
  const where = { id: BigInt(id), drainId, deadAt: { not: null } };
  const { count } =
    action === "retry"
      ? await db().traceOutbox.updateMany({
          where,
          data: requeuedRow(),
        })
      : await db().traceOutbox.deleteMany({ where });
  if (count === 0) throw notFound("Dead letter");
  await recordAudit({
    actorId: actor.userId,
    organizationId: access.organizationId,
    environmentId: access.environmentId,
    action: `llm_trace_drain.dead_letter.${action}`,
    targetType: "llm_trace_drain",
    targetId: drainId,
    ip: actor.ip,
  });
}

/** Puts one dead letter back in the queue (through the drain gate: it will reach the destination). */
export async function retryDeadLetter(access: EnvironmentAccess, drainId: string, id: string, actor: Actor) {
  await operableDrain(access, drainId);
  await onDeadLetter(access, drainId, id, actor, "retry");
  wakeWorker();
  return { requeued: 1 };
}

/** Deletes one dead letter for good (allowed while suspended: it only removes data). */
export async function discardDeadLetter(access: EnvironmentAccess, drainId: string, id: string, actor: Actor) {
  await assertDrainExists(access, drainId);
  await onDeadLetter(access, drainId, id, actor, "discard");
}

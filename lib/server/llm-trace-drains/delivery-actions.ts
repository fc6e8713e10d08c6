import "server-only";
import { db, database } from "../../db/database";
import { wakeWorker } from "../../delivery/wake";
import { exportSpanMembers, type ExportOutcome } from "../../delivery/otlp-export";
import { spanMember } from "../../delivery/outbox-payload";
import { attemptOf, countOutcome, recordAttempt, recordSuccess } from "../../delivery/outbox-store";
import { testTraceSpan } from "../../tracing/test-trace";
import { destinationFor } from "../../destinations/server-registry";
import { formatFor } from "../../delivery/payload-formats";
import type { EnvironmentAccess } from "../access";
import { recordAudit } from "../audit";
import { drainCredentials } from "./secrets";
import { consumeLimit } from "../rate-limits";
import { operableDrain } from "./operable";
import type { Actor } from "./mutations";
import type { TestTraceResult } from "../../validation/drain-health";

/** A dead letter back in the queue: due now, with a fresh retry window. */
export const requeuedRow = () => ({
  deadAt: null,
  availableAt: new Date(),
  firstFailedAt: null,
  attempts: 0,
  lastError: null,
  leasedUntil: null,
});

/** Ends an authentication hold and puts every dead letter back in the queue. */
export async function retryDeliveries(
  access: EnvironmentAccess,
  drainId: string,
  actor: Actor,
): Promise<{ requeued: number }> {
  await operableDrain(access, drainId);
  const [requeued] = await db().$transaction([
    db().traceOutbox.updateMany({
      where: { drainId, deadAt: { not: null } },
      data: requeuedRow(),
    }),
    db().llmTraceDrain.update({ where: { id: drainId }, data: { authFailedAt: null } }),
  ]);
  await recordAudit({
    actorId: actor.userId,
    organizationId: access.organizationId,
    environmentId: access.environmentId,
    action: "llm_trace_drain.retry",
    targetType: "llm_trace_drain",
    targetId: drainId,
    ip: actor.ip,
  });
  wakeWorker();
  return { requeued: requeued.count };
}

/** Sends one synthetic span, marked `aptible.test`, straight to the destination and reports the outcome. */
export async function sendTestTrace(
  access: EnvironmentAccess,
  drainId: string,
  actor: Actor,
): Promise<TestTraceResult> {
  const drain = await drainCredentials(access, drainId);
  await consumeLimit("testTrace", actor.userId, "Too many test traces; wait a minute and try again");
  const destination = destinationFor(drain.type);
  const target = destination.exportTarget(drain.config, drain.secrets);
  const span = testTraceSpan({
    organizationId: access.organizationId,
    environmentId: access.environmentId,
    environmentHandle: access.environmentHandle,
    keyAlias: null,
    forwardContent: drain.forwardContent,
    extras: destination.spanExtras,
  });
  const { member, frameBytes } = spanMember(span, target.encoding);
  const started = performance.now();
  const outcome: ExportOutcome = await exportSpanMembers(target, {
    format: formatFor(target.encoding),
    members: [member],
    framesLength: frameBytes,
  });
  // Counted, listed and dated like any delivery: the drain's status and its "Delivered (24 h)"
  // then agree that the destination took a span.
  const sql = database().driver;
  await countOutcome(sql, drainId, outcome.kind === "delivered" ? "delivered" : "failed", 1);
  // A test trace is sent once: a failure a delivery would retry is listed as not retried.
  await recordAttempt(sql, drainId, attemptOf(outcome, 1, performance.now() - started, false));
  if (outcome.kind === "delivered" && !outcome.rejected) {
    await recordSuccess(sql, drainId);
  }
  await recordAudit({
    actorId: actor.userId,
    organizationId: access.organizationId,
    environmentId: access.environmentId,
    action: outcome.kind === "delivered" ? "llm_trace_drain.test_trace.succeeded" : "llm_trace_drain.test_trace.failed",
    targetType: "llm_trace_drain",
    targetId: drainId,
    ip: actor.ip,
  });
  if (outcome.kind === "delivered") {
    if (outcome.rejected) {
      return {
        ok: false,
        traceId: span.traceId,
        message: `${destination.label} took the request but rejected the span: ${outcome.rejected.message || "no reason given"}`,
      };
    }
    const traceUrl = await destination.traceUrl?.(drain.config, drain.secrets, span.traceId).catch(() => undefined);
    return {
      ok: true,
      traceId: span.traceId,
      message: `${destination.label} accepted the test trace. It appears there within a few seconds.`,
      ...(traceUrl ? { traceUrl } : {}),
    };
  }
  const status = "status" in outcome ? outcome.status : undefined;
  const prefix =
    outcome.kind === "auth"
      ? `${destination.label} refused the ${destination.credentialsNoun}`
      : outcome.kind === "rejected"
        ? `${destination.label} rejected the span`
        : "Could not deliver";
  return {
    ok: false,
    traceId: span.traceId,
    message: `${prefix}: ${outcome.message}`,
    ...(status ? { httpStatus: status } : {}),
  };
}

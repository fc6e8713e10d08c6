import "server-only";
import { db } from "../../db/database";
import { config } from "../../config/env";
import type { EnvironmentAccess } from "../access";
import { aiGatewaySuspension } from "../ai-gateway-access";
import type { DrainHealth, DrainHealthStatus } from "../../validation/drain-health";
import { assertDrainExists } from "./queries";

type HealthRow = {
  pausedAt: Date | null;
  authFailedAt: Date | null;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastErrorStatus: number | null;
  lastErrorMessage: string | null;
  organization: { baaSignedAt: Date | null; aiGatewayBetaEnrolledAt: Date | null };
};

function statusOf(d: HealthRow, retrying: boolean): DrainHealthStatus {
  if (aiGatewaySuspension(d.organization)) return "suspended";
  if (d.pausedAt) return "paused";
  if (d.authFailedAt) return "authentication_failed";
  const errorIsNewest = d.lastErrorAt && (!d.lastSuccessAt || d.lastErrorAt > d.lastSuccessAt);
  // A 403 that did not hold the drain: the destination refuses ingestion for its own reasons
  // (Langfuse: a project over its plan), and deliveries are retried.
  if (errorIsNewest && d.lastErrorStatus === 403) return "ingestion_suspended";
  if (errorIsNewest || retrying) return "failing";
  return d.lastSuccessAt ? "healthy" : "waiting";
}

/** Health of every drain given, in four grouped queries (no per-drain round trips). */
export async function drainsHealth(drainIds: string[]): Promise<Map<string, DrainHealth>> {
  if (drainIds.length === 0) return new Map();
  const since = new Date(Date.now() - 24 * 3600_000);
  const [drains, pending, retrying, dead, buckets] = await Promise.all([
    db().llmTraceDrain.findMany({
      where: { id: { in: drainIds } },
      select: {
        id: true,
        pausedAt: true,
        authFailedAt: true,
        lastSuccessAt: true,
        lastErrorAt: true,
        lastErrorStatus: true,
        lastErrorMessage: true,
        organization: { select: { baaSignedAt: true, aiGatewayBetaEnrolledAt: true } },
      },
    }),
    db().traceOutbox.groupBy({
      by: ["drainId"],
      where: { drainId: { in: drainIds }, deadAt: null },
      _count: { _all: true },
    }),
    db().traceOutbox.groupBy({
      by: ["drainId"],
      where: { drainId: { in: drainIds }, deadAt: null, firstFailedAt: { not: null } },
      _count: { _all: true },
    }),
    db().traceOutbox.groupBy({
      by: ["drainId"],
      where: { drainId: { in: drainIds }, deadAt: { not: null } },
      _count: { _all: true },
    }),
    db().drainDeliveryBucket.findMany({
      where: { drainId: { in: drainIds }, bucketStart: { gte: since } },
      orderBy: { bucketStart: "asc" },
    }),
  ]);
  const count = (rows: { drainId: string; _count: { _all: number } }[], id: string) =>
    rows.find((r) => r.drainId === id)?._count._all ?? 0;
  const currentHour = Math.floor(Date.now() / 3600_000) * 3600_000;
  const result = new Map<string, DrainHealth>();
  for (const d of drains) {
    const mine = buckets.filter((b) => b.drainId === d.id);
    const hourly = Array.from({ length: 24 }, (_, i) => {
      const hour = new Date(currentHour - (23 - i) * 3600_000);
      const b = mine.find((x) => x.bucketStart.getTime() === hour.getTime());
      return {
        hour: hour.toISOString(),
        delivered: b?.delivered ?? 0,
        failed: b?.failed ?? 0,
        deadLettered: b?.deadLettered ?? 0,
      };
    });
    const sum = (k: "delivered" | "failed" | "deadLettered" | "sampledOut" | "filteredOut") =>
      mine.reduce((n, b) => n + b[k], 0);
    result.set(d.id, {
      status: statusOf(d, count(retrying, d.id) > 0),
      delivered24h: sum("delivered"),
      failed24h: sum("failed"),
      deadLettered24h: sum("deadLettered"),
      sampledOut24h: sum("sampledOut"),
      filteredOut24h: sum("filteredOut"),
      pending: count(pending, d.id),
      deadLetters: count(dead, d.id),
      lastSuccessAt: d.lastSuccessAt?.toISOString() ?? null,
      lastError: d.lastErrorAt
        ? { at: d.lastErrorAt.toISOString(), httpStatus: d.lastErrorStatus, message: errorWords(d) }
        : null,
      retryWindowHours: config().deliveryMaxAgeMs / 3600_000,
      suspendedReason: aiGatewaySuspension(d.organization),
      hourly,
    });
  }
  return result;
}

export async function drainHealth(access: EnvironmentAccess, drainId: string): Promise<DrainHealth> {
  await assertDrainExists(access, drainId);
  return (await drainsHealth([drainId])).get(drainId)!;
}

/** A retried failure is stored as "HTTP 404: Not found": the status has its own field, shown beside it. */
function errorWords(d: { lastErrorStatus: number | null; lastErrorMessage: string | null }): string {
  const message = d.lastErrorMessage ?? "";
  const prefix = `HTTP ${d.lastErrorStatus}: `;
  return d.lastErrorStatus && message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

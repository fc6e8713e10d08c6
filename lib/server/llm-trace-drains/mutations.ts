import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "../../db/database";
import { AppError, notFound } from "../../errors";
import { isUniqueViolation } from "../../db/errors";
import { checkOutboundHost, OutboundBlockedError } from "../../outbound/guard";
import type { CreateDrainInput, DrainView, UpdateDrainInput } from "../../validation/llm-trace-drains";
import type { EnvironmentAccess } from "../access";
import { assertAiGatewayEnabledFor } from "../organizations";
import { recordAudit } from "../audit";
import { encryptDrainSecrets } from "./secrets";
import { stringRecord } from "../../crypto/drain-secrets";
import { destinationFor } from "../../destinations/server-registry";
import type { DestinationServer } from "../../destinations/types";
import { DESTINATION_FIELDS } from "../../validation/llm-trace-drains";
import type { Prisma } from "../../generated/prisma/client";
import { drainSelect, scopedDrain, toDrainView } from "./view";
import { operableDrain } from "./operable";
import { assertRunnablePatterns, changedControls } from "./controls";
import { drainControls, NO_CONTROLS, type DrainControls } from "../../validation/drain-controls";

export type Actor = { userId: string; ip: string | null };

/**
 * Drains per environment. Each one costs every record of the environment an encryption and
 * a stored row at ingest (and a rendering when its settings differ), so without a limit
 * one customer could slow every other tenant's ingest by adding drains.
 */
export const MAX_DRAINS_PER_ENVIRONMENT = 10;

const handleTaken = () =>
  new AppError("conflict", "A drain with this handle already exists in this environment", {
    handle: "A drain with this handle already exists in this environment",
  });

/** The SSRF guard at save time, for each URL the drain connects to; a refusal is a field error on that URL. */
export async function assertReachableUrls(
  urls: Record<string, string>,
  { allowUnresolved = false }: { allowUnresolved?: boolean } = {},
): Promise<void> {
  for (const [field, url] of Object.entries(urls)) {
    try {
      await checkOutboundHost(new URL(url).hostname);
    } catch (err) {
      if (err instanceof OutboundBlockedError && err.reason === "unresolvable" && allowUnresolved) continue;
      if (err instanceof OutboundBlockedError) {
        const message =
          err.reason === "unresolvable"
            ? "This host name does not resolve. Check the URL."
            : "This host is, or resolves to, a private or reserved network address, which drains may not reach.";
        throw new AppError("validation_failed", message, { [field]: message });
      }
      throw err;
    }
  }
}

/**
 * Whether a save with `allowUnresolvedHost` ("Save anyway") would pass the guard above, so
 * that a failed Test connection offers to save only what a save would accept.
 */
export async function savableAnyway(urls: Record<string, string>): Promise<boolean> {
  try {
    await assertReachableUrls(urls, { allowUnresolved: true });
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === "validation_failed") return false;
    throw err;
  }
}

export async function createDrain(
  access: EnvironmentAccess,
  input: CreateDrainInput,
  actor: Actor,
): Promise<DrainView> {
  await assertAiGatewayEnabledFor(access.organizationId);
  const destination = destinationFor(input.type);
  const settings = destination.fromCreate(input);
  assertRunnablePatterns(input.controls);
  await assertReachableUrls(destination.urls(settings.config), { allowUnresolved: input.allowUnresolvedHost === true });
  // The id is chosen here because the ciphertexts' AAD names it.
  const id = randomUUID();
  try {
    return await db().$transaction(async (tx) => {
      // The environment's row is locked so that concurrent creations count one after another.
      await tx.$queryRaw`SELECT id FROM environments WHERE id = ${access.environmentId} FOR UPDATE`;
      if (
        (await tx.llmTraceDrain.count({ where: { environmentId: access.environmentId } })) >= MAX_DRAINS_PER_ENVIRONMENT
      ) {
        throw new AppError(
          "conflict",
          `An environment can have at most ${MAX_DRAINS_PER_ENVIRONMENT} LLM Trace Drains; delete one before adding another`,
        );
      }
      const row = await tx.llmTraceDrain.create({
        data: {
          id,
          organizationId: access.organizationId,
          environmentId: access.environmentId,
          type: input.type,
          handle: input.handle,
          config: settings.config as Prisma.InputJsonObject,
          secrets: encryptDrainSecrets(access.organizationId, id, settings.secrets),
          secretHints: settings.hints,
          controls: input.controls as Prisma.InputJsonObject,
          forwardContent: input.forwardContent,
          createdById: actor.userId,
        },
        select: drainSelect,
      });
      await recordAudit(
        {
          actorId: actor.userId,
          organizationId: access.organizationId,
          environmentId: access.environmentId,
          action: "llm_trace_drain.create",
          targetType: "llm_trace_drain",
          targetId: id,
          changedFields: [
            "type",
            "handle",
            ...Object.keys(settings.config),
            ...Object.keys(settings.secrets),
            "forwardContent",
            ...changedControls(NO_CONTROLS, input.controls),
            "acknowledgeContentForwarding",
          ],
          ip: actor.ip,
        },
        tx,
      );
      return toDrainView(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw handleTaken();
    throw err;
  }
}

/** Edit fields of another destination are refused by name, like any invalid field. */
function assertFieldsOf(destination: DestinationServer, input: UpdateDrainInput): void {
  const foreign = DESTINATION_FIELDS.filter(
    (f) => input[f as keyof UpdateDrainInput] !== undefined && !destination.updateFields.includes(f),
  );
  if (foreign.length > 0) {
    const fields = Object.fromEntries(foreign.map((f) => [f, `Not a setting of ${destination.label} drains`]));
    throw new AppError("validation_failed", "Some fields need attention", fields);
  }
}

export async function updateDrain(
  access: EnvironmentAccess,
  drainId: string,
  input: UpdateDrainInput,
  actor: Actor,
): Promise<DrainView> {
  const current = await operableDrain(access, drainId);
  const destination = destinationFor(current.type);
  assertFieldsOf(destination, input);
  const change = destination.update({ config: current.config, hints: stringRecord(current.secretHints) }, input);
  const urls = destination.urls(current.config);
  if (change.config) {
    const next = destination.urls(change.config);
    await assertReachableUrls(Object.fromEntries(Object.entries(next).filter(([f, url]) => urls[f] !== url)), {
      allowUnresolved: input.allowUnresolvedHost === true,
    });
  }

  const controlsBefore = drainControls.parse(current.controls ?? {});
  if (input.controls) assertRunnablePatterns(input.controls);
  const settingsChanged = [
    input.handle !== undefined && input.handle !== current.handle ? "handle" : null,
    ...change.changed,
    ...(input.controls ? changedControls(controlsBefore, input.controls) : []),
    input.forwardContent !== undefined && input.forwardContent !== current.forwardContent ? "forwardContent" : null,
  ].filter((f): f is string => f !== null);
  const pauseChange =
    input.paused === undefined || input.paused === (current.pausedAt !== null)
      ? null
      : input.paused
        ? "pause"
        : "resume";
  // New credentials or a new destination end an authentication hold: held deliveries flow again.
  const endsHold = change.keysChanged.length > 0 || change.changed.some((f) => f in urls);
  // Spans already queued (during an outage, say) were rendered under the old settings: sent
  // after content was switched off or redaction added, they would carry what the owner just
  // chose to keep in. They are dropped with the change, and the activity log says how many.
  const tightens =
    (input.forwardContent === false && current.forwardContent) ||
    (input.controls !== undefined && redactsMore(controlsBefore, input.controls));

  try {
    return await db().$transaction(async (tx) => {
      const row = await tx.llmTraceDrain.update({
        where: { id: drainId },
        data: {
          ...(settingsChanged.includes("handle") ? { handle: input.handle } : {}),
          ...(change.config ? { config: change.config as Prisma.InputJsonObject } : {}),
          ...(change.secrets
            ? {
                secrets: {
                  ...stringRecord(current.secrets),
                  ...encryptDrainSecrets(access.organizationId, drainId, change.secrets),
                },
              }
            : {}),
          ...(change.hints ? { secretHints: { ...stringRecord(current.secretHints), ...change.hints } } : {}),
          ...(pauseChange ? { pausedAt: pauseChange === "pause" ? new Date() : null } : {}),
          ...(endsHold ? { authFailedAt: null } : {}),
          ...(input.forwardContent !== undefined ? { forwardContent: input.forwardContent } : {}),
          ...(input.controls ? { controls: input.controls as Prisma.InputJsonObject } : {}),
        },
        select: drainSelect,
      });
      const audit = (action: string, changedFields: string[]) =>
        recordAudit(
          {
            actorId: actor.userId,
            organizationId: access.organizationId,
            environmentId: access.environmentId,
            action,
            targetType: "llm_trace_drain",
            targetId: drainId,
            changedFields,
            ip: actor.ip,
          },
          tx,
        );
      if (settingsChanged.length > 0) await audit("llm_trace_drain.update", settingsChanged);
      if (change.keysChanged.length > 0) await audit("llm_trace_drain.rotate_keys", change.keysChanged);
      if (pauseChange) await audit(`llm_trace_drain.${pauseChange}`, ["paused"]);
      if (tightens) {
        const { count } = await tx.traceOutbox.deleteMany({ where: { drainId } });
        if (count > 0) await audit("llm_trace_drain.queue_dropped", [`${count} queued spans`]);
      }
      return toDrainView(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw handleTaken();
    throw err;
  }
}

export async function deleteDrain(access: EnvironmentAccess, drainId: string, actor: Actor): Promise<void> {
  await db().$transaction(async (tx) => {
    const { count } = await tx.llmTraceDrain.deleteMany({ where: scopedDrain(access, drainId) });
    if (count === 0) throw notFound("LLM Trace Drain");
    await recordAudit(
      {
        actorId: actor.userId,
        organizationId: access.organizationId,
        environmentId: access.environmentId,
        action: "llm_trace_drain.delete",
        targetType: "llm_trace_drain",
        targetId: drainId,
        ip: actor.ip,
      },
      tx,
    );
  });
}

/** True when the new redaction settings redact something the old ones did not. */
function redactsMore(before: DrainControls, after: DrainControls): boolean {
  const had = new Set(before.redaction.detectors);
  const patterns = new Set(before.redaction.customPatterns.map((p) => p.pattern));
  return (
    after.redaction.detectors.some((d) => !had.has(d)) ||
    after.redaction.customPatterns.some((p) => !patterns.has(p.pattern))
  );
}

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
import { encryptDrainSecret, secretHint } from "./secrets";
import { drainSelect, scopedDrain, toDrainView } from "./view";
import { operableDrain } from "./operable";

export type Actor = { userId: string; ip: string | null };

const handleTaken = () =>
  new AppError("conflict", "A drain with this handle already exists in this environment", {
    handle: "A drain with this handle already exists in this environment",
  });

/** The SSRF guard at save time; its refusal is a field error on the Base URL. */
export async function assertReachableBaseUrl(baseUrl: string): Promise<void> {
  try {
    await checkOutboundHost(new URL(baseUrl).hostname);
  } catch (err) {
    if (err instanceof OutboundBlockedError) {
      const message =
        err.reason === "unresolvable"
          ? "This host name does not resolve. Check the Base URL."
          : "This host is, or resolves to, a private or reserved network address, which drains may not reach.";
      throw new AppError("validation_failed", message, { baseUrl: message });
    }
    throw err;
  }
}

export async function createDrain(
  access: EnvironmentAccess,
  input: CreateDrainInput,
  actor: Actor,
): Promise<DrainView> {
  await assertAiGatewayEnabledFor(access.organizationId);
  await assertReachableBaseUrl(input.baseUrl);
  // The id is chosen here because the ciphertext's AAD names it.
  const id = randomUUID();
  try {
    return await db().$transaction(async (tx) => {
      const row = await tx.llmTraceDrain.create({
        data: {
          id,
          organizationId: access.organizationId,
          environmentId: access.environmentId,
          type: input.type,
          handle: input.handle,
          baseUrl: input.baseUrl,
          publicKey: input.publicKey,
          secretKeyCiphertext: encryptDrainSecret(access.organizationId, id, input.secretKey),
          secretKeyHint: secretHint(input.secretKey),
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
            "baseUrl",
            "publicKey",
            "secretKey",
            "forwardContent",
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

export async function updateDrain(
  access: EnvironmentAccess,
  drainId: string,
  input: UpdateDrainInput,
  actor: Actor,
): Promise<DrainView> {
  const current = await operableDrain(access, drainId);

  const baseUrlChanged = input.baseUrl !== undefined && input.baseUrl !== current.baseUrl;
  const publicKeyChanged = input.publicKey !== undefined && input.publicKey !== current.publicKey;
  // The stored secret must never be sent somewhere new, or paired with a key it was not issued with.
  if ((baseUrlChanged || publicKeyChanged) && !input.secretKey) {
    const message = baseUrlChanged
      ? "Re-enter the secret key to change the Base URL"
      : "Enter the secret key that belongs to the new public key";
    throw new AppError("validation_failed", message, { secretKey: message });
  }
  if (baseUrlChanged) await assertReachableBaseUrl(input.baseUrl!);

  const settingsChanged = [
    input.handle !== undefined && input.handle !== current.handle ? "handle" : null,
    baseUrlChanged ? "baseUrl" : null,
    input.forwardContent !== undefined && input.forwardContent !== current.forwardContent ? "forwardContent" : null,
  ].filter((f): f is string => f !== null);
  const keysChanged = [publicKeyChanged ? "publicKey" : null, input.secretKey ? "secretKey" : null].filter(
    (f): f is string => f !== null,
  );
  const pauseChange =
    input.paused === undefined || input.paused === (current.pausedAt !== null)
      ? null
      : input.paused
        ? "pause"
        : "resume";

  try {
    return await db().$transaction(async (tx) => {
      const row = await tx.llmTraceDrain.update({
        where: { id: drainId },
        data: {
          ...(settingsChanged.includes("handle") ? { handle: input.handle } : {}),
          ...(baseUrlChanged ? { baseUrl: input.baseUrl } : {}),
          ...(publicKeyChanged ? { publicKey: input.publicKey } : {}),
          ...(input.secretKey
            ? {
                secretKeyCiphertext: encryptDrainSecret(access.organizationId, drainId, input.secretKey),
                secretKeyHint: secretHint(input.secretKey),
              }
            : {}),
          ...(pauseChange ? { pausedAt: pauseChange === "pause" ? new Date() : null } : {}),
          // New keys or a new host end an authentication hold: held deliveries flow again.
          ...(keysChanged.length > 0 || baseUrlChanged ? { authFailedAt: null } : {}),
          ...(input.forwardContent !== undefined ? { forwardContent: input.forwardContent } : {}),
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
      if (keysChanged.length > 0) await audit("llm_trace_drain.rotate_keys", keysChanged);
      if (pauseChange) await audit(`llm_trace_drain.${pauseChange}`, ["paused"]);
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

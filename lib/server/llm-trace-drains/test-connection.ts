import "server-only";
import { destinationFor } from "../../destinations/server-registry";
import type { ConnectionResult, TestConnectionInput } from "../../validation/llm-trace-drains";
import type { EnvironmentAccess } from "../access";
import { recordAudit } from "../audit";
import { drainCredentials } from "./secrets";
import { consumeLimit } from "../rate-limits";
import { assertAiGatewayEnabledFor } from "../organizations";
import { savableAnyway, type Actor } from "./mutations";

async function audited(access: EnvironmentAccess, drainId: string | null, actor: Actor, result: ConnectionResult) {
  await recordAudit({
    actorId: actor.userId,
    organizationId: access.organizationId,
    environmentId: access.environmentId,
    action: result.ok
      ? "llm_trace_drain.test_connection.succeeded"
      : `llm_trace_drain.test_connection.failed.${result.reason}`,
    targetType: "llm_trace_drain",
    targetId: drainId,
    ip: actor.ip,
  });
  return result;
}

const TOO_MANY_TESTS = "Too many connection tests; wait a minute and try again";

/** Tests settings typed into the form, before they are saved, with the SSRF guard of a save. */
export async function testUnsavedConnection(access: EnvironmentAccess, input: TestConnectionInput, actor: Actor) {
  await assertAiGatewayEnabledFor(access.organizationId);
  await consumeLimit("testConnection", actor.userId, TOO_MANY_TESTS);
  const destination = destinationFor(input.type);
  const { config, secrets } = destination.fromTest(input);
  const result = await destination.checkConnection(config, secrets);
  if (result.ok) return audited(access, null, actor, result);
  // Asked of the save's own guard, not inferred from the reason: the form offers "Save anyway"
  // only when it can succeed (never for a private address, which every save refuses).
  return audited(access, null, actor, {
    ...result,
    canSaveAnyway: await savableAnyway(destination.urls(config)),
  });
}

/** Tests a saved drain with its stored (decrypted) settings. */
export async function testSavedConnection(access: EnvironmentAccess, drainId: string, actor: Actor) {
  await consumeLimit("testConnection", actor.userId, TOO_MANY_TESTS);
  const { type, config, secrets } = await drainCredentials(access, drainId);
  return audited(access, drainId, actor, await destinationFor(type).checkConnection(config, secrets));
}

import { userRoute, parseParams } from "@/lib/api/route";
import { deadLetterParams } from "@/lib/validation/ids";
import { environmentAccess } from "@/lib/server/access";
import { discardDeadLetter } from "@/lib/server/llm-trace-drains/deliveries";

/** Discards one dead letter for good. */
export const DELETE = userRoute(async ({ params, user, ip }) => {
  const { environmentId, drainId, deadLetterId } = parseParams(params, deadLetterParams, "Dead letter");
  const access = await environmentAccess(user, { id: environmentId }, "drain:write");
  await discardDeadLetter(access, drainId, deadLetterId, { userId: user.id, ip });
  return new Response(null, { status: 204 });
});

import { NextResponse } from "next/server";
import { userRoute, parseParams } from "@/lib/api/route";
import { deadLetterParams } from "@/lib/validation/ids";
import { environmentAccess } from "@/lib/server/access";
import { retryDeadLetter } from "@/lib/server/llm-trace-drains/deliveries";

/** Puts one dead letter back in the queue. */
export const POST = userRoute(async ({ params, user, ip }) => {
  const { environmentId, drainId, deadLetterId } = parseParams(params, deadLetterParams, "Dead letter");
  const access = await environmentAccess(user, { id: environmentId }, "drain:write");
  return NextResponse.json({ result: await retryDeadLetter(access, drainId, deadLetterId, { userId: user.id, ip }) });
});

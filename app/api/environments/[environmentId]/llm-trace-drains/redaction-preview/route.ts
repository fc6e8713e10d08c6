import { NextResponse } from "next/server";
import { userRoute, parseJsonBody, parseParams } from "@/lib/api/route";
import { environmentParams } from "@/lib/validation/ids";
import { redactionPreviewInput } from "@/lib/validation/drain-controls";
import { environmentAccess } from "@/lib/server/access";
import { previewRedaction } from "@/lib/server/llm-trace-drains/controls";
import { assertAiGatewayEnabledFor } from "@/lib/server/organizations";
import { consumeLimit } from "@/lib/server/rate-limits";

/** "Try it": a text redacted by the given settings, by the same code that runs at ingest. */
export const POST = userRoute(async ({ req, params, user }) => {
  const { environmentId } = parseParams(params, environmentParams, "Environment");
  const access = await environmentAccess(user, { id: environmentId }, "drain:write");
  // Drain settings exist only where drains do; each preview runs patterns on the server's thread.
  await assertAiGatewayEnabledFor(access.organizationId);
  await consumeLimit("redactionPreview", user.id, "Too many previews; wait a minute and try again");
  const input = await parseJsonBody(req, redactionPreviewInput);
  return NextResponse.json({ result: previewRedaction(input.redaction, input.text) });
});

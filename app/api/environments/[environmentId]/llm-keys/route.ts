import { NextResponse } from "next/server";
import { userRoute, parseJsonBody, parseParams } from "@/lib/api/route";
import { environmentParams } from "@/lib/validation/ids";
import { createLlmKeyInput } from "@/lib/validation/llm-keys";
import { environmentAccess } from "@/lib/server/access";
import { createLlmKey, listLlmKeys } from "@/lib/server/llm-keys";

export const GET = userRoute(async ({ params, user }) => {
  const { environmentId } = parseParams(params, environmentParams, "Environment");
  const access = await environmentAccess(user, { id: environmentId }, "llm_key:read");
  return NextResponse.json({ keys: await listLlmKeys(access) });
});

export const POST = userRoute(async ({ req, params, user, ip }) => {
  const { environmentId } = parseParams(params, environmentParams, "Environment");
  const access = await environmentAccess(user, { id: environmentId }, "llm_key:write");
  const input = await parseJsonBody(req, createLlmKeyInput);
  const created = await createLlmKey(access, input, { userId: user.id, ip });
  return NextResponse.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
});

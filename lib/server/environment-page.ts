import "server-only";
import { cache } from "react";
import { requireUser } from "./current-user";
import { environmentAccess } from "./access";
import { pageAccess } from "./page-access";

/** The signed-in user and their access to an environment page; cached per request for layout + page. */
export const environmentPageAccess = cache(async (orgHandle: string, envHandle: string) => {
  const user = await requireUser();
  const access = await pageAccess(
    environmentAccess(user, { organizationHandle: orgHandle, handle: envHandle }, "environment:read"),
  );
  return { user, access };
});

// One role → permission table drives both the server guards and what the UI offers.
// Platform admins get no implicit access to customer data (prompts may hold PHI):
// their powers are the /admin area only.

export const ROLES = ["OWNER", "MEMBER"] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  "environment:read" | "llm_key:read" | "llm_key:write" | "drain:read" | "drain:write" | "audit:read";

const table: Record<Role, readonly Permission[]> = {
  OWNER: ["environment:read", "llm_key:read", "llm_key:write", "drain:read", "drain:write", "audit:read"],
  MEMBER: ["environment:read", "llm_key:read", "drain:read", "audit:read"],
};

export function can(role: Role, permission: Permission): boolean {
  return table[role].includes(permission);
}

export const roleLabel: Record<Role, string> = { OWNER: "Owner", MEMBER: "Member" };

"use client";

import { useRouter } from "next/navigation";

type Org = { handle: string; name: string };

export function OrgSwitcher({ organizations, current }: { organizations: Org[]; current: string | null }) {
  const router = useRouter();
  if (organizations.length === 0) return null;
  if (organizations.length === 1) return <span>{organizations[0]!.name}</span>;
  return (
    <label>
      <span className="sr-only">Organization</span>
      <select
        aria-label="Organization"
        value={current ?? ""}
        onChange={(e) => router.push(`/orgs/${e.target.value}/environments`)}
      >
        {current === null ? <option value="">Choose an organization</option> : null}
        {organizations.map((o) => (
          <option key={o.handle} value={o.handle}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

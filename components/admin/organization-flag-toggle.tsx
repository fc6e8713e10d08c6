"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { UpdateOrganizationFlagsInput } from "@/lib/validation/admin";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

type Flag = "baaSigned" | "aiGatewayBetaEnrolled";

const copy: Record<
  Flag,
  { on: (org: string) => [string, string, string]; off: (org: string) => [string, string, string] }
> = {
  baaSigned: {
    on: (org) => [
      `Record a signed BAA for ${org}?`,
      "The organization will count as covered by a Business Associate Agreement from now on.",
      "Record BAA",
    ],
    off: (org) => [
      `Withdraw the BAA of ${org}?`,
      "Its LLM Trace Drains will be suspended and forward nothing until a BAA is recorded again.",
      "Withdraw BAA",
    ],
  },
  aiGatewayBetaEnrolled: {
    on: (org) => [
      `Enroll ${org} in the AI Gateway beta?`,
      "With a signed BAA, its owners can then create LLM Trace Drains.",
      "Enroll",
    ],
    off: (org) => [
      `Withdraw ${org} from the AI Gateway beta?`,
      "Its LLM Trace Drains will be suspended and forward nothing until it is enrolled again.",
      "Withdraw",
    ],
  },
};

/** A switch for one organization flag; every change asks for confirmation first. */
export function OrganizationFlagToggle({
  organizationId,
  organizationName,
  flag,
  value,
}: {
  organizationId: string;
  organizationName: string;
  flag: Flag;
  value: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const mutation = useMutation({
    mutationFn: (input: UpdateOrganizationFlagsInput) =>
      apiFetch(`/api/admin/organizations/${organizationId}`, { method: "PATCH", json: input }),
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  const [title, description, confirm] = (value ? copy[flag].off : copy[flag].on)(organizationName);
  const label = flag === "baaSigned" ? `BAA signed for ${organizationName}` : `AI Gateway beta for ${organizationName}`;
  return (
    <>
      <button
        type="button"
        role="switch"
        aria-checked={value}
        aria-label={label}
        className={`switch ${value ? "switch-on" : ""}`}
        onClick={() => setOpen(true)}
      >
        <span className="switch-knob" />
      </button>
      <ConfirmDialog
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          if (!o) mutation.reset();
        }}
        title={title}
        description={description}
        confirmLabel={confirm}
        pendingLabel="Saving…"
        pending={mutation.isPending}
        error={mutation.error}
        fallbackError="Could not save the change."
        danger={value}
        onConfirm={() => mutation.mutate({ [flag]: !value })}
      />
    </>
  );
}

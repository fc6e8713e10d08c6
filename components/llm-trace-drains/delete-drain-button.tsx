"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useDeleteDrain } from "./use-drains";
import type { DrainType } from "@/lib/validation/llm-trace-drains";
import { destinationMeta } from "@/lib/destinations/registry";

export function DeleteDrainButton({
  environmentId,
  drainId,
  handle,
  type,
  drainsPath,
}: {
  environmentId: string;
  drainId: string;
  handle: string;
  type: DrainType;
  drainsPath: string;
}) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const remove = useDeleteDrain(environmentId, drainId);
  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => setOpen(true)}>
        Delete
      </button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Delete ${handle}?`}
        description={`Nothing more will be forwarded to ${destinationMeta(type).noun}, and spans still queued for it are discarded. Traces already delivered stay there.`}
        confirmLabel="Delete drain"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={remove.error}
        fallbackError="Could not delete the drain. Try again."
        danger
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              // The deleted drain's page leaves the history: Back must not lead to a "not found".
              router.replace(drainsPath);
              router.refresh();
            },
          })
        }
      />
    </>
  );
}

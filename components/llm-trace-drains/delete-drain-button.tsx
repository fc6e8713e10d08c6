"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Dialog } from "@/components/ui/dialog";
import { ApiError } from "@/lib/api-client";
import { useDeleteDrain } from "./use-drains";

export function DeleteDrainButton({ environmentId, drainId, handle, drainsPath }: { environmentId: string; drainId: string; handle: string; drainsPath: string }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const remove = useDeleteDrain(environmentId, drainId);
  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => setOpen(true)}>
        Delete
      </button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={`Delete ${handle}?`}
        description="Nothing more will be forwarded to this Langfuse project. Traces already in Langfuse stay there."
      >
        {remove.error ? (
          <div className="alert alert-error" role="alert" style={{ marginTop: 12 }}>
            {remove.error instanceof ApiError ? remove.error.message : "Could not delete the drain. Try again."}
          </div>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(undefined, {
                onSuccess: () => {
                  router.push(drainsPath);
                  router.refresh();
                },
              })
            }
          >
            {remove.isPending ? "Deleting…" : "Delete drain"}
          </button>
        </div>
      </Dialog>
    </>
  );
}

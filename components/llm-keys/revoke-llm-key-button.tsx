"use client";

import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { ApiError } from "@/lib/api-client";
import type { LlmKeyView } from "@/lib/validation/llm-keys";
import { useRevokeLlmKey } from "./use-llm-keys";

export function RevokeLlmKeyButton({ environmentId, llmKey }: { environmentId: string; llmKey: LlmKeyView }) {
  const [open, setOpen] = useState(false);
  const revoke = useRevokeLlmKey(environmentId);
  const close = (next: boolean) => {
    setOpen(next);
    if (!next) revoke.reset();
  };
  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => setOpen(true)} aria-label={`Revoke ${llmKey.alias}`}>
        Revoke
      </button>
      <Dialog
        open={open}
        onOpenChange={close}
        title={`Revoke ${llmKey.alias}?`}
        description="Requests made with this key will be refused by the AI Gateway. This cannot be undone."
      >
        {revoke.error ? (
          <div className="alert alert-error" role="alert" style={{ marginTop: 12 }}>
            {revoke.error instanceof ApiError ? revoke.error.message : "Could not revoke the key. Try again."}
          </div>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => close(false)}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate(llmKey.id, { onSuccess: () => close(false) })}
          >
            {revoke.isPending ? "Revoking…" : "Revoke key"}
          </button>
        </div>
      </Dialog>
    </>
  );
}

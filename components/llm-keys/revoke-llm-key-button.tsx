"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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
      <button
        type="button"
        className="btn btn-danger"
        onClick={() => setOpen(true)}
        aria-label={`Revoke ${llmKey.alias}`}
      >
        Revoke
      </button>
      <ConfirmDialog
        open={open}
        onOpenChange={close}
        title={`Revoke ${llmKey.alias}?`}
        description="Requests made with this key will be refused by the AI Gateway. This cannot be undone."
        confirmLabel="Revoke key"
        pendingLabel="Revoking…"
        pending={revoke.isPending}
        error={revoke.error}
        fallbackError="Could not revoke the key. Try again."
        danger
        onConfirm={() => revoke.mutate(llmKey.id, { onSuccess: () => close(false) })}
      />
    </>
  );
}

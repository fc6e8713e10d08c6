"use client";

import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { onDemand } from "@/components/ui/on-demand";

// The form (react-hook-form, zod) loads with the dialog, not with the keys page.
const CreateLlmKeyForm = onDemand(() => import("./create-llm-key-form").then((m) => m.CreateLlmKeyForm));

/** Creates a key and shows its full value exactly once; closing the dialog forgets it. */
export function CreateLlmKeyDialog({ environmentId }: { environmentId: string }) {
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setSecret(null);
    }
  };

  return (
    <>
      <button type="button" className="btn btn-primary" onClick={() => onOpenChange(true)}>
        Create LLM key
      </button>
      <Dialog open={open} onOpenChange={onOpenChange} title={secret ? "Your new LLM key" : "Create LLM key"}>
        {secret ? (
          <div>
            <div className="alert alert-warn" role="status">
              Copy this key now. It is shown only once; we store only its hash.
            </div>
            <div className="secret-box">
              <code aria-label="New LLM key">{secret}</code>
            </div>
            <div className="dialog-actions">
              <CopyButton text={secret} label="Copy key" />
              <button type="button" className="btn btn-primary" onClick={() => onOpenChange(false)}>
                Done
              </button>
            </div>
          </div>
        ) : (
          <CreateLlmKeyForm environmentId={environmentId} onCreated={setSecret} onCancel={() => onOpenChange(false)} />
        )}
      </Dialog>
    </>
  );
}

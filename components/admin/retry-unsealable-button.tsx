"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/api-client";
import { PendingButton } from "@/components/ui/pending-button";
import { FormError } from "@/components/ui/field";

/** Gives the records sealing gave up on their tries back; the page then shows what is left. */
export function RetryUnsealableButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const retry = async () => {
    setPending(true);
    setError(null);
    try {
      await apiFetch("/api/admin/ingest-pipeline/retry", { method: "POST" });
      router.refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not retry. Try again.");
    } finally {
      setPending(false);
    }
  };
  return (
    <>
      <PendingButton className="btn" pending={pending} onClick={retry}>
        {pending ? "Retrying…" : "Try sealing again"}
      </PendingButton>
      <FormError message={error ?? undefined} />
    </>
  );
}

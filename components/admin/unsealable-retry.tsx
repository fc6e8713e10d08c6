"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/api-client";
import { PendingButton } from "@/components/ui/pending-button";
import { FormError } from "@/components/ui/field";
import { countOf } from "@/lib/format";

// The records sealing gave up on, and the way to try them again. It stays mounted while the
// page refreshes, so what the retry did is still said (and focused) once the records it gave
// back are no longer counted as given up on.

export function UnsealableRetry({ records: unsealable }: { records: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const outcome = useRef<HTMLParagraphElement>(null);

  const retry = async () => {
    setPending(true);
    setError(null);
    try {
      const { retried } = await apiFetch<{ retried: { records: number } }>("/api/admin/ingest-pipeline/retry", {
        method: "POST",
      });
      setDone(
        retried.records > 0
          ? `${countOf(retried.records, "record")} will be sealed again within seconds.`
          : "Nothing was left to retry: another admin may have retried them already.",
      );
      router.refresh();
      requestAnimationFrame(() => outcome.current?.focus());
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not retry. Try again.");
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <p
        ref={outcome}
        role="status"
        tabIndex={-1}
        className={done ? "alert alert-ok" : undefined}
        style={done ? undefined : { margin: 0 }}
      >
        {done}
      </p>
      {unsealable > 0 ? (
        <div className="alert alert-warn">
          <p>
            Sealing gave up on {countOf(unsealable, "record")} after its tries. They are kept, not forwarded. The server
            log says why (&ldquo;staged ingest: sealing failed&rdquo;); once that is fixed, try them again.
          </p>
          <PendingButton className="btn" pending={pending} onClick={retry}>
            {pending ? "Retrying…" : "Try sealing again"}
          </PendingButton>
          <FormError message={error ?? undefined} />
        </div>
      ) : null}
    </>
  );
}

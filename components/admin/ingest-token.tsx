"use client";

import { useState } from "react";
import { ApiError, apiFetch } from "@/lib/api-client";

/** The generated gateway ingest token, fetched only when an admin asks to see it: the page never holds it. */
export function IngestToken() {
  const [token, setToken] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    setError(null);
    if (token !== null) return setToken(null);
    setPending(true);
    try {
      setToken((await apiFetch<{ token: string | null }>("/api/admin/ingest-token")).token ?? "");
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not load the token.");
    } finally {
      setPending(false);
    }
  };
  return (
    <>
      <div className="row">
        <code aria-label="Gateway ingest token">{token || "•".repeat(24)}</code>
        <button type="button" className="btn" aria-pressed={token !== null} disabled={pending} onClick={toggle}>
          {token !== null ? "Hide token" : pending ? "Loading…" : "Show token"}
        </button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

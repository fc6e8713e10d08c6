"use client";

import { useState } from "react";
import { apiFetch } from "@/lib/api-client";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="btn-link"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await apiFetch("/api/auth/sign-out", { method: "POST" }).catch(() => undefined);
        // Replace, not push: Back must not return to a page of the ended session.
        window.location.replace("/sign-in");
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}

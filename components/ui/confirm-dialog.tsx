"use client";

import type { ReactNode } from "react";
import { ApiError } from "@/lib/api-client";
import { Dialog } from "./dialog";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  error: unknown;
  /** Shown when the error is not an API error with its own message. */
  fallbackError: string;
  danger?: boolean;
  onConfirm: () => void;
};

/** Asks before a consequential action; shows progress and the server's reason on failure. */
export function ConfirmDialog(p: Props) {
  return (
    <Dialog open={p.open} onOpenChange={p.onOpenChange} title={p.title} description={p.description}>
      {p.error ? (
        <div className="alert alert-error" role="alert" style={{ marginTop: 12 }}>
          {p.error instanceof ApiError ? p.error.message : p.fallbackError}
        </div>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={() => p.onOpenChange(false)}>
          Cancel
        </button>
        <button
          type="button"
          className={p.danger ? "btn btn-danger" : "btn btn-primary"}
          disabled={p.pending}
          onClick={p.onConfirm}
        >
          {p.pending ? p.pendingLabel : p.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

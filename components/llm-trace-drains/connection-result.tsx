"use client";

import { ApiError } from "@/lib/api-client";
import type { ConnectionResult } from "@/lib/validation/llm-trace-drains";

/** What the message shows of a test: a React Query mutation (drain page) or useConnectionTest (new-drain form). */
export type ConnectionTestState = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: ConnectionResult | undefined;
};

/** The inline outcome of Test connection: progress, the project name, or the reason. */
export function ConnectionResultMessage({ test }: { test: ConnectionTestState }) {
  if (test.isPending) return <p role="status">Testing connection…</p>;
  if (test.isError) {
    return (
      <div className="alert alert-error" role="alert">
        {test.error instanceof ApiError ? test.error.message : "Could not test the connection. Try again."}
      </div>
    );
  }
  if (!test.data) return null;
  return test.data.ok ? (
    <div className="alert alert-ok" role="status">
      {test.data.message}
    </div>
  ) : (
    <div className="alert alert-error" role="alert">
      Connection failed: {test.data.message}
    </div>
  );
}

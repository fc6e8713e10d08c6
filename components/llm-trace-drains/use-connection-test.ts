"use client";

import { useRef, useState } from "react";
import type { ConnectionResult, TestConnectionInput } from "@/lib/validation/llm-trace-drains";
import type { ConnectionTestState } from "./connection-result";
import { testConnection } from "./drain-api";

type Outcome =
  { status: "idle" | "pending" } | { status: "success"; data: ConnectionResult } | { status: "error"; error: unknown };

/**
 * Test connection of typed-in settings, for the new-drain form, whose page does not load React
 * Query. It keeps what the mutation it replaces showed: only the latest test counts, so after
 * `reset` (another destination type chosen) or a newer test, an earlier answer is not shown.
 */
export function useConnectionTest(environmentId: string) {
  const [outcome, setOutcome] = useState<Outcome>({ status: "idle" });
  const latest = useRef(0);

  /**
   * Resolves with the result, or undefined when the request failed (the error is shown).
   * `onResult` runs only while this is still the latest test.
   */
  const run = async (
    input: TestConnectionInput,
    onResult?: (result: ConnectionResult) => void,
  ): Promise<ConnectionResult | undefined> => {
    const call = ++latest.current;
    setOutcome({ status: "pending" });
    try {
      const data = await testConnection(environmentId, input);
      if (call === latest.current) {
        setOutcome({ status: "success", data });
        onResult?.(data);
      }
      return data;
    } catch (error) {
      if (call === latest.current) setOutcome({ status: "error", error });
      return undefined;
    }
  };

  const reset = () => {
    latest.current++;
    setOutcome({ status: "idle" });
  };

  const state: ConnectionTestState = {
    isPending: outcome.status === "pending",
    isError: outcome.status === "error",
    error: outcome.status === "error" ? outcome.error : null,
    data: outcome.status === "success" ? outcome.data : undefined,
  };
  return { ...state, run, reset };
}

import "server-only";
import { AppError } from "../../errors";
import { compileRedactor, patternProblems } from "../../redaction/redactor";
import { NO_CONTROLS, type DrainControls } from "../../validation/drain-controls";

/**
 * Custom redaction patterns must compile on RE2 before they are saved; a refusal names its
 * field by its place in the request's body (`controls.redaction…` in a drain, `redaction…` in
 * a preview).
 */
export function assertRunnablePatterns(controls: DrainControls, at = "controls."): void {
  const fields: Record<string, string> = {};
  patternProblems(controls.redaction.customPatterns.map((p) => p.pattern)).forEach((problem, i) => {
    if (problem) fields[`${at}redaction.customPatterns.${i}.pattern`] = problem;
  });
  if (Object.keys(fields).length > 0) throw new AppError("validation_failed", "Some fields need attention", fields);
}

/** Which parts of the controls an edit changed, for the audit trail (never patterns or matches). */
export function changedControls(before: DrainControls, after: DrainControls): string[] {
  return (["redaction", "sampleRate", "keepFailures", "filters"] as const)
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => `controls.${k}`);
}

/** The redaction preview: the same redactor as ingest, on a text the owner typed. */
export function previewRedaction(redaction: DrainControls["redaction"], text: string) {
  assertRunnablePatterns({ ...NO_CONTROLS, redaction }, "");
  return compileRedactor(redaction)(text);
}

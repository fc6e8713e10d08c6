import type { FieldErrors, FieldValues } from "react-hook-form";

/**
 * aria-invalid and aria-describedby for a form control: its hint (when the field has one)
 * and its error (only while one is shown), so the description never points at a missing id.
 */
export function fieldAria<T extends FieldValues>(errors: FieldErrors<T>, name: string, hasHint = true) {
  const error = name
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], errors);
  const ids = [hasHint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ");
  return { "aria-invalid": !!error, ...(ids ? { "aria-describedby": ids } : {}) };
}

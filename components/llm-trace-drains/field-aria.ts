import type { FieldErrors, FieldValues } from "react-hook-form";

/** aria-invalid and aria-describedby for a form control, pointing at its hint and error (when shown). */
export function fieldAria<T extends FieldValues>(errors: FieldErrors<T>, name: string) {
  const error = name
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], errors);
  return { "aria-invalid": !!error, "aria-describedby": `${name}-hint ${name}-error` };
}

import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { ApiError } from "@/lib/api-client";

/** Puts an API error's per-field messages next to their inputs; anything else becomes the form's root error. */
export function applyServerErrors<T extends FieldValues>(
  err: unknown,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
): void {
  if (!(err instanceof ApiError)) {
    setError("root", { message: "Something went wrong. Try again." });
    return;
  }
  let placed = false;
  for (const [field, message] of Object.entries(err.fields)) {
    // A field or an element of it (`headers.0.value`).
    if ((fields as readonly string[]).some((f) => field === f || field.startsWith(`${f}.`))) {
      setError(field as Path<T>, { message });
      placed = true;
    }
  }
  if (!placed) setError("root", { message: err.message });
}

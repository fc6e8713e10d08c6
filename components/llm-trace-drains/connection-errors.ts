import type { FieldPath, FieldValues, UseFormReturn } from "react-hook-form";

/**
 * Removes the messages a failed connection test put at fields (`type: "connection"`): they were
 * about values the user has since changed. Field errors of the form's own checks stay.
 */
export function clearConnectionErrors<T extends FieldValues>(
  form: Pick<UseFormReturn<T>, "formState" | "clearErrors">,
): void {
  for (const [name, error] of Object.entries(form.formState.errors)) {
    if (error?.type === "connection") form.clearErrors(name as FieldPath<T>);
  }
}

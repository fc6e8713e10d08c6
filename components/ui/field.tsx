import type { ReactNode } from "react";

type Props = { id: string; label: string; error?: string; hint?: ReactNode; children: ReactNode };

/** Label, control, hint and error in one place; the control should set aria-describedby={`${id}-error`}. */
export function Field({ id, label, error, hint, children }: Props) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <span className="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** An error that belongs to the whole form rather than one field (a server refusal, a lost connection). */
export function FormError({ message }: { message?: string }) {
  return message ? (
    <div className="alert alert-error" role="alert">
      {message}
    </div>
  ) : null;
}

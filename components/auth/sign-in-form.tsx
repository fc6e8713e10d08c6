"use client";

import { useState, type FormEvent } from "react";
import { apiFetch, ApiError } from "@/lib/api-client";
import { Field } from "@/components/ui/field";

type FieldName = "email" | "password";

// Two fields do not need a form library: the page every user meets first stays small. The
// schema is the server's (lib/validation/auth.ts), loaded with zod when the form is submitted.
export function SignInForm({ next, expired }: { next: string; expired: boolean }) {
  const [formError, setFormError] = useState<string | null>(
    expired ? "Your session has ended. Sign in again to continue." : null,
  );
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [submitting, setSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const { signInInput } = await import("@/lib/validation/auth");
    const parsed = signInInput.safeParse({ email: data.get("email") ?? "", password: data.get("password") ?? "" });
    if (!parsed.success) {
      // The last attempt's "Incorrect email or password" no longer applies to what is typed now.
      setFormError(null);
      const found: Partial<Record<FieldName, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === "email" || field === "password") && !found[field]) found[field] = issue.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setFormError(null);
    setSubmitting(true);
    try {
      await apiFetch("/api/auth/sign-in", { method: "POST", json: parsed.data });
      // A full navigation so every server component renders with the new session.
      window.location.assign(next);
    } catch (err) {
      setSubmitting(false);
      if (err instanceof ApiError) {
        setErrors({ email: err.fields.email, password: err.fields.password });
        setFormError(err.message);
      } else setFormError("Something went wrong. Try again.");
    }
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Sign in">
      {formError ? (
        <div className="alert alert-error" role="alert">
          {formError}
        </div>
      ) : null}
      <Field id="email" label="Email" error={errors.email}>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          aria-invalid={!!errors.email}
          aria-describedby="email-error"
        />
      </Field>
      <Field id="password" label="Password" error={errors.password}>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={!!errors.password}
          aria-describedby="password-error"
        />
      </Field>
      <button
        className="btn btn-primary"
        type="submit"
        disabled={submitting}
        style={{ width: "100%", justifyContent: "center" }}
      >
        {submitting ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

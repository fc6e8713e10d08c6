"use client";

import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import type { z } from "zod";
import { signInInput } from "@/lib/validation/auth";
import { apiFetch, ApiError } from "@/lib/api-client";
import { Field } from "@/components/ui/field";

type Input = z.input<typeof signInInput>;
type Output = z.output<typeof signInInput>;

export function SignInForm({ next, expired }: { next: string; expired: boolean }) {
  const [formError, setFormError] = useState<string | null>(
    expired ? "Your session has ended. Sign in again to continue." : null,
  );
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Input, unknown, Output>({ resolver: zodResolver(signInInput) });

  const onSubmit = async (values: Output) => {
    setFormError(null);
    try {
      await apiFetch("/api/auth/sign-in", { method: "POST", json: values });
      // A full navigation so every server component renders with the new session.
      window.location.assign(next);
    } catch (err) {
      if (err instanceof ApiError) {
        for (const [field, message] of Object.entries(err.fields)) {
          if (field === "email" || field === "password") setError(field, { message });
        }
        setFormError(err.message);
      } else setFormError("Something went wrong. Try again.");
    }
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label="Sign in">
      {formError ? (
        <div className="alert alert-error" role="alert">
          {formError}
        </div>
      ) : null}
      <Field id="email" label="Email" error={errors.email?.message}>
        <input
          id="email"
          type="email"
          autoComplete="username"
          aria-invalid={!!errors.email}
          aria-describedby="email-error"
          {...register("email")}
        />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={!!errors.password}
          aria-describedby="password-error"
          {...register("password")}
        />
      </Field>
      <button
        className="btn btn-primary"
        type="submit"
        disabled={isSubmitting}
        style={{ width: "100%", justifyContent: "center" }}
      >
        {isSubmitting ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

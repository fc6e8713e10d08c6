"use client";

import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type * as z from "zod/mini";
import { createLlmKeyInput } from "@/lib/validation/llm-keys";
import { ApiError } from "@/lib/api-client";
import { Field, FormError } from "@/components/ui/field";
import { useCreateLlmKey } from "./use-llm-keys";

type Input = z.input<typeof createLlmKeyInput>;
type Output = z.output<typeof createLlmKeyInput>;

type Props = { environmentId: string; onCreated: (secret: string) => void; onCancel: () => void };

/** The alias form of the create-key dialog, loaded when the dialog opens. */
export function CreateLlmKeyForm({ environmentId, onCreated, onCancel }: Props) {
  const create = useCreateLlmKey(environmentId);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(createLlmKeyInput),
    defaultValues: { alias: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = async (values: Output) => {
    try {
      onCreated((await create.mutateAsync(values)).secret);
    } catch (err) {
      const message =
        err instanceof ApiError ? (err.fields.alias ?? err.message) : "Could not create the key. Try again.";
      form.setError(err instanceof ApiError && err.fields.alias ? "alias" : "root", { message });
    }
  };

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
      <FormError message={errors.root?.message} />
      <Field
        id="alias"
        label="Alias"
        error={errors.alias?.message}
        hint="A name to recognise the key by, such as the app that uses it."
      >
        <input
          id="alias"
          autoComplete="off"
          aria-invalid={!!errors.alias}
          aria-describedby="alias-hint alias-error"
          {...form.register("alias")}
        />
      </Field>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {isSubmitting ? "Creating…" : "Create key"}
        </button>
      </div>
    </form>
  );
}

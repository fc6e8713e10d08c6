"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { createLlmKeyInput } from "@/lib/validation/llm-keys";
import { ApiError } from "@/lib/api-client";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { useCreateLlmKey } from "./use-llm-keys";

type Input = z.input<typeof createLlmKeyInput>;
type Output = z.output<typeof createLlmKeyInput>;

/** Creates a key and shows its full value exactly once; closing the dialog forgets it. */
export function CreateLlmKeyDialog({ environmentId }: { environmentId: string }) {
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useCreateLlmKey(environmentId);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(createLlmKeyInput),
    defaultValues: { alias: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setSecret(null);
      setCopied(false);
      form.reset();
      create.reset();
    }
  };

  const onSubmit = async (values: Output) => {
    try {
      const created = await create.mutateAsync(values);
      setSecret(created.secret);
    } catch (err) {
      const message =
        err instanceof ApiError ? (err.fields.alias ?? err.message) : "Could not create the key. Try again.";
      form.setError(err instanceof ApiError && err.fields.alias ? "alias" : "root", { message });
    }
  };

  return (
    <>
      <button type="button" className="btn btn-primary" onClick={() => onOpenChange(true)}>
        Create LLM key
      </button>
      <Dialog open={open} onOpenChange={onOpenChange} title={secret ? "Your new LLM key" : "Create LLM key"}>
        {secret ? (
          <div>
            <div className="alert alert-warn" role="status">
              Copy this key now. It is shown only once; we store only its hash.
            </div>
            <div className="secret-box">
              <code aria-label="New LLM key">{secret}</code>
            </div>
            <div className="dialog-actions">
              <button
                type="button"
                className="btn"
                onClick={() => {
                  void navigator.clipboard?.writeText(secret).then(
                    () => setCopied(true),
                    () => undefined,
                  );
                }}
              >
                {copied ? "Copied" : "Copy key"}
              </button>
              <button type="button" className="btn btn-primary" onClick={() => onOpenChange(false)}>
                Done
              </button>
            </div>
          </div>
        ) : (
          <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
            {errors.root ? (
              <div className="alert alert-error" role="alert">
                {errors.root.message}
              </div>
            ) : null}
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
              <button type="button" className="btn" onClick={() => onOpenChange(false)}>
                Cancel
              </button>
              <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
                {isSubmitting ? "Creating…" : "Create key"}
              </button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}

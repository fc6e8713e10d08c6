"use client";

import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import * as z from "zod/mini";
import {
  ACKNOWLEDGE_CONTENT,
  baseUrl,
  drainHandle,
  publicKey,
  secretKey,
  type DrainView,
} from "@/lib/validation/llm-trace-drains";
import { acknowledgementLabel, ContentWarning } from "./content-warning";
import { Field } from "@/components/ui/field";
import { SecretKeyInput } from "./secret-key-input";
import { applyServerErrors } from "./apply-server-errors";
import { useUpdateDrain } from "./use-drains";

// The edit form derives its schema from the shared field schemas; an empty secret keeps
// the stored key (the server applies the same rule to the same request body).
// Turning content forwarding on needs the same acknowledgement as creating such a drain.
const editForm = (contentWasForwarded: boolean) =>
  z
    .object({
      handle: drainHandle,
      baseUrl,
      publicKey,
      secretKey: z.union([z.literal(""), secretKey]),
      forwardContent: z.boolean(),
      acknowledgeContentForwarding: z.optional(z.boolean()),
    })
    .check(
      z.refine((v) => contentWasForwarded || !v.forwardContent || v.acknowledgeContentForwarding === true, {
        path: ["acknowledgeContentForwarding"],
        message: ACKNOWLEDGE_CONTENT,
      }),
    );
type EditForm = ReturnType<typeof editForm>;
type Input = z.input<EditForm>;
type Output = z.output<EditForm>;
const FIELDS = ["handle", "baseUrl", "publicKey", "secretKey"] as const;

type Props = { environmentId: string; drain: DrainView; onDone: () => void };

export function EditDrainForm({ environmentId, drain, onDone }: Props) {
  const update = useUpdateDrain(environmentId, drain.id);
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(editForm(drain.forwardContent)),
    defaultValues: {
      handle: drain.handle,
      baseUrl: drain.baseUrl,
      publicKey: drain.publicKey,
      secretKey: "",
      forwardContent: drain.forwardContent,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const forwardContent = useWatch({ control: form.control, name: "forwardContent" });
  const aria = (name: (typeof FIELDS)[number]) => ({
    "aria-invalid": !!errors[name],
    "aria-describedby": `${name}-hint ${name}-error`,
  });

  const onSubmit = async (values: Output) => {
    try {
      const { acknowledgeContentForwarding: _acknowledged, ...changes } = values;
      await update.mutateAsync({ ...changes, secretKey: changes.secretKey || undefined });
      onDone();
    } catch (err) {
      applyServerErrors(err, FIELDS, form.setError);
    }
  };

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate aria-label="Edit LLM Trace Drain">
      {errors.root ? (
        <div className="alert alert-error" role="alert">
          {errors.root.message}
        </div>
      ) : null}
      <Field id="handle" label="Handle" error={errors.handle?.message}>
        <input id="handle" autoComplete="off" {...aria("handle")} {...form.register("handle")} />
      </Field>
      <Field
        id="baseUrl"
        label="Base URL"
        error={errors.baseUrl?.message}
        hint="Changing it requires the secret key again."
      >
        <input id="baseUrl" type="url" autoComplete="off" {...aria("baseUrl")} {...form.register("baseUrl")} />
      </Field>
      <Field id="publicKey" label="Public Key" error={errors.publicKey?.message}>
        <input
          id="publicKey"
          autoComplete="off"
          spellCheck={false}
          {...aria("publicKey")}
          {...form.register("publicKey")}
        />
      </Field>
      <Field
        id="secretKey"
        label="Secret Key"
        error={errors.secretKey?.message}
        hint={`Leave empty to keep the stored key (${drain.secretKeyHint}).`}
      >
        <SecretKeyInput id="secretKey" {...aria("secretKey")} {...form.register("secretKey")} />
      </Field>
      <div className="field">
        <label className="row" style={{ fontWeight: 500 }}>
          <input type="checkbox" {...form.register("forwardContent")} />
          Forward prompt and completion content
        </label>
      </div>
      {forwardContent && !drain.forwardContent ? (
        <>
          <ContentWarning forwardContent />
          <div className="field">
            <label className="row" style={{ fontWeight: 500 }}>
              <input
                type="checkbox"
                aria-invalid={!!errors.acknowledgeContentForwarding}
                {...form.register("acknowledgeContentForwarding")}
              />
              {acknowledgementLabel(true)}
            </label>
            {errors.acknowledgeContentForwarding ? (
              <span className="field-error" role="alert">
                {errors.acknowledgeContentForwarding.message}
              </span>
            ) : null}
          </div>
        </>
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save changes"}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

"use client";

import { useEffect, useState } from "react";
import { useForm, useWatch, type FieldPath } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import * as z from "zod/mini";
import type { $ZodType } from "zod/v4/core";
import {
  ACKNOWLEDGE_CONTENT,
  drainHandle,
  testConnectionInput,
  type ConnectionResult,
  type DrainView,
} from "@/lib/validation/llm-trace-drains";
import { DESTINATION_SCHEMAS } from "@/lib/destinations/schemas";
import { ALL_DESTINATION_DEFAULTS, DESTINATION_FORMS, type DrainFormValues } from "@/lib/destinations/form-fields";
import { acknowledgementLabel, ContentWarning } from "./content-warning";
import { Field, FormError } from "@/components/ui/field";
import { applyServerErrors } from "./apply-server-errors";
import { fieldAria } from "./field-aria";
import { clearConnectionErrors } from "./connection-errors";
import { SaveRefused } from "./save-refused";
import { useTestConnection, useUpdateDrain } from "./use-drains";

// The edit form derives its schema from the shared field schemas of the drain's destination
// (its `edit` fields: an empty secret keeps the stored one, headers are kept unless
// replaced; the server applies the same rules to the same request body). Turning content
// forwarding on needs the same acknowledgement as creating such a drain.
const editForm = (drain: DrainView) => {
  const destination = DESTINATION_SCHEMAS.find((d) => d.type === drain.type)!;
  const shape: z.core.$ZodShape = {
    handle: drainHandle,
    forwardContent: z.boolean(),
    acknowledgeContentForwarding: z.optional(z.boolean()),
    ...destination.edit,
  };
  return z.object(shape).check(
    z.refine((v) => drain.forwardContent || !v.forwardContent || v.acknowledgeContentForwarding === true, {
      path: ["acknowledgeContentForwarding"],
      message: ACKNOWLEDGE_CONTENT,
    }),
    ...("editCheck" in destination ? [destination.editCheck as z.core.$ZodCheck<Record<string, unknown>>] : []),
  );
};

type Props = { environmentId: string; drain: DrainView; onDone: () => void };

export function EditDrainForm({ environmentId, drain, onDone }: Props) {
  const update = useUpdateDrain(environmentId, drain.id);
  const destination = DESTINATION_FORMS[drain.type];
  const form = useForm<DrainFormValues>({
    resolver: zodResolver(editForm(drain) as unknown as $ZodType<DrainFormValues, DrainFormValues>),
    defaultValues: {
      type: drain.type,
      handle: drain.handle,
      forwardContent: drain.forwardContent,
      acknowledgeContentForwarding: false,
      ...ALL_DESTINATION_DEFAULTS,
      ...destination.editValues(drain),
    },
  });
  const { errors, isSubmitting } = form.formState;
  const forwardContent = useWatch({ control: form.control, name: "forwardContent" });
  const fields = ["handle", ...destination.fieldNames] as FieldPath<DrainFormValues>[];

  // New credentials are tested before they replace working ones, as on create: the form then
  // holds every connection setting (changing the URL or key needs the secret again).
  // Opened from the Edit button, which is gone now: focus goes to the first field, not to <body>.
  useEffect(() => form.setFocus("handle"), [form]);
  const test = useTestConnection(environmentId);
  const [refused, setRefused] = useState<Extract<ConnectionResult, { ok: false }> | null>(null);
  // A refusal is about the values it was given: once the user changes one (every field's change
  // bubbles up to the form), it and its message at a field go, as in the new-drain form.
  const forgetRefusal = () => {
    setRefused(null);
    clearConnectionErrors(form);
  };
  const save = async (values: DrainFormValues, anyway: boolean) => {
    setRefused(null);
    // An OpenTelemetry drain without headers has every setting in the form once its endpoint changes.
    const moved = drain.type === "otlp" && drain.headerNames.length === 0 && values.endpoint !== drain.endpoint;
    const settings = destination.hasNewCredentials(values) || moved ? testConnectionInput.safeParse(values) : undefined;
    if (!anyway && settings?.success) {
      const result = await test.mutateAsync(settings.data).catch(() => undefined);
      if (result && !result.ok) {
        // Next to the field it points at (the URL, or the keys), and above the save button.
        form.setError(destination.connectionField(result.reason) as FieldPath<DrainFormValues>, {
          type: "connection",
          message: result.message,
        });
        setRefused(result);
        return;
      }
    }
    try {
      await update.mutateAsync({
        handle: values.handle,
        forwardContent: values.forwardContent,
        ...destination.toUpdate(values),
        // Saving anyway also keeps a new host name that does not resolve yet.
        allowUnresolvedHost: anyway || undefined,
      });
      onDone();
    } catch (err) {
      applyServerErrors(err, fields, form.setError);
    }
  };

  return (
    <form
      onSubmit={form.handleSubmit((values) => save(values, false))}
      onChange={forgetRefusal}
      noValidate
      aria-label="Edit LLM Trace Drain"
    >
      <FormError message={errors.root?.message} />
      <Field id="handle" label="Handle" error={errors.handle?.message}>
        <input id="handle" autoComplete="off" {...fieldAria(errors, "handle", false)} {...form.register("handle")} />
      </Field>
      <destination.Fields form={form} drain={drain} />
      <div className="field">
        <label className="check">
          <input type="checkbox" {...form.register("forwardContent")} />
          Forward prompt and completion content
        </label>
      </div>
      {forwardContent && !drain.forwardContent ? (
        <>
          <ContentWarning forwardContent type={drain.type} />
          <div className="field">
            <label className="check">
              <input
                type="checkbox"
                aria-invalid={!!errors.acknowledgeContentForwarding}
                {...form.register("acknowledgeContentForwarding")}
              />
              {acknowledgementLabel(true, drain.type)}
            </label>
            {errors.acknowledgeContentForwarding ? (
              <span className="field-error" role="alert">
                {errors.acknowledgeContentForwarding.message}
              </span>
            ) : null}
          </div>
        </>
      ) : null}
      {refused !== null ? (
        <SaveRefused
          reason={refused.message}
          onSaveAnyway={
            refused.canSaveAnyway ? () => void form.handleSubmit((values) => save(values, true))() : undefined
          }
        />
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {isSubmitting ? (test.isPending ? "Testing connection…" : "Saving…") : "Save changes"}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

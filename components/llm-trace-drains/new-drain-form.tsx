"use client";

import { useState } from "react";
import { useForm, useWatch, type FieldPath } from "react-hook-form";
import { useRouter } from "next/navigation";
import Link from "next/link";
import type { $ZodType } from "zod/v4/core";
import type { ConnectionResult, CreateDrainInput } from "@/lib/validation/llm-trace-drains";
import { DESTINATION_TYPES, destinationMeta } from "@/lib/destinations/registry";
import {
  ALL_DESTINATION_DEFAULTS,
  DESTINATION_FORMS,
  preloadDestinationFields,
  type DrainFormValues,
} from "@/lib/destinations/form-fields";
import { lazyZodResolver } from "@/lib/forms/lazy-zod-resolver";
import { Field, FormError } from "@/components/ui/field";
import { PendingButton } from "@/components/ui/pending-button";
import { acknowledgementLabel, ContentWarning } from "./content-warning";
import { ConnectionResultMessage } from "./connection-result";
import { SaveRefused } from "./save-refused";
import { applyServerErrors } from "./apply-server-errors";
import { fieldAria } from "./field-aria";
import { clearConnectionErrors } from "./connection-errors";
import { createDrain, drainsKey } from "./drain-api";
import { useConnectionTest } from "./use-connection-test";
import { invalidateCachedQueries } from "@/components/query-client";

// The schemas (and zod) load on first validation: see lib/forms/lazy-zod-resolver.ts. The
// form holds every destination's fields; the create schema of the chosen type keeps its own.
// No React Query here, to keep it out of this page's JavaScript: react-hook-form's
// isSubmitting tracks the save, useConnectionTest the Test connection button.
const validation = () => import("@/lib/validation/llm-trace-drains");
const COMMON_FIELDS = ["type", "handle", "forwardContent", "acknowledgeContentForwarding"] as const;

export function NewDrainForm({ environmentId, drainsPath }: { environmentId: string; drainsPath: string }) {
  const router = useRouter();
  const test = useConnectionTest(environmentId);
  const form = useForm<DrainFormValues, unknown, CreateDrainInput>({
    resolver: lazyZodResolver(() =>
      validation().then((m) => m.createDrainInput as unknown as $ZodType<CreateDrainInput, DrainFormValues>),
    ),
    defaultValues: {
      type: "langfuse",
      handle: "",
      forwardContent: true,
      acknowledgeContentForwarding: false,
      ...ALL_DESTINATION_DEFAULTS,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const type = useWatch({ control: form.control, name: "type" });
  const forwardContent = useWatch({ control: form.control, name: "forwardContent" }) !== false;
  const destination = DESTINATION_FORMS[type];
  const fields = [...COMMON_FIELDS, ...destination.fieldNames] as FieldPath<DrainFormValues>[];

  // Save tests the connection first; a failure stops it with the reason, and "Save anyway"
  // saves regardless (the destination may be down for now, or reachable only later). It is
  // kept as the result it refused for: shown only while that result is the one on screen.
  const [refused, setRefused] = useState<Extract<ConnectionResult, { ok: false }>>();
  // A result is about the values it was given: once the user changes one (every field's change
  // bubbles up to the form), the result, its "Save anyway" and its message at a field go.
  const forgetResult = () => {
    test.reset();
    clearConnectionErrors(form);
  };
  // A failed test is also shown next to the field it points at (the URL, or the keys).
  const showAtField = (result: ConnectionResult | undefined) => {
    if (result && !result.ok) {
      const field = destination.connectionField(result.reason) as FieldPath<DrainFormValues>;
      form.setError(field, { type: "connection", message: result.message });
    }
  };
  const save = async (values: CreateDrainInput, anyway: boolean) => {
    setRefused(undefined);
    if (!anyway) {
      const { testConnectionInput } = await validation();
      const parsed = testConnectionInput.safeParse(values);
      const result = parsed.success ? await test.run(parsed.data, showAtField) : undefined;
      if (result && !result.ok) {
        setRefused(result);
        return;
      }
    }
    try {
      // Saving anyway also keeps a host name that does not resolve yet.
      const drain = await createDrain(environmentId, anyway ? { ...values, allowUnresolvedHost: true } : values);
      // A list cached earlier in this tab is refetched when shown again, with the new drain.
      invalidateCachedQueries(drainsKey(environmentId));
      router.push(`${drainsPath}/${drain.id}?created=1`);
    } catch (err) {
      applyServerErrors(err, fields, form.setError);
    }
  };

  const onTest = async () => {
    const valid = await form.trigger(destination.fieldNames as FieldPath<DrainFormValues>[]);
    if (!valid) return;
    const { testConnectionInput } = await validation();
    const parsed = testConnectionInput.safeParse(form.getValues());
    if (parsed.success) void test.run(parsed.data, showAtField);
  };

  return (
    <form
      onSubmit={form.handleSubmit((values) => save(values, false))}
      onChange={forgetResult}
      noValidate
      aria-label="New LLM Trace Drain"
      className="panel"
      style={{ maxWidth: 720 }}
    >
      <FormError message={errors.root?.message} />
      <Field id="type" label="Type" error={errors.type?.message} hint={destinationMeta(type).hint}>
        <select
          id="type"
          // Another destination's inputs load on demand: fetched here, they show as soon as it is chosen.
          onFocus={preloadDestinationFields}
          {...fieldAria(errors, "type")}
          {...form.register("type", {
            // Another destination: its acknowledgement does not carry over.
            onChange: () => form.setValue("acknowledgeContentForwarding", false),
          })}
        >
          {DESTINATION_TYPES.map((t) => (
            <option key={t} value={t}>
              {destinationMeta(t).label}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="handle"
        label="Handle"
        error={errors.handle?.message}
        hint="Lowercase letters, digits, '.', '_' and '-'; unique in this environment."
      >
        <input id="handle" autoComplete="off" {...fieldAria(errors, "handle")} {...form.register("handle")} />
      </Field>
      <destination.Fields form={form} />

      <div className="row" style={{ marginBottom: 16 }}>
        <PendingButton pending={test.isPending} onClick={onTest}>
          {test.isPending ? "Testing…" : "Test connection"}
        </PendingButton>
      </div>
      <ConnectionResultMessage test={test} />

      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            {...form.register("forwardContent", {
              // A changed mode forwards something else: it needs its own acknowledgement.
              onChange: () => form.setValue("acknowledgeContentForwarding", false),
            })}
          />
          Forward prompt and completion content
        </label>
        <span className="field-hint">
          When off, spans carry request metadata only: no prompts, completions, system instructions, tool definitions,
          error messages, IP addresses or user ids.
        </span>
      </div>
      <ContentWarning forwardContent={forwardContent} type={type} />
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            {...fieldAria(errors, "acknowledgeContentForwarding", false)}
            {...form.register("acknowledgeContentForwarding")}
          />
          {acknowledgementLabel(forwardContent, type)}
        </label>
        {errors.acknowledgeContentForwarding ? (
          <span className="field-error" id="acknowledgeContentForwarding-error" role="alert">
            {errors.acknowledgeContentForwarding.message}
          </span>
        ) : null}
      </div>

      {refused && refused === test.data ? (
        <SaveRefused
          reason={refused.message}
          onSaveAnyway={
            refused.canSaveAnyway ? () => void form.handleSubmit((values) => save(values, true))() : undefined
          }
        />
      ) : null}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {isSubmitting ? (test.isPending ? "Testing connection…" : "Saving…") : "Save LLM Trace Drain"}
        </button>
        <Link className="btn" href={drainsPath}>
          Cancel
        </Link>
      </div>
    </form>
  );
}

"use client";

import { useState } from "react";
import { useFieldArray, useForm, type FieldPath } from "react-hook-form";
import { apiFetch, ApiError } from "@/lib/api-client";
import { DETECTOR_IDS, DETECTOR_NAMES, type DetectorId } from "@/lib/redaction/detector-names";
import type { DrainControls } from "@/lib/validation/drain-controls";
import type { DrainView } from "@/lib/validation/llm-trace-drains";
import { Field, FormError } from "@/components/ui/field";
import { useLlmKeys } from "@/components/llm-keys/use-llm-keys";
import { useUpdateDrain } from "./use-drains";

// The drain's controls as a form: redaction (built-in detectors, custom RE2 patterns, and a
// "Try it" box that runs the server's redactor), sampling and filters. Saving replaces the
// controls as a whole; the server checks every pattern on RE2 and answers next to its field.

type Values = {
  detectors: DetectorId[];
  customPatterns: { name: string; pattern: string }[];
  sampleRate: number;
  keepFailures: boolean;
  llmKeyIds: string[];
  models: string;
  callTypes: string;
  onlyFailures: boolean;
};

const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function toControls(v: Values): DrainControls {
  return {
    redaction: { detectors: v.detectors, customPatterns: v.customPatterns },
    sampleRate: Number(v.sampleRate),
    keepFailures: v.keepFailures,
    filters: {
      llmKeyIds: v.llmKeyIds,
      models: list(v.models),
      callTypes: list(v.callTypes),
      onlyFailures: v.onlyFailures,
    },
  };
}

/**
 * The field that shows a server error, which names it by its place in the controls
 * (`controls.filters.models.0`); errors of other fields are shown above the form.
 */
function formField(path: string): FieldPath<Values> | undefined {
  const pattern = /^controls\.redaction\.(customPatterns\.\d+\.(?:name|pattern))$/.exec(path);
  if (pattern) return pattern[1] as FieldPath<Values>;
  const own = /^controls\.(?:filters\.)?(sampleRate|models|callTypes)(?:\.|$)/.exec(path);
  return own ? (own[1] as FieldPath<Values>) : undefined;
}

const SAMPLE_RATE = "Enter a whole percentage from 0 to 100";

type Props = { environmentId: string; drain: DrainView; onDone: () => void };

export function ControlsForm({ environmentId, drain, onDone }: Props) {
  const c = drain.controls;
  const update = useUpdateDrain(environmentId, drain.id);
  const keys = useLlmKeys(environmentId);
  const form = useForm<Values>({
    defaultValues: {
      detectors: [...c.redaction.detectors],
      customPatterns: [...c.redaction.customPatterns],
      sampleRate: c.sampleRate,
      keepFailures: c.keepFailures,
      llmKeyIds: [...c.filters.llmKeyIds],
      models: c.filters.models.join(", "),
      callTypes: c.filters.callTypes.join(", "),
      onlyFailures: c.filters.onlyFailures,
    },
  });
  const patterns = useFieldArray({ control: form.control, name: "customPatterns" });
  const errors = form.formState.errors;
  const [sample, setSample] = useState("");
  const [tried, setTried] = useState<{ text: string; counts: Record<string, number> } | string | null>(null);

  const onSubmit = async (values: Values) => {
    try {
      await update.mutateAsync({ controls: toControls(values) });
      onDone();
    } catch (err) {
      if (!(err instanceof ApiError)) return form.setError("root", { message: "Could not save the controls." });
      let placed = false;
      for (const [path, message] of Object.entries(err.fields)) {
        const field = formField(path);
        if (field) {
          form.setError(field, { message });
          placed = true;
        }
      }
      if (!placed) form.setError("root", { message: err.message });
    }
  };

  const tryIt = async () => {
    const redaction = toControls(form.getValues()).redaction;
    try {
      const r = await apiFetch<{ result: { text: string; counts: Record<string, number> } }>(
        `/api/environments/${environmentId}/llm-trace-drains/redaction-preview`,
        { method: "POST", json: { redaction, text: sample } },
      );
      setTried(r.result);
    } catch (err) {
      // A pattern refused is shown at its field, as on Save (the preview names it without "controls.").
      const fields = err instanceof ApiError ? Object.entries(err.fields) : [];
      for (const [path, message] of fields) {
        const field = formField(`controls.${path}`);
        if (field) form.setError(field, { message });
      }
      setTried(err instanceof ApiError ? err.message : "Could not redact the text.");
    }
  };

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate aria-label="Controls">
      <FormError message={errors.root?.message} />
      <fieldset className="field">
        <legend>Redact before forwarding</legend>
        <span className="field-hint">
          Matches are replaced with a placeholder such as [EMAIL] before anything leaves.
        </span>
        {DETECTOR_IDS.map((id) => (
          <label className="row" key={id}>
            <input type="checkbox" value={id} {...form.register("detectors")} />
            {DETECTOR_NAMES[id].label} <span className="muted">{DETECTOR_NAMES[id].placeholder}</span>
          </label>
        ))}
        {patterns.fields.map((row, i) => (
          <div className="row" key={row.id} style={{ alignItems: "flex-start" }}>
            <Field
              id={`customPatterns.${i}.name`}
              label={`Pattern ${i + 1} name`}
              error={errors.customPatterns?.[i]?.name?.message}
            >
              <input
                id={`customPatterns.${i}.name`}
                autoComplete="off"
                {...form.register(`customPatterns.${i}.name`)}
              />
            </Field>
            <Field
              id={`customPatterns.${i}.pattern`}
              label={`Pattern ${i + 1} regular expression`}
              error={errors.customPatterns?.[i]?.pattern?.message}
            >
              <input
                id={`customPatterns.${i}.pattern`}
                autoComplete="off"
                spellCheck={false}
                className="mono"
                aria-invalid={!!errors.customPatterns?.[i]?.pattern}
                {...form.register(`customPatterns.${i}.pattern`)}
              />
            </Field>
            <button type="button" className="btn" onClick={() => patterns.remove(i)} style={{ marginTop: 24 }}>
              Remove pattern {i + 1}
            </button>
          </div>
        ))}
        <button type="button" className="btn" onClick={() => patterns.append({ name: "", pattern: "" })}>
          Add custom pattern
        </button>
        <span className="field-hint">RE2 syntax (no backreferences or lookaround), e.g. MRN-[0-9]{"{6}"}.</span>
      </fieldset>
      <div className="field">
        <label htmlFor="redaction-sample">Try it: text to redact</label>
        <textarea id="redaction-sample" rows={3} value={sample} onChange={(e) => setSample(e.target.value)} />
        <div className="row">
          <button type="button" className="btn" onClick={() => void tryIt()}>
            Redact this text
          </button>
        </div>
        {tried !== null ? (
          <pre className="code-block" role="status" tabIndex={0}>
            {typeof tried === "string" ? tried : tried.text}
          </pre>
        ) : null}
      </div>
      <Field
        id="sampleRate"
        label="Sample rate (%)"
        hint="Whole sessions are kept or left out together."
        error={errors.sampleRate?.message}
      >
        <input
          id="sampleRate"
          type="number"
          min={0}
          max={100}
          step={1}
          aria-invalid={!!errors.sampleRate}
          aria-describedby={errors.sampleRate ? "sampleRate-hint sampleRate-error" : "sampleRate-hint"}
          {...form.register("sampleRate", {
            valueAsNumber: true,
            validate: (n) => (Number.isInteger(n) && n >= 0 && n <= 100) || SAMPLE_RATE,
          })}
        />
      </Field>
      <label className="check spaced">
        <input type="checkbox" {...form.register("keepFailures")} />
        Always forward failed requests
      </label>
      <fieldset className="field">
        <legend>Only forward requests made with these LLM keys (none ticked: all keys)</legend>
        {(keys.data ?? []).map((k) => (
          <label className="row" key={k.id}>
            <input type="checkbox" value={k.id} {...form.register("llmKeyIds")} />
            {k.alias} <span className="muted mono">{k.prefix}…</span>
          </label>
        ))}
      </fieldset>
      <Field
        id="models"
        label="Only these models or model groups"
        hint="Comma-separated; empty: all models."
        error={errors.models?.message}
      >
        <input id="models" autoComplete="off" aria-describedby="models-hint" {...form.register("models")} />
      </Field>
      <Field
        id="callTypes"
        label="Only these call types"
        hint="Comma-separated, e.g. acompletion, aembedding; empty: all."
        error={errors.callTypes?.message}
      >
        <input id="callTypes" autoComplete="off" aria-describedby="callTypes-hint" {...form.register("callTypes")} />
      </Field>
      <label className="check spaced">
        <input type="checkbox" {...form.register("onlyFailures")} />
        Only failed requests
      </label>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? "Saving…" : "Save controls"}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

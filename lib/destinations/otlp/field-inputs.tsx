"use client";

import { useFieldArray, useWatch } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { SecretKeyInput } from "@/components/llm-trace-drains/secret-key-input";
import { fieldAria } from "@/components/llm-trace-drains/field-aria";
import type { FieldsProps } from "../form-fields";

// The OpenTelemetry inputs of the drain forms: Endpoint, Headers (name/value pairs; values are
// secret and never shown back), Encoding, gzip. On edit the stored headers are kept unless
// "Replace the headers" is ticked (then the rows entered, possibly none, replace them all).
// Loaded on demand: see fields.tsx.

export function OtlpFields({ form, drain }: FieldsProps) {
  const errors = form.formState.errors;
  const editing = drain?.type === "otlp" ? drain : undefined;
  const rows = useFieldArray({ control: form.control, name: "headers" });
  const replacing = useWatch({ control: form.control, name: "replaceHeaders" });
  const showRows = !editing || replacing;
  const headerErrors = errors.headers;
  return (
    <>
      <Field
        id="endpoint"
        label="Endpoint"
        error={errors.endpoint?.message}
        hint={
          editing && editing.headerNames.length > 0
            ? "Changing it requires the headers again."
            : "Must use https://. The full traces URL (…/v1/traces), or a base URL to which /v1/traces is added."
        }
      >
        <input
          id="endpoint"
          type="url"
          placeholder="https://otlp.example.com/v1/traces"
          autoComplete="off"
          {...fieldAria(errors, "endpoint")}
          {...form.register("endpoint")}
        />
      </Field>
      <fieldset className="field" aria-describedby="headers-hint">
        <legend>Headers</legend>
        <span className="field-hint" id="headers-hint">
          {editing
            ? `Stored: ${editing.headerNames.length > 0 ? editing.headerNames.join(", ") : "none"}. Values are encrypted and never shown.`
            : "Sent with every export, e.g. Authorization, x-honeycomb-team or DD-API-KEY. Values are stored encrypted and never shown again."}
        </span>
        {editing ? (
          <label className="check">
            <input type="checkbox" {...form.register("replaceHeaders")} />
            Replace the headers
          </label>
        ) : null}
        {showRows
          ? rows.fields.map((row, i) => (
              <div className="row" key={row.id} style={{ alignItems: "flex-start" }}>
                <Field id={`headers.${i}.name`} label={`Header ${i + 1} name`} error={headerErrors?.[i]?.name?.message}>
                  <input
                    id={`headers.${i}.name`}
                    autoComplete="off"
                    spellCheck={false}
                    {...fieldAria(errors, `headers.${i}.name`, false)}
                    {...form.register(`headers.${i}.name`)}
                  />
                </Field>
                <Field
                  id={`headers.${i}.value`}
                  label={`Header ${i + 1} value`}
                  error={headerErrors?.[i]?.value?.message}
                >
                  <SecretKeyInput
                    id={`headers.${i}.value`}
                    {...fieldAria(errors, `headers.${i}.value`, false)}
                    {...form.register(`headers.${i}.value`)}
                  />
                </Field>
                <button
                  type="button"
                  className="btn"
                  aria-label={`Remove header ${i + 1}`}
                  onClick={() => rows.remove(i)}
                  style={{ marginTop: 24 }}
                >
                  Remove
                </button>
              </div>
            ))
          : null}
        {showRows ? (
          <button type="button" className="btn" onClick={() => rows.append({ name: "", value: "" })}>
            Add header
          </button>
        ) : null}
        {headerErrors?.root?.message || headerErrors?.message ? (
          <span className="field-error" id="headers-error" role="alert">
            {headerErrors.root?.message ?? headerErrors.message}
          </span>
        ) : null}
      </fieldset>
      <Field
        id="encoding"
        label="Encoding"
        error={errors.encoding?.message}
        hint="Protobuf is what every OTLP receiver takes; choose JSON only if yours requires it."
      >
        <select id="encoding" {...fieldAria(errors, "encoding")} {...form.register("encoding")}>
          <option value="protobuf">Protobuf (application/x-protobuf)</option>
          <option value="json">JSON (application/json)</option>
        </select>
      </Field>
      <Field id="compression" label="Compression" error={errors.compression?.message}>
        <select id="compression" {...fieldAria(errors, "compression", false)} {...form.register("compression")}>
          <option value="gzip">gzip</option>
          <option value="none">None</option>
        </select>
      </Field>
    </>
  );
}

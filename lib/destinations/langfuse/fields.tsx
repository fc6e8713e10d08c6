"use client";

import { Field } from "@/components/ui/field";
import { SecretKeyInput } from "@/components/llm-trace-drains/secret-key-input";
import { fieldAria } from "@/components/llm-trace-drains/field-aria";
import type { DestinationForm } from "../form-fields";
import { LANGFUSE_CLOUD_HOSTS } from "./cloud-hosts";

// The Langfuse part of the drain forms: Base URL (Langfuse Cloud hosts suggested), Public
// Key, Secret Key. On edit, an empty secret keeps the stored key.

export type LangfuseFormValues = { baseUrl: string; publicKey: string; secretKey: string };

export const langfuseForm: DestinationForm = {
  fieldNames: ["baseUrl", "publicKey", "secretKey"],
  defaults: { baseUrl: "", publicKey: "", secretKey: "" },
  editValues: (drain) => (drain.type === "langfuse" ? { baseUrl: drain.baseUrl, publicKey: drain.publicKey } : {}),
  toUpdate: (v) => ({ baseUrl: v.baseUrl, publicKey: v.publicKey, secretKey: v.secretKey || undefined }),
  hasNewCredentials: (v) => v.secretKey !== "",
  // Refused keys are the keys' fault; everything else (address, TLS, not Langfuse) the URL's.
  connectionField: (reason) =>
    reason === "invalid_keys" || reason === "organization_key" || reason === "forbidden" ? "secretKey" : "baseUrl",
  Fields: function LangfuseFields({ form, drain }) {
    const errors = form.formState.errors;
    const editing = drain?.type === "langfuse" ? drain : undefined;
    return (
      <>
        <Field
          id="baseUrl"
          label="Base URL"
          error={errors.baseUrl?.message}
          hint={
            editing
              ? "Changing it requires the secret key again."
              : "Must use https://. Langfuse Cloud hosts are suggested; a self-hosted URL may include a path."
          }
        >
          <input
            id="baseUrl"
            type="url"
            list={editing ? undefined : "langfuse-hosts"}
            placeholder="https://hipaa.cloud.langfuse.com"
            autoComplete="off"
            {...fieldAria(errors, "baseUrl")}
            {...form.register("baseUrl")}
          />
        </Field>
        {editing ? null : (
          <datalist id="langfuse-hosts">
            {LANGFUSE_CLOUD_HOSTS.map((h) => (
              <option key={h.url} value={h.url}>
                {h.label}
              </option>
            ))}
          </datalist>
        )}
        <Field
          id="publicKey"
          label="Public Key"
          error={errors.publicKey?.message}
          hint="The project's public key, starting with pk-lf-."
        >
          <input
            id="publicKey"
            autoComplete="off"
            spellCheck={false}
            {...fieldAria(errors, "publicKey")}
            {...form.register("publicKey")}
          />
        </Field>
        <Field
          id="secretKey"
          label="Secret Key"
          error={errors.secretKey?.message}
          hint={
            editing
              ? `Leave empty to keep the stored key (${editing.secretKeyHint}).`
              : "Starts with sk-lf-. Stored encrypted; never shown again."
          }
        >
          <SecretKeyInput id="secretKey" {...fieldAria(errors, "secretKey")} {...form.register("secretKey")} />
        </Field>
      </>
    );
  },
};

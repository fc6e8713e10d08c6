"use client";

import { useForm, useWatch } from "react-hook-form";
import { useRouter } from "next/navigation";
import Link from "next/link";
import type * as z from "zod/mini";
import type { createDrainInput } from "@/lib/validation/llm-trace-drains";
import { LANGFUSE_CLOUD_HOSTS } from "@/lib/destinations/langfuse/cloud-hosts";
import { lazyZodResolver } from "@/lib/forms/lazy-zod-resolver";
import { Field } from "@/components/ui/field";
import { acknowledgementLabel, ContentWarning } from "./content-warning";
import { SecretKeyInput } from "./secret-key-input";
import { ConnectionResultMessage } from "./connection-result";
import { applyServerErrors } from "./apply-server-errors";
import { useCreateDrain, useTestConnection } from "./use-drains";

// The schemas (and zod) load on first validation: see lib/forms/lazy-zod-resolver.ts.
const validation = () => import("@/lib/validation/llm-trace-drains");

type Input = z.input<typeof createDrainInput>;
type Output = z.output<typeof createDrainInput>;
const FIELDS = [
  "type",
  "handle",
  "baseUrl",
  "publicKey",
  "secretKey",
  "forwardContent",
  "acknowledgeContentForwarding",
] as const;

export function NewDrainForm({ environmentId, drainsPath }: { environmentId: string; drainsPath: string }) {
  const router = useRouter();
  const create = useCreateDrain(environmentId);
  const test = useTestConnection(environmentId);
  const form = useForm<Input, unknown, Output>({
    resolver: lazyZodResolver(() => validation().then((m) => m.createDrainInput)),
    defaultValues: {
      type: "langfuse",
      handle: "",
      baseUrl: "",
      publicKey: "",
      secretKey: "",
      forwardContent: true,
      acknowledgeContentForwarding: false,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const forwardContent = useWatch({ control: form.control, name: "forwardContent" }) !== false;
  const aria = (name: (typeof FIELDS)[number]) => ({
    "aria-invalid": !!errors[name],
    "aria-describedby": `${name}-hint ${name}-error`,
  });

  const onSubmit = async (values: Output) => {
    try {
      const drain = await create.mutateAsync(values);
      router.push(`${drainsPath}/${drain.id}`);
    } catch (err) {
      applyServerErrors(err, FIELDS, form.setError);
    }
  };

  const onTest = async () => {
    const valid = await form.trigger(["baseUrl", "publicKey", "secretKey"]);
    if (!valid) return;
    const { testConnectionInput } = await validation();
    const parsed = testConnectionInput.safeParse(form.getValues());
    if (parsed.success) test.mutate(parsed.data);
  };

  return (
    <form
      onSubmit={form.handleSubmit(onSubmit)}
      noValidate
      aria-label="New LLM Trace Drain"
      className="panel"
      style={{ maxWidth: 720 }}
    >
      {errors.root ? (
        <div className="alert alert-error" role="alert">
          {errors.root.message}
        </div>
      ) : null}
      <Field
        id="type"
        label="Type"
        error={errors.type?.message}
        hint="Where the traces go. More destinations will follow."
      >
        <select id="type" {...aria("type")} {...form.register("type")}>
          <option value="langfuse">Langfuse</option>
        </select>
      </Field>
      <Field
        id="handle"
        label="Handle"
        error={errors.handle?.message}
        hint="Lowercase letters, digits, '.', '_' and '-'; unique in this environment."
      >
        <input id="handle" autoComplete="off" {...aria("handle")} {...form.register("handle")} />
      </Field>
      <Field
        id="baseUrl"
        label="Base URL"
        error={errors.baseUrl?.message}
        hint="Must use https://. Langfuse Cloud hosts are suggested; a self-hosted URL may include a path."
      >
        <input
          id="baseUrl"
          type="url"
          list="langfuse-hosts"
          placeholder="https://hipaa.cloud.langfuse.com"
          autoComplete="off"
          {...aria("baseUrl")}
          {...form.register("baseUrl")}
        />
      </Field>
      <datalist id="langfuse-hosts">
        {LANGFUSE_CLOUD_HOSTS.map((h) => (
          <option key={h.url} value={h.url}>
            {h.label}
          </option>
        ))}
      </datalist>
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
          {...aria("publicKey")}
          {...form.register("publicKey")}
        />
      </Field>
      <Field
        id="secretKey"
        label="Secret Key"
        error={errors.secretKey?.message}
        hint="Starts with sk-lf-. Stored encrypted; never shown again."
      >
        <SecretKeyInput id="secretKey" {...aria("secretKey")} {...form.register("secretKey")} />
      </Field>

      <div className="row" style={{ marginBottom: 16 }}>
        <button type="button" className="btn" onClick={onTest} disabled={test.isPending}>
          {test.isPending ? "Testing…" : "Test connection"}
        </button>
      </div>
      <ConnectionResultMessage test={test} />

      <div className="field">
        <label className="row" style={{ fontWeight: 500 }}>
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
      <ContentWarning forwardContent={forwardContent} />
      <div className="field">
        <label className="row" style={{ fontWeight: 500 }}>
          <input
            type="checkbox"
            {...aria("acknowledgeContentForwarding")}
            {...form.register("acknowledgeContentForwarding")}
          />
          {acknowledgementLabel(forwardContent)}
        </label>
        <span id="acknowledgeContentForwarding-hint" hidden />
        {errors.acknowledgeContentForwarding ? (
          <span className="field-error" id="acknowledgeContentForwarding-error" role="alert">
            {errors.acknowledgeContentForwarding.message}
          </span>
        ) : null}
      </div>

      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save LLM Trace Drain"}
        </button>
        <Link className="btn" href={drainsPath}>
          Cancel
        </Link>
      </div>
    </form>
  );
}

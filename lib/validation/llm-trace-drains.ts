import { z } from "zod";

// One schema per operation, shared by the drain form (zodResolver) and the route handlers.
// Messages are written once, here.

export const DRAIN_TYPES = ["langfuse"] as const;

export const LANGFUSE_CLOUD_HOSTS = [
  { label: "Langfuse Cloud HIPAA (US, BAA available)", url: "https://hipaa.cloud.langfuse.com" },
  { label: "Langfuse Cloud EU", url: "https://cloud.langfuse.com" },
  { label: "Langfuse Cloud US", url: "https://us.cloud.langfuse.com" },
  { label: "Langfuse Cloud JP", url: "https://jp.cloud.langfuse.com" },
] as const;

export const drainHandle = z
  .string()
  .trim()
  .min(1, "Enter a handle")
  .max(64, "Use at most 64 characters")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "Use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit");

/** An https:// URL without credentials, query or fragment; normalised (lowercase host, no trailing slash). */
export const baseUrl = z
  .string()
  .trim()
  .min(1, "Enter the Langfuse Base URL")
  .max(2048, "Use at most 2048 characters")
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a full URL such as https://cloud.langfuse.com" });
      return z.NEVER;
    }
    if (url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: "The Base URL must use https://" });
      return z.NEVER;
    }
    if (url.username || url.password) {
      ctx.addIssue({
        code: "custom",
        message: "Remove the user name and password from the URL; keys go in their own fields",
      });
      return z.NEVER;
    }
    if (url.search || url.hash || value.includes("?") || value.includes("#")) {
      ctx.addIssue({ code: "custom", message: "Remove the query string or fragment from the URL" });
      return z.NEVER;
    }
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
  });

const keyField = (kind: "public" | "secret") => {
  const own = kind === "public" ? "pk-lf-" : "sk-lf-";
  const other = kind === "public" ? "sk-lf-" : "pk-lf-";
  return z
    .string()
    .trim()
    .min(1, `Enter the ${kind} key`)
    .max(200, "This is too long to be a Langfuse key")
    .superRefine((value, ctx) => {
      if (value.startsWith(other)) {
        ctx.addIssue({
          code: "custom",
          message: `This looks like the ${kind === "public" ? "secret" : "public"} key (${other}…). Did you swap them? The ${kind} key starts with ${own}`,
        });
      } else if (!value.startsWith(own) || value.length < own.length + 8) {
        ctx.addIssue({ code: "custom", message: `Not a Langfuse ${kind} key: project ${kind} keys start with ${own}` });
      } else if (/\s/.test(value)) {
        ctx.addIssue({ code: "custom", message: "Keys contain no spaces" });
      }
    });
};

export const publicKey = keyField("public");
export const secretKey = keyField("secret");

const isObjectPayload = (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null;

export const ACKNOWLEDGE_CONTENT = "Confirm that you understand prompts and completions will be forwarded";
export const ACKNOWLEDGE_METADATA = "Confirm that you understand request metadata will be forwarded";

export const createDrainInput = z
  .object({
    type: z.enum(DRAIN_TYPES, { error: "Select a drain type" }),
    handle: drainHandle,
    baseUrl,
    publicKey,
    secretKey,
    forwardContent: z.boolean().default(true),
    acknowledgeContentForwarding: z.boolean({
      error: "Confirm what this drain forwards (acknowledgeContentForwarding)",
    }),
  })
  // The acknowledgement names what the chosen mode forwards. `when` makes it report with the
  // other field errors instead of after them.
  .refine((v) => v.acknowledgeContentForwarding === true || v.forwardContent === false, {
    path: ["acknowledgeContentForwarding"],
    message: ACKNOWLEDGE_CONTENT,
    when: isObjectPayload,
  })
  .refine((v) => v.acknowledgeContentForwarding === true || v.forwardContent !== false, {
    path: ["acknowledgeContentForwarding"],
    message: ACKNOWLEDGE_METADATA,
    when: isObjectPayload,
  });
export type CreateDrainInput = z.output<typeof createDrainInput>;

/** Edits: every field optional; an empty secret key keeps the stored one. */
export const updateDrainInput = z
  .object({
    handle: drainHandle.optional(),
    baseUrl: baseUrl.optional(),
    publicKey: publicKey.optional(),
    secretKey: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), secretKey.optional()),
    paused: z.boolean().optional(),
    forwardContent: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Nothing to change" });
export type UpdateDrainInput = z.output<typeof updateDrainInput>;

export const testConnectionInput = z.object({ baseUrl, publicKey, secretKey });
export type TestConnectionInput = z.output<typeof testConnectionInput>;

/** What leaves the server about a drain. There is deliberately no secret field. */
export const drainView = z.strictObject({
  id: z.string(),
  environmentId: z.string(),
  type: z.enum(DRAIN_TYPES),
  handle: z.string(),
  baseUrl: z.string(),
  publicKey: z.string(),
  secretKeyHint: z.string(),
  forwardContent: z.boolean(),
  status: z.enum(["active", "paused", "suspended"]),
  suspendedReason: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type DrainView = z.infer<typeof drainView>;

export const connectionResult = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), projectName: z.string(), projectId: z.string() }),
  z.object({
    ok: z.literal(false),
    reason: z.enum([
      "invalid_keys",
      "organization_key",
      "forbidden",
      "not_langfuse",
      "unreachable",
      "tls",
      "timeout",
      "blocked",
    ]),
    message: z.string(),
    httpStatus: z.number().optional(),
  }),
]);
export type ConnectionResult = z.infer<typeof connectionResult>;

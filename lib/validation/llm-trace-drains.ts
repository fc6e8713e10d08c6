import * as z from "zod/mini";

// One schema per operation, shared by the drain form (zodResolver) and the route handlers.
// Messages are written once, here. zod/mini: these schemas ship to the browser with the forms.

export const DRAIN_TYPES = ["langfuse"] as const;

export { LANGFUSE_CLOUD_HOSTS } from "../destinations/langfuse/cloud-hosts";

export const drainHandle = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, "Enter a handle"),
    z.maxLength(64, "Use at most 64 characters"),
    z.regex(
      /^[a-z0-9][a-z0-9._-]*$/,
      "Use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit",
    ),
  );

/** Why a URL cannot be a destination, or its normalised form (lowercase host, no trailing slash). */
function normaliseHttpsUrl(value: string, example: string): { error: string } | { url: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { error: `Enter a full URL such as ${example}` };
  }
  if (url.protocol !== "https:") return { error: "The Base URL must use https://" };
  if (url.username || url.password) {
    return { error: "Remove the user name and password from the URL; keys go in their own fields" };
  }
  if (url.search || url.hash || value.includes("?") || value.includes("#")) {
    return { error: "Remove the query string or fragment from the URL" };
  }
  return { url: `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}` };
}

/** An https:// URL without credentials, query or fragment; normalised. */
export const baseUrl = z.pipe(
  z
    .string()
    .check(z.trim(), z.minLength(1, "Enter the Langfuse Base URL"), z.maxLength(2048, "Use at most 2048 characters")),
  z.transform((value: string, ctx) => {
    const result = normaliseHttpsUrl(value, "https://cloud.langfuse.com");
    if ("url" in result) return result.url;
    ctx.issues.push({ code: "custom", message: result.error, input: value });
    return z.NEVER;
  }),
);

const keyField = (kind: "public" | "secret") => {
  const own = kind === "public" ? "pk-lf-" : "sk-lf-";
  const other = kind === "public" ? "sk-lf-" : "pk-lf-";
  return z.string().check(
    z.trim(),
    z.minLength(1, `Enter the ${kind} key`),
    z.maxLength(200, "This is too long to be a Langfuse key"),
    z.superRefine((value, ctx) => {
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
    }),
  );
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
    forwardContent: z._default(z.boolean(), true),
    acknowledgeContentForwarding: z.boolean({
      error: "Confirm what this drain forwards (acknowledgeContentForwarding)",
    }),
  })
  .check(
    // The acknowledgement names what the chosen mode forwards. `when` makes it report with
    // the other field errors instead of after them.
    z.refine((v) => v.acknowledgeContentForwarding === true || v.forwardContent === false, {
      path: ["acknowledgeContentForwarding"],
      message: ACKNOWLEDGE_CONTENT,
      when: isObjectPayload,
    }),
    z.refine((v) => v.acknowledgeContentForwarding === true || v.forwardContent !== false, {
      path: ["acknowledgeContentForwarding"],
      message: ACKNOWLEDGE_METADATA,
      when: isObjectPayload,
    }),
  );
export type CreateDrainInput = z.output<typeof createDrainInput>;

/** Edits: every field optional; an empty secret key keeps the stored one. */
export const updateDrainInput = z
  .object({
    handle: z.optional(drainHandle),
    baseUrl: z.optional(baseUrl),
    publicKey: z.optional(publicKey),
    secretKey: z.pipe(
      z.transform((v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v)),
      z.optional(secretKey),
    ),
    paused: z.optional(z.boolean()),
    forwardContent: z.optional(z.boolean()),
  })
  .check(z.refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Nothing to change" }));
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
  suspendedReason: z.nullable(z.string()),
  createdAt: z.string(),
  createdBy: z.nullable(z.string()),
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
    httpStatus: z.optional(z.number()),
  }),
]);
export type ConnectionResult = z.infer<typeof connectionResult>;

import * as z from "zod/mini";
import { httpsUrl, keepWhenEmpty } from "../https-url";

// Langfuse's settings as the form and the API take them: the project's Base URL and its
// public/secret key pair. Shared by the form (zodResolver) and the route handlers.

export const baseUrl = httpsUrl("Base URL", "https://cloud.langfuse.com", "Enter the Langfuse Base URL");

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
      } else if (!value.startsWith(own)) {
        ctx.addIssue({ code: "custom", message: `Not a Langfuse ${kind} key: project ${kind} keys start with ${own}` });
      } else if (value.length < own.length + 8) {
        ctx.addIssue({
          code: "custom",
          message: `Too short for a Langfuse ${kind} key: copy the whole key from the project's API keys`,
        });
      } else if (/\s/.test(value)) {
        ctx.addIssue({ code: "custom", message: "Keys contain no spaces" });
      }
    }),
  );
};

export const publicKey = keyField("public");
export const secretKey = keyField("secret");

export const langfuseSchemas = {
  type: "langfuse",
  create: { baseUrl, publicKey, secretKey },
  update: { baseUrl: z.optional(baseUrl), publicKey: z.optional(publicKey), secretKey: keepWhenEmpty(secretKey) },
  test: { baseUrl, publicKey, secretKey },
  view: { baseUrl: z.string(), publicKey: z.string(), secretKeyHint: z.string() },
  /** The edit form's fields: an empty secret keeps the stored key. */
  edit: { baseUrl, publicKey, secretKey: z.union([z.literal(""), secretKey]) },
} as const;

import * as z from "zod/mini";

export const createLlmKeyInput = z.object({
  alias: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, "Give the key a name"),
      z.maxLength(64, "Use at most 64 characters"),
      z.regex(/^[\p{L}\p{N} ._-]+$/u, "Use letters, digits, spaces, dots, dashes and underscores"),
    ),
});
export type CreateLlmKeyInput = z.infer<typeof createLlmKeyInput>;

export const llmKeyView = z.object({
  id: z.string(),
  alias: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.nullable(z.string()),
  revokedAt: z.nullable(z.string()),
  createdBy: z.nullable(z.string()),
});
export type LlmKeyView = z.infer<typeof llmKeyView>;

export const createdLlmKey = z.object({ key: llmKeyView, secret: z.string() });

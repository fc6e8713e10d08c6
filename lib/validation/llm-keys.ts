import { z } from "zod";

export const createLlmKeyInput = z.object({
  alias: z
    .string()
    .trim()
    .min(1, "Give the key a name")
    .max(64, "Use at most 64 characters")
    .regex(/^[\p{L}\p{N} ._-]+$/u, "Use letters, digits, spaces, dots, dashes and underscores"),
});
export type CreateLlmKeyInput = z.infer<typeof createLlmKeyInput>;

export const llmKeyView = z.object({
  id: z.string(),
  alias: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdBy: z.string().nullable(),
});
export type LlmKeyView = z.infer<typeof llmKeyView>;

export const createdLlmKey = z.object({ key: llmKeyView, secret: z.string() });

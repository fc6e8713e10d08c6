import * as z from "zod/mini";

// The shape of every API error body; client-safe so forms can map `fields` onto inputs.
export const apiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.optional(z.record(z.string(), z.string())),
  }),
});

export type ApiErrorBody = z.infer<typeof apiErrorBody>;

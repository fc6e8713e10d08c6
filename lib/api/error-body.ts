import { z } from "zod";

// The shape of every API error body; client-safe so forms can map `fields` onto inputs.
export const apiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});

export type ApiErrorBody = z.infer<typeof apiErrorBody>;

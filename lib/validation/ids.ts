import * as z from "zod/mini";

export const uuid = z.uuid();
export const environmentParams = z.object({ environmentId: uuid });
export const llmKeyParams = z.object({ environmentId: uuid, keyId: uuid });
export const drainParams = z.object({ environmentId: uuid, drainId: uuid });
export const organizationParams = z.object({ organizationId: uuid });
/** A queued span's id (trace_outbox is keyed by a bigint). */
export const deadLetterParams = z.object({
  environmentId: uuid,
  drainId: uuid,
  deadLetterId: z.string().check(z.regex(/^[1-9][0-9]{0,17}$/)),
});

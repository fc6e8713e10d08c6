import * as z from "zod/mini";

export const updateOrganizationFlagsInput = z
  .object({
    baaSigned: z.optional(z.boolean()),
    aiGatewayBetaEnrolled: z.optional(z.boolean()),
  })
  .check(
    z.refine((v) => v.baaSigned !== undefined || v.aiGatewayBetaEnrolled !== undefined, {
      message: "Send baaSigned and/or aiGatewayBetaEnrolled",
    }),
  );
export type UpdateOrganizationFlagsInput = z.output<typeof updateOrganizationFlagsInput>;

export const adminOrganizationView = z.object({
  id: z.string(),
  handle: z.string(),
  name: z.string(),
  createdAt: z.string(),
  baaSignedAt: z.nullable(z.string()),
  baaSignedBy: z.nullable(z.string()),
  aiGatewayBetaEnrolledAt: z.nullable(z.string()),
  aiGatewayBetaEnrolledBy: z.nullable(z.string()),
  environmentCount: z.number(),
  memberCount: z.number(),
});
export type AdminOrganizationView = z.infer<typeof adminOrganizationView>;

/** Spans counted up to a cap (`more` when there are more than `spans`), with the oldest one's time. */
const cappedSpans = z.object({ spans: z.number(), more: z.boolean(), oldestAt: z.nullable(z.string()) });

/** The ingest pipeline across organizations, for platform admins (counts only). */
export const ingestPipelineView = z.object({
  /** Acknowledged records waiting to be sealed into spans. */
  staged: z.object({ records: z.number(), oldestAt: z.nullable(z.string()) }),
  /** Acknowledged records whose sealing was given up after its tries; kept until retried. */
  unsealable: z.object({ records: z.number(), oldestAt: z.nullable(z.string()) }),
  /** Spans waiting for delivery, every drain. */
  queued: cappedSpans,
  /** Spans given up on (their oldest: when it was given up on). */
  deadLetters: cappedSpans,
});
export type IngestPipelineView = z.infer<typeof ingestPipelineView>;

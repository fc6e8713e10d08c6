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

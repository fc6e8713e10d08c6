import { z } from "zod";

export const updateOrganizationFlagsInput = z
  .object({
    baaSigned: z.boolean().optional(),
    aiGatewayBetaEnrolled: z.boolean().optional(),
  })
  .refine((v) => v.baaSigned !== undefined || v.aiGatewayBetaEnrolled !== undefined, {
    message: "Send baaSigned and/or aiGatewayBetaEnrolled",
  });
export type UpdateOrganizationFlagsInput = z.output<typeof updateOrganizationFlagsInput>;

export const adminOrganizationView = z.object({
  id: z.string(),
  handle: z.string(),
  name: z.string(),
  createdAt: z.string(),
  baaSignedAt: z.string().nullable(),
  baaSignedBy: z.string().nullable(),
  aiGatewayBetaEnrolledAt: z.string().nullable(),
  aiGatewayBetaEnrolledBy: z.string().nullable(),
  environmentCount: z.number(),
  memberCount: z.number(),
});
export type AdminOrganizationView = z.infer<typeof adminOrganizationView>;

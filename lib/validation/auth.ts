import { z } from "zod";

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email").max(254).email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password").max(1024),
});
export type SignInInput = z.infer<typeof signInInput>;

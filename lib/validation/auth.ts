import * as z from "zod/mini";

// Client-safe schemas are written with zod/mini: the forms ship them to the browser, and
// zod's full API would add ~45 kB (gzip) to every page that has a form.

export const signInInput = z.object({
  email: z
    .string()
    .check(
      z.trim(),
      z.toLowerCase(),
      z.minLength(1, "Enter your email"),
      z.maxLength(254),
      z.regex(z.regexes.email, "Enter a valid email address"),
    ),
  password: z.string().check(z.minLength(1, "Enter your password"), z.maxLength(1024)),
});
export type SignInInput = z.infer<typeof signInInput>;

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUser } from "@/lib/server/current-user";
import { safeReturnPath } from "@/lib/auth/return-path";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next = safeReturnPath(typeof params.next === "string" ? params.next : null) ?? "/";
  if (await currentUser()) redirect(next);
  return (
    <main className="auth-card panel">
      <h1>Sign in</h1>
      <p className="muted">Manage environments, LLM keys and LLM Trace Drains.</p>
      <SignInForm next={next} expired={params.expired === "1"} />
    </main>
  );
}

import Link from "next/link";

export default function NotFound() {
  return (
    <main className="auth-card panel">
      <h1>Page not found</h1>
      <p className="muted">It may have moved, or you may not have access to it.</p>
      <Link href="/" className="btn">
        Go to the dashboard
      </Link>
    </main>
  );
}

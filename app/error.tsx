"use client";

// Shown for any server error while rendering a page (for example, the database is down).
// It never shows the error itself: the digest lets support find the logged line.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="auth-card panel" role="alert">
      <h1>Something went wrong</h1>
      <p className="muted">We could not load this page. This is usually temporary; try again in a moment.</p>
      {error.digest ? <p className="muted mono">Reference: {error.digest}</p> : null}
      <button className="btn btn-primary" onClick={() => reset()}>
        Try again
      </button>
    </main>
  );
}

"use client";

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: 40 }}>
        <h1>Something went wrong</h1>
        <p>The dashboard is temporarily unavailable. Try again in a moment.</p>
        <button onClick={() => reset()}>Try again</button>
      </body>
    </html>
  );
}

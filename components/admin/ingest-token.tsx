"use client";

import { useState } from "react";

/** The generated gateway ingest token, hidden until an admin asks to see it. */
export function IngestToken({ token }: { token: string }) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="row">
      <code aria-label="Gateway ingest token">{visible ? token : "•".repeat(24)}</code>
      <button type="button" className="btn" aria-pressed={visible} onClick={() => setVisible((v) => !v)}>
        {visible ? "Hide token" : "Show token"}
      </button>
    </div>
  );
}

/**
 * What the drain will forward, shown before saving: full content (may include PHI) or,
 * for a metadata-only drain, exactly which fields leave and which never do.
 */
export function ContentWarning({ forwardContent }: { forwardContent: boolean }) {
  if (!forwardContent) {
    return (
      <div className="alert alert-info" role="note" aria-labelledby="content-warning-title">
        <strong id="content-warning-title">Only request metadata will be forwarded</strong>
        <p style={{ margin: "6px 0 0" }}>
          Spans carry the model, token counts, cost, latency, cache and rate-limit figures, the key&apos;s alias and
          budget, the error class and code of failures, and the session id, trace name and tags the client sent. No
          prompts, completions, system instructions, tool definitions or arguments, error messages, caller IP addresses,
          user ids or client metadata leave the platform.
        </p>
      </div>
    );
  }
  return (
    <div className="alert alert-warn" role="note" aria-labelledby="content-warning-title">
      <strong id="content-warning-title">Prompts and completions will be forwarded</strong>
      <p style={{ margin: "6px 0 0" }}>
        This drain sends the full prompts and completions of every AI Gateway request made in this environment to the
        Langfuse project below. They may contain protected health information (PHI) or other personal data. The
        platform&apos;s BAA does not cover third-party destinations such as Langfuse Cloud: if you forward PHI, use a
        destination covered by your own BAA, such as Langfuse&apos;s HIPAA host (
        <code>https://hipaa.cloud.langfuse.com</code>) under a BAA with Langfuse, or your own self-hosted Langfuse.
      </p>
    </div>
  );
}

/** The acknowledgement's label, matching the mode. */
export function acknowledgementLabel(forwardContent: boolean): string {
  return forwardContent
    ? "I understand that full prompts and completions, which may include PHI, will be forwarded to this Langfuse project"
    : "I understand that request metadata (models, tokens, cost, timing, error classes, session ids and tags) will be forwarded to this Langfuse project";
}

/** The warning a customer must read before forwarding content that may include PHI. */
export function ContentWarning() {
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

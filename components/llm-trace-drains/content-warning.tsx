import type { DrainType } from "@/lib/validation/llm-trace-drains";
import { destinationMeta } from "@/lib/destinations/registry";

/**
 * What the drain will forward, shown before saving: full content (may include PHI) or,
 * for a metadata-only drain, exactly which fields leave and which never do.
 */
export function ContentWarning({ forwardContent, type }: { forwardContent: boolean; type: DrainType }) {
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
  const { noun, coveredExample } = destinationMeta(type);
  return (
    <div className="alert alert-warn" role="note" aria-labelledby="content-warning-title">
      <strong id="content-warning-title">Prompts and completions will be forwarded</strong>
      <p style={{ margin: "6px 0 0" }}>
        This drain sends the full prompts and completions of every AI Gateway request made in this environment to {noun}
        . They may contain protected health information (PHI) or other personal data. The platform&apos;s BAA does not
        cover third-party destinations: if you forward PHI, use a destination covered by your own BAA, {coveredExample}.
      </p>
    </div>
  );
}

/** The acknowledgement's label, matching the mode and the destination. */
export function acknowledgementLabel(forwardContent: boolean, type: DrainType): string {
  const { noun } = destinationMeta(type);
  return forwardContent
    ? `I understand that full prompts and completions, which may include PHI, will be forwarded to ${noun}`
    : `I understand that request metadata (models, tokens, cost, timing, error classes, session ids and tags) will be forwarded to ${noun}`;
}

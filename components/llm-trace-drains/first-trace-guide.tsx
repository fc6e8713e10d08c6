"use client";

import type { DrainHealth } from "@/lib/validation/drain-health";
import { formatDateTime } from "@/lib/format";
import { CopyButton } from "@/components/ui/copy-button";
import { useDrainHealth } from "./use-drains";

type Props = {
  environmentId: string;
  drainId: string;
  handle: string;
  initialHealth: DrainHealth;
  /** The dashboard's own ingest URL, as the gateway must call it. */
  ingestUrl: string;
  justCreated: boolean;
};

// After Save, and while nothing has been delivered: what to do to see the first trace, and a
// live indicator that turns into the first delivery (it shares the Delivery panel's polling).
export function FirstTraceGuide({ environmentId, drainId, handle, initialHealth, ingestUrl, justCreated }: Props) {
  const health = useDrainHealth(environmentId, drainId, initialHealth).data;
  const waiting = health.status === "waiting";
  if (!justCreated && !waiting) return null;
  const litellm = [
    "litellm_settings:",
    '  callbacks: ["trace_drains"]',
    "callback_settings:",
    "  trace_drains:",
    "    callback_type: generic_api",
    `    endpoint: ${ingestUrl}`,
    "    headers:",
    '      Authorization: "Bearer <GATEWAY_INGEST_TOKEN>"',
  ].join("\n");
  const curl = `curl -X POST ${ingestUrl} \\
  -H "Authorization: Bearer <GATEWAY_INGEST_TOKEN>" -H "Content-Type: application/json" \\
  -d '[{"id":"req-1","call_type":"acompletion","model":"gpt-4o","startTime":'$(date +%s)',"endTime":'$(date +%s)',"metadata":{"user_api_key_hash":"<sha256 of an LLM key of this environment>"}}]'`;
  return (
    <section className="panel" aria-labelledby="first-trace-heading">
      <h2 id="first-trace-heading">Your first trace</h2>
      {justCreated ? (
        <div className="alert alert-ok" role="status">
          LLM Trace Drain <strong>{handle}</strong> saved.
        </div>
      ) : null}
      <ol className="checklist">
        <li>
          Press <strong>Send test trace</strong> in Delivery below: one span with no content reaches the destination,
          with a link to it where the destination has one.
        </li>
        <li>
          The platform&apos;s AI Gateway already posts its request logs to this dashboard. Running the gateway yourself?
          Point its logging callback here (LiteLLM <code>generic_api</code>); the ingest token is shown to platform
          admins in Admin:
          <figure className="code-figure" aria-labelledby="litellm-config-caption">
            <figcaption id="litellm-config-caption">LiteLLM configuration</figcaption>
            <pre className="code-block" tabIndex={0}>
              {litellm}
            </pre>
          </figure>
          <CopyButton text={litellm} label="Copy the LiteLLM configuration" />
          <figure className="code-figure" aria-labelledby="curl-example-caption">
            <figcaption id="curl-example-caption">curl example</figcaption>
            <pre className="code-block" tabIndex={0}>
              {curl}
            </pre>
          </figure>
          <CopyButton text={curl} label="Copy the curl example" />
        </li>
        <li>
          Call the gateway with an LLM key of this environment.{" "}
          <span role="status">
            {waiting ? (
              <>Waiting for the first trace… (checked every 5 seconds)</>
            ) : (
              <>
                First trace delivered
                {health.lastSuccessAt ? ` at ${formatDateTime(health.lastSuccessAt)}` : ""}.
              </>
            )}
          </span>
        </li>
      </ol>
    </section>
  );
}

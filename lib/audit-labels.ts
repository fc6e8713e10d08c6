// Human wording for audit actions, shared by every activity view.
const labels: Record<string, string> = {
  "llm_key.create": "Created LLM key",
  "llm_key.revoke": "Revoked LLM key",
  "llm_trace_drain.create": "Created LLM Trace Drain",
  "llm_trace_drain.update": "Edited LLM Trace Drain",
  "llm_trace_drain.rotate_keys": "Rotated LLM Trace Drain keys",
  "llm_trace_drain.pause": "Paused LLM Trace Drain",
  "llm_trace_drain.resume": "Resumed LLM Trace Drain",
  "llm_trace_drain.delete": "Deleted LLM Trace Drain",
  "llm_trace_drain.test_connection.succeeded": "Tested connection: succeeded",
  "llm_trace_drain.retry": "Retried LLM Trace Drain deliveries",
  "llm_trace_drain.queue_dropped": "Dropped spans queued under the previous content settings",
  "llm_trace_drain.dead_letter.retry": "Retried a dead letter",
  "llm_trace_drain.dead_letter.discard": "Discarded a dead letter",
  "llm_trace_drain.test_trace.succeeded": "Sent test trace: delivered",
  "llm_trace_drain.test_trace.failed": "Sent test trace: failed",
  "organization.baa_signed": "Recorded signed BAA",
  "organization.baa_withdrawn": "Withdrew BAA",
  "organization.ai_gateway_beta_enrolled": "Enrolled in AI Gateway beta",
  "organization.ai_gateway_beta_withdrawn": "Withdrew from AI Gateway beta",
  "ingest_stage.retry": "Retried sealing of records it had given up on",
};

export function auditActionLabel(action: string): string {
  const failed = action.match(/^llm_trace_drain\.test_connection\.failed\.(\w+)$/);
  if (failed) return `Tested connection: failed (${failed[1]!.replace(/_/g, " ")})`;
  return labels[action] ?? action;
}

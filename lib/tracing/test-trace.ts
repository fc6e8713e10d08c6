import { randomBytes } from "node:crypto";
import { gatewayRecord } from "./gateway-record";
import { mapRecordToSpan, type MappedSpan, type SpanContext } from "./span-mapping";

// The span "Send test trace" delivers: it proves the path to the destination and nothing
// else. No prompt, completion or invented clinical text, zero tokens and cost (nothing was
// spent), no session (it would start a one-trace session in the customer's Sessions view),
// and the `test` tag plus `aptible.test` so it is easy to find and to filter out.

export const TEST_TRACE_NAME = "LLM Trace Drain test trace";

export function testTraceSpan(ctx: Omit<SpanContext, "traceId" | "spanId" | "times" | "test">): MappedSpan {
  const now = Date.now() / 1000;
  const record = gatewayRecord.parse({
    id: `test-${randomBytes(8).toString("hex")}`,
    call_type: "acompletion",
    status: "success",
    prompt_tokens: 0,
    completion_tokens: 0,
    total_tokens: 0,
    response_cost: 0,
    metadata: { requester_metadata: { trace_name: TEST_TRACE_NAME, generation_name: TEST_TRACE_NAME } },
  });
  return mapRecordToSpan(record, {
    ...ctx,
    traceId: randomBytes(16).toString("hex"),
    spanId: randomBytes(8).toString("hex"),
    times: { start: now, end: now, estimated: false },
    test: true,
  });
}

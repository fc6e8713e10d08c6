// The one internal shape of a request's content: OpenTelemetry GenAI semantic conventions
// 1.40.0 messages and parts. Every provider format (OpenAI chat, Anthropic messages, the
// Responses API) is read into it once; the semconv attributes and Langfuse's view are both
// rendered from it (render-semconv.ts, render-chat.ts).

export type TextPart = { type: "text"; content: string };
export type ReasoningPart = { type: "reasoning"; content: string };
export type ToolCallPart = { type: "tool_call"; id?: string; name: string; arguments?: unknown };
/** `is_error`: the tool failed (Anthropic's flag on a tool_result), so its response is an error. */
export type ToolCallResponsePart = { type: "tool_call_response"; id?: string; response: unknown; is_error?: true };
/** Inline binary data. Its bytes are never forwarded: `content` holds a placeholder (see media.ts). */
export type BlobPart = { type: "blob"; modality: string; mime_type?: string; content: string };
export type UriPart = { type: "uri"; modality: string; mime_type?: string; uri: string };
export type FilePart = { type: "file"; modality: string; mime_type?: string; file_id: string };
/** A part of a type the conventions do not define (e.g. a provider's server-side tool result). */
export type GenericPart = { type: string; [key: string]: unknown };

export type Part = TextPart | ReasoningPart | ToolCallPart | ToolCallResponsePart | BlobPart | UriPart | FilePart;
export type AnyPart = Part | GenericPart;

export type ChatMessage = { role: string; parts: AnyPart[]; name?: string };
export type FinishReason = "stop" | "length" | "content_filter" | "tool_call" | "error";
export type OutputMessage = { role: string; parts: AnyPart[]; finish_reason: string };
export type ToolDefinition = { type: string; name: string; description?: string; parameters?: unknown };

/** A request and its response, read into semconv shape. */
export type Conversation = {
  system: AnyPart[];
  input: ChatMessage[];
  output: OutputMessage[];
  tools: ToolDefinition[];
  /** The provider's own finish reasons (e.g. `tool_calls`), for gen_ai.response.finish_reasons. */
  finishReasons: string[];
};

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export const nonEmptyString = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** semconv finish reasons from provider values (OpenAI, Anthropic, Responses API). */
const FINISH_REASONS: Record<string, FinishReason> = {
  stop: "stop",
  end_turn: "stop",
  stop_sequence: "stop",
  completed: "stop",
  length: "length",
  max_tokens: "length",
  max_output_tokens: "length",
  content_filter: "content_filter",
  refusal: "content_filter",
  tool_calls: "tool_call",
  tool_call: "tool_call",
  tool_use: "tool_call",
  function_call: "tool_call",
  error: "error",
  failed: "error",
};

export function finishReason(providerValue: string | undefined): string {
  if (!providerValue) return "stop";
  return FINISH_REASONS[providerValue] ?? providerValue;
}

/** A chat message's reasoning: `reasoning_content`, else Anthropic `thinking_blocks` (as LiteLLM logs them). */
export function reasoningParts(message: Record<string, unknown>): AnyPart[] {
  if (typeof message.reasoning_content === "string" && message.reasoning_content !== "") {
    return [{ type: "reasoning", content: message.reasoning_content }];
  }
  const blocks = Array.isArray(message.thinking_blocks) ? message.thinking_blocks : [];
  return blocks.flatMap((b) =>
    isObject(b) && typeof b.thinking === "string" && b.thinking !== ""
      ? [{ type: "reasoning", content: b.thinking }]
      : [],
  );
}

/**
 * A Responses API reasoning item's text: its summary, else its `content` (`reasoning_text`
 * parts, which open-weight models such as gpt-oss send with an empty summary).
 */
export function responsesReasoningText(item: Record<string, unknown>): string {
  const texts = (list: unknown) =>
    (Array.isArray(list) ? list : [])
      .map((s) => (isObject(s) && typeof s.text === "string" ? s.text : typeof s === "string" ? s : ""))
      .filter((t) => t !== "")
      .join("\n");
  return texts(item.summary) || texts(item.content);
}

/** Tool-call arguments as a value: providers send a JSON string, semconv prefers the object. */
export function parseArguments(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * A turn's parts cut at each tool response, in order: a tool the provider ran itself has its
 * result inside the assistant's turn (Anthropic web search, a Responses mcp_call), and it reads
 * as a tool message between the call and what came after.
 */
export function cutAtResponses(parts: AnyPart[]): ({ turn: AnyPart[] } | { response: AnyPart })[] {
  const out: ({ turn: AnyPart[] } | { response: AnyPart })[] = [];
  let turn: AnyPart[] = [];
  for (const part of parts) {
    if (part.type !== "tool_call_response") turn.push(part);
    else {
      if (turn.length > 0) out.push({ turn });
      turn = [];
      out.push({ response: part });
    }
  }
  if (turn.length > 0) out.push({ turn });
  return out;
}

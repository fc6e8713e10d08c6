// LiteLLM call types → gen_ai.operation.name (semantic conventions 1.40.0 values:
// chat, generate_content, text_completion, embeddings, retrieval, create_agent,
// invoke_agent, execute_tool). Where no predefined value applies the conventions allow the
// system's own name, which is what `moderation` is. Langfuse maps chat, text_completion and
// generate_content to a GENERATION and embeddings to an EMBEDDING; any other value with a
// model becomes a GENERATION too (its ObservationTypeMapper's model-based fallback).

export type Operation = "chat" | "text_completion" | "embeddings" | "generate_content" | "retrieval" | "moderation";

export type OperationKind =
  "chat" | "text_completion" | "embeddings" | "image_generation" | "transcription" | "speech" | "rerank" | "moderation";

const KINDS: Record<string, OperationKind> = {
  completion: "chat",
  anthropic_messages: "chat",
  responses: "chat",
  generate_content: "chat",
  generate_content_stream: "chat",
  text_completion: "text_completion",
  embedding: "embeddings",
  image_generation: "image_generation",
  image_edit: "image_generation",
  transcription: "transcription",
  speech: "speech",
  rerank: "rerank",
  search: "rerank",
  moderation: "moderation",
};

const OPERATION: Record<OperationKind, Operation> = {
  chat: "chat",
  text_completion: "text_completion",
  embeddings: "embeddings",
  image_generation: "generate_content",
  transcription: "generate_content",
  speech: "generate_content",
  rerank: "retrieval",
  moderation: "moderation",
};

/** gen_ai.output.type for operations whose output is not plain text chat. */
export const OUTPUT_TYPE: Partial<Record<OperationKind, string>> = {
  image_generation: "image",
  speech: "speech",
  transcription: "text",
};

export function operationKind(callType: string | undefined): OperationKind {
  const t = (callType ?? "").toLowerCase();
  // Async variants carry an "a" prefix (acompletion, aanthropic_messages, aimage_generation).
  return KINDS[t] ?? KINDS[t.replace(/^a/, "")] ?? (t.includes("embedding") ? "embeddings" : "chat");
}

export function operationName(kind: OperationKind): Operation {
  return OPERATION[kind];
}

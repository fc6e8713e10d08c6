import type { GatewayRecord } from "../gateway-record";
import type { OperationKind } from "../operations";
import { fitConversation } from "./fit";
import { blobPart, urlPart, withoutBinary } from "./media";
import { isObject, nonEmptyString, type AnyPart, type Conversation, type OutputMessage } from "./parts";
import { passThroughRequest } from "./pass-through";
import { readInput, readTools } from "./read-input";
import { readOutput } from "./read-output";
import { chatInput, chatOutput } from "./render-chat";

// What a request said and answered, per kind of operation, as the two renderings a span
// carries: the semconv content attributes (JSON strings, since Langfuse cannot decode OTLP
// map values) and Langfuse's own input/output view. `contentFree` attributes describe the
// content without holding any (finish reasons, flags) and are sent in every mode.

export type RequestContent = {
  /** gen_ai.input.messages, gen_ai.output.messages, gen_ai.system_instructions, … as JSON strings. */
  semconv: Record<string, string>;
  chatInput?: unknown;
  chatOutput?: unknown;
  finishReasons: string[];
  contentFree: Record<string, string | number | boolean | string[]>;
  truncated: boolean;
};

const json = (v: unknown) => JSON.stringify(v);

function texts(c: Conversation): string[] {
  return c.input.flatMap((m) => m.parts.flatMap((p) => (p.type === "text" ? [String(p.content)] : [])));
}

/** Images, speech and transcripts produced by media endpoints, as one assistant message. */
function mediaOutput(kind: OperationKind, response: unknown): OutputMessage[] {
  const r = isObject(response) ? response : {};
  const parts: AnyPart[] = [];
  if (kind === "image_generation" && Array.isArray(r.data)) {
    const mime = nonEmptyString(r.output_format) ? `image/${String(r.output_format)}` : "image/png";
    for (const image of r.data.filter(isObject)) {
      if (typeof image.b64_json === "string") parts.push(blobPart(image.b64_json, mime, "image"));
      else if (typeof image.url === "string") parts.push(urlPart(image.url, "image"));
      if (typeof image.revised_prompt === "string") parts.push({ type: "text", content: image.revised_prompt });
    }
  } else if (kind === "transcription" && typeof r.text === "string") {
    parts.push({ type: "text", content: r.text });
  } else if (kind === "speech") {
    parts.push({ type: "blob", modality: "audio", content: "[audio data, not forwarded]" });
  }
  return parts.length > 0 ? [{ role: "assistant", parts, finish_reason: "stop" }] : [];
}

function conversationOf(record: GatewayRecord, kind: OperationKind): Conversation {
  const params = record.model_parameters ?? {};
  const response = isObject(record.response) ? record.response : {};
  const passThrough = passThroughRequest(record.call_type, record.messages);
  if (passThrough) {
    const { system, input } = readInput(passThrough.messages, passThrough.instructions);
    const { output, finishReasons } = readOutput(record.response);
    return { system, input, output, tools: readTools(passThrough.tools), finishReasons };
  }
  const { system, input } = readInput(record.messages, params.instructions ?? params.system ?? response.instructions);
  if (kind === "image_generation" || kind === "transcription" || kind === "speech") {
    return { system, input, output: mediaOutput(kind, record.response), tools: [], finishReasons: [] };
  }
  const { output, finishReasons } = readOutput(record.response);
  return { system, input, output, tools: readTools(params.tools ?? params.functions), finishReasons };
}

function semconvAttributes(c: Conversation): Record<string, string> {
  const a: Record<string, string> = {};
  if (c.input.length > 0) a["gen_ai.input.messages"] = json(c.input);
  if (c.system.length > 0) a["gen_ai.system_instructions"] = json(c.system);
  if (c.output.length > 0) a["gen_ai.output.messages"] = json(c.output);
  if (c.tools.length > 0) a["gen_ai.tool.definitions"] = json(c.tools);
  return a;
}

function rerank(record: GatewayRecord): RequestContent {
  const query = texts({
    system: [],
    input: readInput(record.messages).input,
    output: [],
    tools: [],
    finishReasons: [],
  });
  const response = isObject(record.response) ? record.response : {};
  const results = (Array.isArray(response.results) ? response.results : []).filter(isObject);
  const documents = results.map((r) => ({
    id: String(r.index ?? ""),
    score: typeof r.relevance_score === "number" ? r.relevance_score : null,
  }));
  return {
    semconv: query.length > 0 ? { "gen_ai.retrieval.query.text": query.join("\n") } : {},
    chatInput: query.length > 0 ? { query: query.join("\n") } : undefined,
    chatOutput: results.length > 0 ? withoutBinary(results) : undefined,
    finishReasons: [],
    contentFree: documents.length > 0 ? { "gen_ai.retrieval.documents": json(documents) } : {},
    truncated: false,
  };
}

function moderation(record: GatewayRecord): RequestContent {
  const input = texts({
    system: [],
    input: readInput(record.messages).input,
    output: [],
    tools: [],
    finishReasons: [],
  });
  const response = isObject(record.response) ? record.response : {};
  const results = (Array.isArray(response.results) ? response.results : []).filter(isObject);
  const flaggedCategories = results.flatMap((r) =>
    isObject(r.categories)
      ? Object.entries(r.categories)
          .filter(([, v]) => v === true)
          .map(([k]) => k)
      : [],
  );
  const contentFree: RequestContent["contentFree"] = {};
  if (results.length > 0) contentFree["aptible.moderation.flagged"] = results.some((r) => r.flagged === true);
  if (flaggedCategories.length > 0) contentFree["aptible.moderation.categories"] = [...new Set(flaggedCategories)];
  return {
    semconv:
      input.length > 0
        ? { "gen_ai.input.messages": json([{ role: "user", parts: input.map((t) => ({ type: "text", content: t })) }]) }
        : {},
    chatInput: input.length === 1 ? input[0] : input.length > 1 ? input : undefined,
    chatOutput: results.length > 0 ? results : undefined,
    finishReasons: [],
    contentFree,
    truncated: false,
  };
}

export function requestContent(record: GatewayRecord, kind: OperationKind): RequestContent {
  if (kind === "rerank") return rerank(record);
  if (kind === "moderation") return moderation(record);
  const c = conversationOf(record, kind);
  const truncated = fitConversation(c);
  if (kind === "embeddings") {
    // Langfuse shows an EMBEDDING's input only; vectors are not content anyone reads.
    const inputs = texts(c);
    return {
      semconv: {},
      // A list of strings would read as empty chat messages in Langfuse: wrap it.
      chatInput: inputs.length === 1 ? inputs[0] : inputs.length > 1 ? { input: inputs } : undefined,
      finishReasons: [],
      contentFree: {},
      truncated,
    };
  }
  const onlyText = (m: Conversation["input"]) => m.length === 1 && m[0]!.parts.every((p) => p.type === "text");
  // A text completion is a prompt and its continuation, not a chat: plain text reads best.
  const plainText = kind === "text_completion" && onlyText(c.input) && c.system.length === 0;
  return {
    semconv: semconvAttributes(c),
    chatInput: plainText
      ? texts(c).join("\n")
      : c.input.length + c.system.length + c.tools.length > 0
        ? chatInput(c)
        : undefined,
    chatOutput:
      plainText && c.output.length === 1 && onlyText(c.output)
        ? c.output[0]!.parts.map((p) => String((p as { content: unknown }).content)).join("\n")
        : chatOutput(c.output),
    finishReasons: c.finishReasons,
    contentFree: {},
    truncated,
  };
}

import { blockParts, contentParts } from "./blocks";
import { withoutBinary } from "./media";
import {
  finishReason,
  isObject,
  nonEmptyString,
  parseArguments,
  reasoningParts,
  responsesReasoningText,
  type AnyPart,
  type OutputMessage,
} from "./parts";
import { builtInToolParts, runsOnServer, serverToolResultPart } from "./server-tools";

// The response in any of the gateway's formats, read into semconv output messages plus
// the provider's own finish reasons: chat completions (`choices[]`, which is also what
// LiteLLM logs for /v1/messages), text completions (`choices[].text`), the Responses API
// (`output[]` items) and, defensively, a native Anthropic message (`content[]`).

export type ReadOutput = { output: OutputMessage[]; finishReasons: string[] };

function toolCall(id: unknown, name: unknown, args: unknown): AnyPart {
  return {
    type: "tool_call",
    ...(typeof id === "string" && id !== "" ? { id } : {}),
    name: typeof name === "string" ? name : "",
    arguments: withoutBinary(parseArguments(args)),
  };
}

function fromChoices(choices: unknown[]): ReadOutput {
  const finishReasons: string[] = [];
  const output = choices.filter(isObject).map((choice): OutputMessage => {
    const reason = nonEmptyString(choice.finish_reason);
    if (reason) finishReasons.push(reason);
    const message = isObject(choice.message) ? choice.message : isObject(choice.delta) ? choice.delta : {};
    const calls = Array.isArray(message.tool_calls) ? message.tool_calls.filter(isObject) : [];
    const asPart = (c: Record<string, unknown>) => {
      const fn = isObject(c.function) ? c.function : {};
      return toolCall(c.id, fn.name, fn.arguments);
    };
    // A tool Anthropic ran itself (web search, web fetch, code execution): LiteLLM lists its
    // server_tool_use among the tool calls and moves its result block to provider_specific_fields.
    // The call and its result come first, as they happened, before the answer built on them.
    const fields = isObject(message.provider_specific_fields) ? message.provider_specific_fields : {};
    const serverResults = [
      ...(Array.isArray(fields.web_search_results) ? fields.web_search_results : []),
      ...(Array.isArray(fields.tool_results) ? fields.tool_results : []),
    ]
      .filter(isObject)
      .flatMap((b) => serverToolResultPart(b) ?? []);
    const ranOnServer = new Set(serverResults.map((r) => (r as { id?: string }).id).filter(Boolean));
    const serverTurn = calls
      .filter((c) => ranOnServer.has(c.id as string))
      .flatMap((c) => [asPart(c), ...serverResults.filter((r) => (r as { id?: string }).id === c.id)]);
    const parts = [
      ...reasoningParts(message),
      ...serverTurn,
      ...contentParts(message.content ?? choice.text),
      // A model that declines answers with `refusal` and no content.
      ...(nonEmptyString(message.refusal) ? [{ type: "text", content: message.refusal }] : []),
      // Images a model generated in a chat completion (Gemini, OpenRouter): withheld like any image.
      ...(Array.isArray(message.images) ? message.images.flatMap(blockParts) : []),
      ...calls.filter((c) => !ranOnServer.has(c.id as string)).map(asPart),
    ];
    if (isObject(message.function_call)) {
      parts.push(toolCall(undefined, message.function_call.name, message.function_call.arguments));
    }
    if (isObject(message.audio)) {
      // The spoken reply's words are content like any text; its audio is not forwarded.
      const transcript = nonEmptyString(message.audio.transcript);
      if (transcript) parts.push({ type: "text", content: transcript });
      parts.push({ type: "blob", modality: "audio", content: "[audio data, not forwarded]" });
    }
    return { role: nonEmptyString(message.role) ?? "assistant", parts, finish_reason: finishReason(reason) };
  });
  return { output, finishReasons };
}

/** Responses API: all output items form one assistant message. */
function fromResponsesOutput(response: Record<string, unknown>, items: unknown[]): ReadOutput {
  const parts: AnyPart[] = [];
  // Whether the client has a call to run; a tool the provider ran itself (web search) is done.
  let clientCall = false;
  for (const item of items.filter(isObject)) {
    if (item.type === "message") parts.push(...contentParts(item.content));
    else if (item.type === "function_call" || item.type === "custom_tool_call") {
      parts.push(toolCall(item.call_id, item.name, item.arguments ?? item.input));
      clientCall = true;
    } else if (item.type === "reasoning") {
      const text = responsesReasoningText(item);
      if (text !== "") parts.push({ type: "reasoning", content: text });
    } else if (typeof item.type === "string") {
      const builtIn = builtInToolParts(item);
      if (builtIn) {
        parts.push(...builtIn);
        clientCall ||= builtIn.some((p) => p.type === "tool_call") && !runsOnServer(item.type);
      } else {
        // Items of a kind not known here keep their fields.
        const { id: _id, ...rest } = item;
        parts.push({ ...(withoutBinary(rest) as Record<string, unknown>), type: item.type });
      }
    }
  }
  const incomplete = isObject(response.incomplete_details)
    ? nonEmptyString(response.incomplete_details.reason)
    : undefined;
  const status = nonEmptyString(response.status);
  const providerReason = clientCall
    ? "tool_calls"
    : (incomplete ?? (status === "incomplete" ? "length" : status === "failed" ? "error" : "stop"));
  return {
    output: parts.length > 0 ? [{ role: "assistant", parts, finish_reason: finishReason(providerReason) }] : [],
    finishReasons: [providerReason],
  };
}

export function readOutput(response: unknown): ReadOutput {
  if (typeof response === "string") {
    return response === ""
      ? { output: [], finishReasons: [] }
      : {
          output: [{ role: "assistant", parts: [{ type: "text", content: response }], finish_reason: "stop" }],
          finishReasons: [],
        };
  }
  if (!isObject(response)) return { output: [], finishReasons: [] };
  if (Array.isArray(response.choices)) {
    const read = fromChoices(response.choices);
    // An empty completion ("") is no message at all.
    return { ...read, output: read.output.filter((m) => m.parts.length > 0) };
  }
  if (Array.isArray(response.output)) return fromResponsesOutput(response, response.output);
  if (response.type === "message" && Array.isArray(response.content)) {
    const reason = nonEmptyString(response.stop_reason);
    const parts = contentParts(response.content);
    return {
      output: parts.length > 0 ? [{ role: "assistant", parts, finish_reason: finishReason(reason) }] : [],
      finishReasons: reason ? [reason] : [],
    };
  }
  return { output: [], finishReasons: [] };
}

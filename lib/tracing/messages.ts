// Converts OpenAI-shaped chat messages and responses into the OTel GenAI semantic
// conventions (v1.40.0) message JSON: input [{role, parts, name?}], output
// [{role, parts, finish_reason}], system instructions as an array of parts.

type Part = Record<string, unknown>;
export type InputMessage = { role: string; parts: Part[]; name?: string };
export type OutputMessage = { role: string; parts: Part[]; finish_reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

function parseArguments(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Content as parts: a string, or OpenAI content blocks (text, image_url, input_audio, file). */
function contentParts(content: unknown): Part[] {
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", content }];
  if (!Array.isArray(content)) return content == null ? [] : [{ type: "text", content: JSON.stringify(content) }];
  return content.flatMap((block): Part[] => {
    if (typeof block === "string") return [{ type: "text", content: block }];
    if (!isObject(block)) return [];
    if (block.type === "text" && typeof block.text === "string") return [{ type: "text", content: block.text }];
    if (block.type === "image_url") {
      const url = isObject(block.image_url) ? block.image_url.url : block.image_url;
      return [{ type: "uri", modality: "image", uri: typeof url === "string" ? url : "" }];
    }
    if (block.type === "input_audio") return [{ type: "blob", modality: "audio" }];
    if (block.type === "file") return [{ type: "file", modality: "file" }];
    if (block.type === "thinking" || block.type === "reasoning")
      return [{ type: "reasoning", content: String(block.thinking ?? block.text ?? "") }];
    return [{ type: String(block.type ?? "unknown"), content: JSON.stringify(block) }];
  });
}

function toolCallParts(toolCalls: unknown): Part[] {
  if (!Array.isArray(toolCalls)) return [];
  return toolCalls.filter(isObject).map((call) => {
    const fn = isObject(call.function) ? call.function : {};
    return { type: "tool_call", id: call.id ?? null, name: fn.name ?? null, arguments: parseArguments(fn.arguments) };
  });
}

/** Splits request messages into system instructions and the remaining input messages. */
export function inputMessages(messages: unknown): { system: Part[]; input: InputMessage[] } {
  const system: Part[] = [];
  const input: InputMessage[] = [];
  const list =
    typeof messages === "string" ? [{ role: "user", content: messages }] : Array.isArray(messages) ? messages : [];
  for (const m of list) {
    // Embedding and text-completion inputs arrive as bare strings.
    if (typeof m === "string") {
      input.push({ role: "user", parts: [{ type: "text", content: m }] });
      continue;
    }
    if (!isObject(m)) continue;
    const role = typeof m.role === "string" ? m.role : "user";
    if (role === "system" || role === "developer") {
      system.push(...contentParts(m.content));
      continue;
    }
    if (role === "tool") {
      input.push({
        role: "tool",
        parts: [
          {
            type: "tool_call_response",
            id: m.tool_call_id ?? null,
            response: typeof m.content === "string" ? m.content : JSON.stringify(m.content),
          },
        ],
      });
      continue;
    }
    const parts = [...contentParts(m.content), ...toolCallParts(m.tool_calls)];
    input.push({ role, parts, ...(typeof m.name === "string" ? { name: m.name } : {}) });
  }
  return { system, input };
}

const FINISH_REASONS: Record<string, string> = {
  stop: "stop",
  length: "length",
  content_filter: "content_filter",
  tool_calls: "tool_call",
  function_call: "tool_call",
  tool_call: "tool_call",
  error: "error",
};

/** Output messages from an OpenAI-shaped response, and the provider's own finish reasons. */
export function outputMessages(response: unknown): { output: OutputMessage[]; finishReasons: string[] } {
  if (typeof response === "string")
    return {
      output: [{ role: "assistant", parts: [{ type: "text", content: response }], finish_reason: "stop" }],
      finishReasons: [],
    };
  const choices = isObject(response) && Array.isArray(response.choices) ? response.choices.filter(isObject) : [];
  const finishReasons: string[] = [];
  const output = choices.map((choice) => {
    const reason = typeof choice.finish_reason === "string" ? choice.finish_reason : "stop";
    finishReasons.push(reason);
    const message = isObject(choice.message) ? choice.message : isObject(choice.delta) ? choice.delta : {};
    const parts = [
      ...(typeof message.reasoning_content === "string"
        ? [{ type: "reasoning", content: message.reasoning_content }]
        : []),
      ...contentParts(message.content ?? choice.text),
      ...toolCallParts(message.tool_calls),
    ];
    return {
      role: typeof message.role === "string" ? message.role : "assistant",
      parts,
      finish_reason: FINISH_REASONS[reason] ?? reason,
    };
  });
  return { output, finishReasons };
}

/** Tool definitions as the semconv lists them: type, name, description, parameters. */
export function toolDefinitions(tools: unknown): Part[] {
  if (!Array.isArray(tools)) return [];
  return tools.filter(isObject).map((tool) => {
    const fn = isObject(tool.function) ? tool.function : tool;
    return {
      type: tool.type ?? "function",
      name: fn.name ?? null,
      description: fn.description ?? null,
      parameters: fn.parameters ?? null,
    };
  });
}

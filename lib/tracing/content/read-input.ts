import { contentParts, toolResultValue } from "./blocks";
import { withoutBinary } from "./media";
import {
  cutAtResponses,
  isObject,
  nonEmptyString,
  parseArguments,
  reasoningParts,
  responsesReasoningText,
  type AnyPart,
  type ChatMessage,
  type ToolDefinition,
} from "./parts";
import { builtInToolParts } from "./server-tools";

// Request messages in any of the gateway's formats, read into semconv input messages and
// system instructions: OpenAI chat messages (with tool_calls and role "tool"), Anthropic
// messages (tool_use / tool_result blocks; a tool_result becomes its own "tool" message,
// as in the conventions, and so does a server tool's result inside the assistant's turn),
// and Responses API input items (function_call, function_call_output, reasoning, message,
// and built-in tool calls replayed from an earlier response).

function toolCallParts(toolCalls: unknown): AnyPart[] {
  if (!Array.isArray(toolCalls)) return [];
  return toolCalls.filter(isObject).map((call) => {
    const fn = isObject(call.function) ? call.function : call;
    return {
      type: "tool_call",
      ...(typeof call.id === "string" ? { id: call.id } : {}),
      name: typeof fn.name === "string" ? fn.name : "",
      arguments: withoutBinary(parseArguments(fn.arguments)),
    };
  });
}

/** Appends parts to the last message when it has the same role (Responses items arrive one by one). */
function push(messages: ChatMessage[], role: string, parts: AnyPart[], merge = false): void {
  if (parts.length === 0) return;
  const last = messages[messages.length - 1];
  if (merge && last && last.role === role) last.parts.push(...parts);
  else messages.push({ role, parts });
}

function readItem(item: Record<string, unknown>, system: AnyPart[], input: ChatMessage[]): void {
  // Responses API items without a role.
  switch (item.type) {
    case "function_call":
    case "custom_tool_call":
      push(
        input,
        "assistant",
        toolCallParts([{ id: item.call_id, name: item.name, arguments: item.arguments ?? item.input }]),
        true,
      );
      return;
    case "function_call_output":
    case "custom_tool_call_output":
      push(input, "tool", [
        {
          type: "tool_call_response",
          ...(typeof item.call_id === "string" ? { id: item.call_id } : {}),
          response: toolResultValue(item.output),
        },
      ]);
      return;
    case "reasoning": {
      const text = responsesReasoningText(item);
      push(input, "assistant", text === "" ? [] : [{ type: "reasoning", content: text }], true);
      return;
    }
  }
  const builtIn = item.role === undefined ? builtInToolParts(item) : undefined;
  if (builtIn) {
    for (const part of builtIn) {
      if (part.type === "tool_call_response") push(input, "tool", [part]);
      else push(input, "assistant", [part], true);
    }
    return;
  }
  const role = nonEmptyString(item.role) ?? "user";
  if (role === "system" || role === "developer") {
    // Instructions before the conversation are the system instructions; one sent later
    // (an agent's reminder between turns) stays where it was said, as the conventions ask.
    if (input.length === 0) system.push(...contentParts(item.content));
    else push(input, "system", contentParts(item.content));
    return;
  }
  if (role === "tool" || role === "function") {
    const id = nonEmptyString(item.tool_call_id) ?? nonEmptyString(item.name);
    push(input, "tool", [
      { type: "tool_call_response", ...(id ? { id } : {}), response: toolResultValue(item.content) },
    ]);
    return;
  }
  // An assistant turn sent back with its reasoning (LiteLLM asks chat clients to return Anthropic's
  // thinking_blocks; DeepSeek-style clients echo reasoning_content) keeps it, as in a response.
  const reasoning = role === "assistant" ? reasoningParts(item) : [];
  const parts = [...reasoning, ...contentParts(item.content), ...toolCallParts(item.tool_calls)];
  // The legacy function-calling API has no call ids: its result names the function, so the
  // call is identified by that name too, and the two pair up.
  if (isObject(item.function_call))
    parts.push(...toolCallParts([{ id: nonEmptyString(item.function_call.name), function: item.function_call }]));
  const name = typeof item.name === "string" && item.name !== "" ? { name: item.name } : {};
  if (role === "assistant") {
    for (const cut of cutAtResponses(parts)) {
      if ("turn" in cut) input.push({ role, parts: cut.turn, ...name });
      else push(input, "tool", [cut.response]);
    }
    return;
  }
  // Anthropic puts tool results inside a user message: they become "tool" messages of their own.
  const results = parts.filter((p) => p.type === "tool_call_response");
  const rest = parts.filter((p) => p.type !== "tool_call_response");
  for (const r of results) push(input, "tool", [r]);
  if (rest.length > 0) input.push({ role, parts: rest, ...name });
}

// What LiteLLM logs as `messages` for a call it has no input for (batch retrieval, a health
// probe): a placeholder, not anything the client said.
const PLACEHOLDER = "default-message-value";
const isPlaceholder = (messages: unknown) =>
  messages === PLACEHOLDER ||
  (Array.isArray(messages) && messages.length === 1 && isObject(messages[0]) && messages[0].content === PLACEHOLDER);

/** Splits request messages into system instructions and the remaining input messages. */
export function readInput(messages: unknown, instructions?: unknown): { system: AnyPart[]; input: ChatMessage[] } {
  const system: AnyPart[] = [];
  const input: ChatMessage[] = [];
  if (typeof instructions === "string" && instructions !== "") system.push({ type: "text", content: instructions });
  else if (Array.isArray(instructions)) system.push(...contentParts(instructions));
  const list = isPlaceholder(messages)
    ? []
    : typeof messages === "string"
      ? [messages]
      : Array.isArray(messages)
        ? messages
        : [];
  for (const item of list) {
    if (typeof item === "string") push(input, "user", item === "" ? [] : [{ type: "text", content: item }]);
    else if (isObject(item)) readItem(item, system, input);
  }
  return { system, input };
}

/**
 * Tool definitions in semconv's flat shape from OpenAI chat (`{type, function:{…}}`),
 * Responses (`{type:"function", name, parameters}`), Anthropic (`{name, input_schema}`;
 * server tools such as web search carry only a type and name) and Gemini, as LiteLLM logs
 * a Gemini or Vertex request's tools after translating them (`{function_declarations:[…]}`,
 * and built-in tools named by their only key: `{googleSearch:{}}`, `{code_execution:{}}`).
 */
export function readTools(tools: unknown): ToolDefinition[] {
  if (!Array.isArray(tools)) return [];
  return tools.filter(isObject).flatMap((tool): ToolDefinition[] => {
    const declarations = tool.function_declarations ?? tool.functionDeclarations;
    if (Array.isArray(declarations)) return declarations.filter(isObject).flatMap(toolDefinition);
    const keys = Object.keys(tool);
    if (keys.length === 1 && isObject(tool[keys[0]!]) && !("function" in tool) && !("name" in tool)) {
      return [{ type: keys[0]!, name: keys[0]! }];
    }
    return toolDefinition(tool);
  });
}

function toolDefinition(tool: Record<string, unknown>): ToolDefinition[] {
  const fn = isObject(tool.function) ? tool.function : tool;
  // A Responses MCP tool is named by its server; other built-in tools only by their type.
  const name = nonEmptyString(fn.name) ?? nonEmptyString(tool.server_label) ?? nonEmptyString(tool.type);
  if (!name) return [];
  const parameters = fn.parameters ?? fn.input_schema ?? tool.input_schema ?? fn.parameters_json_schema;
  const description = nonEmptyString(fn.description);
  return [
    {
      type: nonEmptyString(tool.type) ?? "function",
      name,
      ...(description ? { description } : {}),
      ...(parameters !== undefined && parameters !== null ? { parameters } : {}),
    },
  ];
}

import { cutAtResponses, type AnyPart, type Conversation, type OutputMessage, type ToolDefinition } from "./parts";

// The conversation as OpenAI-shaped chat messages, the shape most LLM observability tools
// render and index (Langfuse's chat view and tool-call index read it, not semconv parts:
// with parts, tool calls render as raw JSON and stay unindexed). A destination that wants it
// puts it in its own attributes (lib/destinations/langfuse/span-attributes.ts):
//   input  = { messages: [{role, content, tool_calls?, tool_call_id?, thinking?}], tools? }
//   output = the assistant message (or a list of them when there are several choices)

type OpenAiBlock = { type: "text"; text: string } | { type: "image_url"; image_url: { url: string } };
type OpenAiToolCall = { id: string; type: "function"; function: { name: string; arguments: string } };
export type OpenAiMessage = {
  role: string;
  content: string | OpenAiBlock[] | null;
  name?: string;
  tool_calls?: OpenAiToolCall[];
  tool_call_id?: string;
  thinking?: { type: "thinking"; content: string }[];
};

const asText = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value ?? null));

function block(part: AnyPart): OpenAiBlock | undefined {
  switch (part.type) {
    case "text":
      return { type: "text", text: String(part.content) };
    case "uri":
      return part.modality === "image"
        ? { type: "image_url", image_url: { url: String(part.uri) } }
        : { type: "text", text: `[${String(part.modality)}: ${String(part.uri)}]` };
    case "blob":
      return { type: "text", text: String(part.content) };
    case "file":
      return { type: "text", text: `[${String(part.modality)} file ${String(part.file_id)}]` };
    case "tool_call":
    case "tool_call_response":
    case "reasoning":
      return undefined;
    default:
      return { type: "text", text: JSON.stringify(part) };
  }
}

/** Text-only content becomes one string; anything else a list of blocks. */
function content(parts: AnyPart[]): string | OpenAiBlock[] | null {
  const blocks = parts.map(block).filter((b): b is OpenAiBlock => b !== undefined);
  if (blocks.length === 0) return null;
  if (blocks.every((b) => b.type === "text")) return blocks.map((b) => (b as { text: string }).text).join("\n");
  return blocks;
}

function message(role: string, parts: AnyPart[], name?: string): OpenAiMessage[] {
  if (role === "tool") return toolMessages(parts);
  const cuts = cutAtResponses(parts);
  if (cuts.length === 0) return [turn(role, parts, name)];
  return cuts.flatMap((cut) => ("turn" in cut ? [turn(role, cut.turn, name)] : toolMessages([cut.response])));
}

function toolMessages(parts: AnyPart[]): OpenAiMessage[] {
  return parts.map((p) => ({
    role: "tool",
    tool_call_id: p.type === "tool_call_response" && typeof p.id === "string" ? p.id : "",
    // The chat view has no error flag for a tool message: a failed tool says so in its text.
    content:
      p.type === "tool_call_response"
        ? `${p.is_error ? "[tool error] " : ""}${asText(p.response)}`
        : asText(content([p])),
  }));
}

/** One message of the user or the assistant: its content, tool calls and reasoning. */
function turn(role: string, parts: AnyPart[], name?: string): OpenAiMessage {
  const calls = parts.flatMap((p, index): OpenAiToolCall[] =>
    p.type === "tool_call"
      ? [
          {
            id: typeof p.id === "string" ? p.id : `call_${index}`,
            type: "function",
            function: { name: String(p.name), arguments: asText(p.arguments ?? {}) },
          },
        ]
      : [],
  );
  const thinking = parts.flatMap((p) =>
    p.type === "reasoning" ? [{ type: "thinking" as const, content: String(p.content) }] : [],
  );
  return {
    role,
    content: content(parts),
    ...(name ? { name } : {}),
    ...(calls.length > 0 ? { tool_calls: calls } : {}),
    ...(thinking.length > 0 ? { thinking } : {}),
  };
}

function tools(definitions: ToolDefinition[]) {
  return definitions.map((t) => ({
    type: "function",
    function: {
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      ...(t.parameters !== undefined ? { parameters: t.parameters } : {}),
    },
  }));
}

export function chatInput(c: Conversation): { messages: OpenAiMessage[]; tools?: ReturnType<typeof tools> } {
  const system = content(c.system);
  const messages = [
    ...(system !== null ? [{ role: "system", content: system }] : []),
    ...c.input.flatMap((m) => message(m.role, m.parts, m.name)),
  ];
  return { messages, ...(c.tools.length > 0 ? { tools: tools(c.tools) } : {}) };
}

export function chatOutput(output: OutputMessage[]): OpenAiMessage | OpenAiMessage[] | undefined {
  const messages = output.flatMap((m) => message(m.role, m.parts));
  if (messages.length === 0) return undefined;
  return messages.length === 1 ? messages[0] : messages;
}

import { blobPart, withoutBinary } from "./media";
import { isObject, nonEmptyString, parseArguments, type AnyPart } from "./parts";

// Tools the provider runs itself, read into tool calls and their responses so a trace reader
// sees what was searched, fetched or run rather than the item's raw JSON:
// - the Responses API's built-in tool items (`web_search_call`, `file_search_call`,
//   `mcp_call`, `code_interpreter_call`, `computer_call`, `local_shell_call`, …, and their
//   `*_call_output` items), in a response's `output` and replayed in a later request's `input`;
// - Anthropic's server tool result blocks (`web_search_tool_result`, `web_fetch_tool_result`,
//   `code_execution_tool_result`, `mcp_tool_result`, …), which follow their `server_tool_use`
//   or `mcp_tool_use` block in the assistant's turn.

/** Fields that carry nothing a reader can use: provider-encrypted blobs and signatures. */
const OPAQUE = new Set(["encrypted_content", "encrypted_index", "signature", "cache_control"]);

function readable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(readable);
  if (!isObject(value)) return withoutBinary(value);
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (OPAQUE.has(k) ? [] : [[k, readable(v)]])));
}

/** A search result (Anthropic's `web_search_result` or `search_result`) as the lines a reader scans. */
function resultText(result: Record<string, unknown>): string | undefined {
  const title = nonEmptyString(result.title);
  const where = nonEmptyString(result.url) ?? nonEmptyString(result.source);
  if (!title && !where) return undefined;
  const body = Array.isArray(result.content)
    ? result.content.flatMap((b) => (isObject(b) && typeof b.text === "string" ? [b.text] : [])).join("\n")
    : undefined;
  return [title, where, nonEmptyString(result.page_age), body || undefined].filter(Boolean).join("\n");
}

/** What a server tool returned: search results as text, anything else without its opaque fields. */
export function serverToolResult(content: unknown): unknown {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    const texts = content.map((item) => (isObject(item) ? resultText(item) : undefined));
    if (content.length > 0 && texts.every((t) => t !== undefined)) return texts.join("\n\n");
  }
  return readable(content);
}

/** Anthropic's `search_result` block (retrieval with citations), as the text it grounds the answer in. */
export function searchResultPart(block: Record<string, unknown>): AnyPart[] {
  const text = resultText(block);
  return text ? [{ type: "text", content: text }] : [];
}

/** Anthropic server tool result blocks: `<tool>_tool_result`, paired with their call by id. */
export function serverToolResultPart(block: Record<string, unknown>): AnyPart | undefined {
  if (typeof block.type !== "string" || !block.type.endsWith("_tool_result")) return undefined;
  return {
    type: "tool_call_response",
    ...(typeof block.tool_use_id === "string" ? { id: block.tool_use_id } : {}),
    response: serverToolResult(block.content),
    ...(block.is_error === true ? { is_error: true as const } : {}),
  };
}

const call = (id: unknown, name: string, args: unknown): AnyPart => ({
  type: "tool_call",
  ...(typeof id === "string" && id !== "" ? { id } : {}),
  name,
  arguments: readable(parseArguments(args)) ?? {},
});
const response = (id: unknown, value: unknown): AnyPart => ({
  type: "tool_call_response",
  ...(typeof id === "string" && id !== "" ? { id } : {}),
  response: serverToolResult(value),
});

/** Built-in tools the provider runs itself; the others (computer use, shell) are the client's to run. */
const SERVER_RUN = new Set([
  "web_search_call",
  "file_search_call",
  "mcp_call",
  "code_interpreter_call",
  "image_generation_call",
]);
export const runsOnServer = (itemType: string) => SERVER_RUN.has(itemType);

/**
 * A Responses API built-in tool item as parts: its call, and its result when the item holds
 * one. Undefined for items that are not tool calls.
 */
export function builtInToolParts(item: Record<string, unknown>): AnyPart[] | undefined {
  const type = typeof item.type === "string" ? item.type : "";
  const id = item.call_id ?? item.id;
  switch (type) {
    case "image_generation_call":
      // The generated image: its bytes are withheld like any other image.
      return typeof item.result === "string" && item.result !== ""
        ? [blobPart(item.result, `image/${nonEmptyString(item.output_format) ?? "png"}`, "image")]
        : [];
    case "web_search_call":
      return [call(id, "web_search", item.action ?? {})];
    case "file_search_call":
      return [
        call(id, "file_search", { queries: item.queries ?? [] }),
        ...(Array.isArray(item.results) ? [response(id, item.results)] : []),
      ];
    case "mcp_call":
    case "mcp_approval_request": {
      const name = nonEmptyString(item.name) ?? type;
      const result = item.output ?? item.error;
      return [
        call(id, name, item.arguments),
        ...(result !== undefined && result !== null ? [response(id, result)] : []),
      ];
    }
    case "code_interpreter_call":
      return [
        call(id, "code_interpreter", { code: item.code ?? "" }),
        ...(Array.isArray(item.outputs) ? [response(id, item.outputs)] : []),
      ];
  }
  if (type.endsWith("_call_output")) return [response(item.call_id, item.output)];
  if (type.endsWith("_call")) return [call(id, type.slice(0, -"_call".length), item.action ?? item.arguments ?? {})];
  return undefined;
}

import { blobPart, urlPart, withoutBinary } from "./media";
import { isObject, nonEmptyString, parseArguments, type AnyPart } from "./parts";
import { searchResultPart, serverToolResultPart } from "./server-tools";

// Content blocks of every request format the gateway proxies, read into semconv parts:
// OpenAI chat (text, image_url, input_audio, file), Anthropic messages (text, image,
// document, search_result, tool_use, tool_result, thinking, and server tools' blocks:
// server-tools.ts) and the Responses API (input_text, output_text, refusal, input_image,
// input_file).

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value))
    return value
      .map(textOf)
      .filter((t) => t !== "")
      .join("\n");
  if (isObject(value) && typeof value.text === "string") return value.text;
  return "";
}

/** An Anthropic `source` (base64, url, file, text, or content blocks of a custom document) as parts. */
function sourceParts(source: unknown, modality: string): AnyPart[] {
  if (!isObject(source)) return [];
  const mime = nonEmptyString(source.media_type);
  if (source.type === "base64" && typeof source.data === "string") return [blobPart(source.data, mime, modality)];
  if (source.type === "url" && typeof source.url === "string") return [urlPart(source.url, modality)];
  if (source.type === "file" && typeof source.file_id === "string") {
    return [{ type: "file", modality, ...(mime ? { mime_type: mime } : {}), file_id: source.file_id }];
  }
  if (source.type === "text" && typeof source.data === "string") return [{ type: "text", content: source.data }];
  if (source.type === "content") return contentParts(source.content);
  return [];
}

/** A tool result's content: a string, or text joined from blocks (media become placeholders). */
export function toolResultValue(content: unknown): unknown {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return withoutBinary(content ?? "");
  const parts = content.flatMap(blockParts);
  const texts = parts.map((p) => ("content" in p && typeof p.content === "string" ? p.content : JSON.stringify(p)));
  return texts.join("\n");
}

export function blockParts(block: unknown): AnyPart[] {
  if (typeof block === "string") return block === "" ? [] : [{ type: "text", content: block }];
  if (!isObject(block)) return [];
  switch (block.type) {
    case "text":
    case "input_text":
    case "output_text": {
      const text = textOf(block.text);
      return text === "" ? [] : [{ type: "text", content: text }];
    }
    case "refusal":
      return typeof block.refusal === "string" ? [{ type: "text", content: block.refusal }] : [];
    case "image_url": {
      const url = isObject(block.image_url) ? block.image_url.url : block.image_url;
      return typeof url === "string" ? [urlPart(url, "image")] : [];
    }
    case "input_image": {
      if (typeof block.image_url === "string") return [urlPart(block.image_url, "image")];
      if (typeof block.file_id === "string") return [{ type: "file", modality: "image", file_id: block.file_id }];
      return [];
    }
    case "image":
      return sourceParts(block.source, "image");
    case "document": {
      // A document's title says what the model was given to cite; it leads its content.
      const parts = sourceParts(block.source, "document");
      const title = nonEmptyString(block.title);
      return title && parts.length > 0 ? [{ type: "text", content: title }, ...parts] : parts;
    }
    case "search_result":
      return searchResultPart(block);
    case "input_audio": {
      const audio = isObject(block.input_audio) ? block.input_audio : {};
      const format = nonEmptyString(audio.format);
      return [
        blobPart(typeof audio.data === "string" ? audio.data : "", format ? `audio/${format}` : undefined, "audio"),
      ];
    }
    case "file":
    case "input_file": {
      const file = isObject(block.file) ? block.file : block;
      if (typeof file.file_data === "string") return [urlPart(file.file_data, "document")];
      if (typeof file.file_id === "string") return [{ type: "file", modality: "document", file_id: file.file_id }];
      if (typeof file.file_url === "string") return [urlPart(file.file_url, "document")];
      return [];
    }
    case "tool_use":
    case "server_tool_use":
    case "mcp_tool_use":
      return [
        {
          type: "tool_call",
          ...(typeof block.id === "string" ? { id: block.id } : {}),
          name: typeof block.name === "string" ? block.name : "",
          arguments: withoutBinary(parseArguments(block.input)),
        },
      ];
    case "tool_result":
      return [
        {
          type: "tool_call_response",
          ...(typeof block.tool_use_id === "string" ? { id: block.tool_use_id } : {}),
          response: toolResultValue(block.content),
          ...(block.is_error === true ? { is_error: true as const } : {}),
        },
      ];
    case "thinking":
      return typeof block.thinking === "string" && block.thinking !== ""
        ? [{ type: "reasoning", content: block.thinking }]
        : [];
    case "redacted_thinking":
      return [];
    default: {
      const serverResult = serverToolResultPart(block);
      if (serverResult) return [serverResult];
      // Unknown block types keep their fields (binary removed) rather than being dropped.
      const { cache_control: _cacheControl, ...rest } = block;
      return [{ ...(withoutBinary(rest) as Record<string, unknown>), type: String(block.type ?? "unknown") }];
    }
  }
}

/** Message content (a string or a list of blocks) as parts. */
export function contentParts(content: unknown): AnyPart[] {
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", content }];
  if (Array.isArray(content)) return content.flatMap(blockParts);
  if (content === null || content === undefined) return [];
  return blockParts(content);
}

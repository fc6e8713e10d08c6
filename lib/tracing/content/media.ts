import type { BlobPart, UriPart } from "./parts";

// Images, audio and files inside prompts arrive as base64 (data: URIs, Anthropic base64
// sources, OpenAI input_audio, image-generation b64_json). Their bytes are never forwarded:
// a 5 MB image would become a 5 MB span, above export limits, and tells a trace reader
// nothing. They become a placeholder that keeps the media type and the size.

const DATA_URI = /^data:([^;,]*)(?:;[^,]*)?,(.*)$/s;
// LiteLLM already shortens long data URIs in `messages` to this form.
const LITELLM_TRUNCATED = /^\[base64_data truncated: ([\d.]+\s*[KMG]?B)\]$/;
const BASE64 = /^[A-Za-z0-9+/_-]+=*$/;
/** Strings at least this long that are pure base64 are treated as binary data. */
const MIN_BASE64_CHARS = 512;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Decoded size of a base64 string without decoding it. */
export function base64Bytes(data: string): number {
  const clean = data.replace(/\s+/g, "");
  const padding = clean.endsWith("==") ? 2 : clean.endsWith("=") ? 1 : 0;
  return Math.max(Math.floor((clean.length * 3) / 4) - padding, 0);
}

export function placeholder(mimeOrModality: string, size: string): string {
  return `[${mimeOrModality} data, ${size}, not forwarded]`;
}

export function modalityOf(mime: string | undefined, fallback: string): string {
  const top = mime?.split("/")[0];
  return top === "image" || top === "audio" || top === "video" ? top : fallback;
}

/** A blob part for base64 data whose bytes are withheld. */
export function blobPart(data: string, mime: string | undefined, fallbackModality: string): BlobPart {
  const truncated = LITELLM_TRUNCATED.exec(data.trim());
  const size = truncated ? truncated[1]!.replace(/(\d)([KMG]?B)$/, "$1 $2") : formatBytes(base64Bytes(data));
  const modality = modalityOf(mime, fallbackModality);
  return { type: "blob", modality, ...(mime ? { mime_type: mime } : {}), content: placeholder(mime ?? modality, size) };
}

/** An image or file reference: a URL stays a URI; a data: URI becomes a withheld blob. */
export function urlPart(url: string, fallbackModality: string): BlobPart | UriPart {
  const data = DATA_URI.exec(url);
  if (data) return blobPart(data[2] ?? "", data[1] || undefined, fallbackModality);
  return { type: "uri", modality: fallbackModality, uri: url };
}

export function looksLikeBase64(value: string): boolean {
  if (value.length < MIN_BASE64_CHARS) return false;
  if (value.startsWith("data:")) return value.slice(0, 200).includes(";base64,");
  // Base64 may be wrapped in lines, never spaced: prose with its spaces removed would match.
  return BASE64.test(value.replace(/\r?\n/g, ""));
}

/** A copy of any JSON value with base64 strings and data: URIs replaced by placeholders. */
export function withoutBinary(value: unknown): unknown {
  if (typeof value === "string") {
    if (!looksLikeBase64(value)) return value;
    const data = DATA_URI.exec(value);
    return data
      ? placeholder(data[1] || "binary", formatBytes(base64Bytes(data[2] ?? "")))
      : placeholder("binary", formatBytes(base64Bytes(value)));
  }
  if (Array.isArray(value)) return value.map(withoutBinary);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutBinary(v)]));
  }
  return value;
}

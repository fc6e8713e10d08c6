import type { DrainType, DrainView, DrainViewOf } from "../validation/llm-trace-drains";

// What the drain list and the drain page show of a drain's destination settings (client-safe,
// no zod; never a secret, only hints). Apart from registry.ts so that the new-drain form,
// which needs the registry's names and hints, does not carry it.

export type SettingRow = { term: string; detail: string; code?: boolean };

type Display<T extends DrainType> = {
  /** The drain's address in the list. */
  target(view: DrainViewOf<T>): string;
  /** How it authenticates, in the list (identifiers and hints, never a secret). */
  credentials(view: DrainViewOf<T>): string[];
  /** Settings shown on the drain page, in order (never a secret, only hints). */
  settings(view: DrainViewOf<T>): SettingRow[];
};

const DISPLAYS: { [T in DrainType]: Display<T> } = {
  langfuse: {
    target: (d) => d.baseUrl,
    credentials: (d) => [d.publicKey, d.secretKeyHint],
    settings: (d) => [
      { term: "Base URL", detail: d.baseUrl, code: true },
      { term: "Public Key", detail: d.publicKey, code: true },
      { term: "Secret Key", detail: d.secretKeyHint, code: true },
    ],
  },
  otlp: {
    target: (d) => d.endpoint,
    credentials: (d) => (d.headerNames.length > 0 ? d.headerNames : ["no headers"]),
    settings: (d) => [
      { term: "Endpoint", detail: d.endpoint, code: true },
      {
        term: "Headers",
        detail: d.headerNames.length > 0 ? `${d.headerNames.join(", ")} (values stored encrypted)` : "None",
      },
      { term: "Encoding", detail: d.encoding === "json" ? "JSON" : "Protobuf" },
      { term: "Compression", detail: d.compression === "gzip" ? "gzip" : "None" },
    ],
  },
};

// Each entry only ever receives a view of its own type; TypeScript cannot correlate the
// union through the lookup, hence the casts, made once here.
const displayOf = (drain: DrainView) => DISPLAYS[drain.type] as Display<DrainView["type"]>;

/** The drain's address and settings, whatever its destination. */
export function drainTarget(drain: DrainView): string {
  return displayOf(drain).target(drain as never);
}

export function drainCredentials(drain: DrainView): string[] {
  return displayOf(drain).credentials(drain as never);
}

export function drainSettings(drain: DrainView): SettingRow[] {
  return displayOf(drain).settings(drain as never);
}

import type { DrainType, DrainView, DrainViewOf } from "../validation/llm-trace-drains";

// Every destination as the pages show it (client-safe, no zod): its name, what a drain of it
// is addressed to, and the settings listed on the drain page. Forms take their fields from
// lib/destinations/form-fields.tsx and their schemas from lib/destinations/schemas.ts.

export type SettingRow = { term: string; detail: string; code?: boolean };

type Meta<T extends DrainType> = {
  label: string;
  /** One line under the Type select. */
  hint: string;
  /** What its credentials are called: "keys" (Langfuse), "credentials". */
  credentialsNoun: string;
  /** What the data goes to, in prose: "this Langfuse project". */
  noun: string;
  /** A destination that can be covered by the customer's own BAA, for the PHI warning. */
  coveredExample: string;
  /** The drain's address in the list. */
  target(view: DrainViewOf<T>): string;
  /** How it authenticates, in the list (identifiers and hints, never a secret). */
  credentials(view: DrainViewOf<T>): string[];
  /** Settings shown on the drain page, in order (never a secret, only hints). */
  settings(view: DrainViewOf<T>): SettingRow[];
};

const DESTINATIONS: { [T in DrainType]: Meta<T> } = {
  langfuse: {
    label: "Langfuse",
    hint: "A Langfuse project (Langfuse Cloud or self-hosted): traces, sessions, costs and evaluations.",
    credentialsNoun: "keys",
    noun: "this Langfuse project",
    coveredExample:
      "such as Langfuse's HIPAA host (https://hipaa.cloud.langfuse.com) under a BAA with Langfuse, or your own self-hosted Langfuse",
    target: (d) => d.baseUrl,
    credentials: (d) => [d.publicKey, d.secretKeyHint],
    settings: (d) => [
      { term: "Base URL", detail: d.baseUrl, code: true },
      { term: "Public Key", detail: d.publicKey, code: true },
      { term: "Secret Key", detail: d.secretKeyHint, code: true },
    ],
  },
  otlp: {
    label: "OpenTelemetry (OTLP/HTTP)",
    hint: "Any OTLP/HTTP traces endpoint: an OpenTelemetry Collector, Grafana Tempo, Honeycomb, Datadog, Arize Phoenix…",
    credentialsNoun: "credentials",
    noun: "this OpenTelemetry backend",
    coveredExample: "such as your own OpenTelemetry Collector, or a backend you have a BAA with",
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

export const DESTINATION_TYPES = Object.keys(DESTINATIONS) as DrainType[];

export function destinationLabel(type: DrainType): string {
  return DESTINATIONS[type].label;
}

export function destinationMeta(type: DrainType) {
  const { label, hint, noun, coveredExample, credentialsNoun } = DESTINATIONS[type];
  return { label, hint, noun, coveredExample, credentialsNoun };
}

// Each entry only ever receives a view of its own type; TypeScript cannot correlate the
// union through the lookup, hence the casts.

/** The drain's address and settings, whatever its destination. */
export function drainTarget(drain: DrainView): string {
  return (DESTINATIONS[drain.type] as Meta<DrainView["type"]>).target(drain as never);
}

export function drainCredentials(drain: DrainView): string[] {
  return (DESTINATIONS[drain.type] as Meta<DrainView["type"]>).credentials(drain as never);
}

export function drainSettings(drain: DrainView): SettingRow[] {
  return (DESTINATIONS[drain.type] as Meta<DrainView["type"]>).settings(drain as never);
}

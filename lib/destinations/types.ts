import type { SpanExtras } from "../tracing/span-mapping";
import type {
  ConnectionResult,
  CreateDrainInput,
  DrainType,
  TestConnectionInput,
  UpdateDrainInput,
} from "../validation/llm-trace-drains";

// What a destination provides to the server side (lib/destinations/server-registry.ts). The
// rest of the code (API, domain layer, ingest, outbox, worker) goes through this interface
// and never names a destination. Stored settings are JSON (`config`, and `secrets`, each
// field encrypted on its own); a destination parses its own `config` on every read.

/** A drain's settings as stored: non-secret config, secret fields in plain text, display hints. */
export type DestinationSettings = {
  config: Record<string, unknown>;
  secrets: Record<string, string>;
  hints: Record<string, string>;
};

/** An edit applied to stored settings: only what changed is set. */
export type SettingsChange = {
  config?: Record<string, unknown>;
  /** Secret fields to replace; fields not listed keep their stored ciphertext. */
  secrets?: Record<string, string>;
  hints?: Record<string, string>;
  /** Names of the settings that changed (audited as `update`). */
  changed: string[];
  /** Names of the credentials that changed (audited as `rotate_keys`); ends an authentication hold. */
  keysChanged: string[];
};

/** Where and how to send an export request. */
export type ExportTarget = {
  url: string;
  headers: Record<string, string>;
  /** How queued spans are encoded for this drain: protobuf frames or OTLP/JSON spans. */
  encoding: SpanEncoding;
  compression: "gzip" | "none";
  /** The destination's name in messages ("Langfuse rejected the span"). */
  label: string;
  /** A 401/403 that is not about the credentials (Langfuse's "Ingestion suspended"): retried, not held. */
  isSuspension?: (status: number, message: string) => boolean;
};

export type SpanEncoding = "protobuf" | "json";

export type DestinationServer = {
  type: DrainType;
  label: string;
  /** What its credentials are called in messages: "keys" (Langfuse), "credentials". */
  credentialsNoun: string;
  /** The edit fields that belong to this destination (others are refused for its drains). */
  updateFields: readonly string[];
  fromCreate(input: CreateDrainInput): DestinationSettings;
  fromTest(input: TestConnectionInput): Omit<DestinationSettings, "hints">;
  /** Applies an edit; throws a 422 AppError when a change needs a secret re-entered. */
  update(stored: { config: unknown; hints: Record<string, string> }, input: UpdateDrainInput): SettingsChange;
  /** The destination's fields of the drain view (never a secret). */
  view(stored: { config: unknown; hints: Record<string, string> }): Record<string, unknown>;
  /** URLs the drain connects to, by form field, for the SSRF guard on save. */
  urls(config: unknown): Record<string, string>;
  checkConnection(config: unknown, secrets: Record<string, string>): Promise<ConnectionResult>;
  exportTarget(config: unknown, secrets: Record<string, string>): ExportTarget;
  /** The encoding queued spans are stored in (what the export sends). */
  encoding(config: unknown): SpanEncoding;
  /** Attributes this destination adds to the semconv span. */
  spanExtras?: SpanExtras;
  /** Where the customer sees a delivered trace in the destination's own UI, when it has one. */
  traceUrl?(config: unknown, secrets: Record<string, string>, traceId: string): Promise<string | undefined>;
};

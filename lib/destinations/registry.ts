import type { DrainType } from "../validation/llm-trace-drains";

// Every destination as the pages name it (client-safe, no zod): its name, hint and how prose
// refers to it. What the list and drain page show of a drain's settings is in drain-display.ts.
// Forms take their fields from lib/destinations/form-fields.tsx and their schemas from
// lib/destinations/schemas.ts.

type Meta = {
  label: string;
  /** One line under the Type select. */
  hint: string;
  /** What its credentials are called: "keys" (Langfuse), "credentials". */
  credentialsNoun: string;
  /** What the data goes to, in prose: "this Langfuse project". */
  noun: string;
  /** A destination that can be covered by the customer's own BAA, for the PHI warning. */
  coveredExample: string;
};

const DESTINATIONS: Record<DrainType, Meta> = {
  langfuse: {
    label: "Langfuse",
    hint: "A Langfuse project (Langfuse Cloud or self-hosted): traces, sessions, costs and evaluations.",
    credentialsNoun: "keys",
    noun: "this Langfuse project",
    coveredExample:
      "such as Langfuse's HIPAA host (https://hipaa.cloud.langfuse.com) under a BAA with Langfuse, or your own self-hosted Langfuse",
  },
  otlp: {
    label: "OpenTelemetry (OTLP/HTTP)",
    hint: "Any OTLP/HTTP traces endpoint: an OpenTelemetry Collector, Grafana Tempo, Honeycomb, Datadog, Arize Phoenix…",
    credentialsNoun: "credentials",
    noun: "this OpenTelemetry backend",
    coveredExample: "such as your own OpenTelemetry Collector, or a backend you have a BAA with",
  },
};

export const DESTINATION_TYPES = Object.keys(DESTINATIONS) as DrainType[];

export function destinationLabel(type: DrainType): string {
  return DESTINATIONS[type].label;
}

export function destinationMeta(type: DrainType): Readonly<Meta> {
  return DESTINATIONS[type];
}

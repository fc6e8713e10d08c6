import { z } from "zod";
import { AppError } from "../../errors";
import type { DestinationServer } from "../types";
import { checkOtlpConnection } from "./connection";

// Any OpenTelemetry backend over OTLP/HTTP (an OpenTelemetry Collector, Grafana Tempo,
// Honeycomb, Datadog's OTLP intake, Arize Phoenix…). The header values are the secret: they
// are stored together, encrypted, as the `headers` secret; their names are not secret and
// are shown. Spans carry the semconv attributes only.

const config = z.object({
  endpoint: z.string(),
  headerNames: z.array(z.string()),
  encoding: z.enum(["protobuf", "json"]),
  compression: z.enum(["gzip", "none"]),
});
type Config = z.infer<typeof config>;
const storedHeaders = z.array(z.object({ name: z.string(), value: z.string() }));

/** The traces URL: a URL ending in /v1/traces as it is, else a base URL with /v1/traces added (the OTLP exporters' rule). */
export function otlpTracesUrl(endpoint: string): string {
  return /\/v1\/traces$/.test(endpoint) ? endpoint : `${endpoint}/v1/traces`;
}

export type OtlpSettings = {
  tracesUrl: string;
  headers: Record<string, string>;
  encoding: Config["encoding"];
  compression: Config["compression"];
};

function settings(stored: unknown, secrets: Record<string, string>): OtlpSettings {
  const c = config.parse(stored);
  const list = storedHeaders.parse(JSON.parse(secrets.headers ?? "[]"));
  return {
    tracesUrl: otlpTracesUrl(c.endpoint),
    headers: Object.fromEntries(list.map((h) => [h.name, h.value])),
    encoding: c.encoding,
    compression: c.compression,
  };
}

type HeaderInput = { name: string; value: string }[];
type SettingsInput = {
  endpoint: string;
  headers: HeaderInput;
  encoding: Config["encoding"];
  compression: Config["compression"];
};
const secretsOf = (headers: HeaderInput) => ({ headers: JSON.stringify(headers) });
const configOf = (input: SettingsInput): Config => ({
  endpoint: input.endpoint,
  headerNames: input.headers.map((h) => h.name),
  encoding: input.encoding,
  compression: input.compression,
});

export const otlpServer: DestinationServer = {
  type: "otlp",
  label: "OpenTelemetry (OTLP/HTTP)",
  credentialsNoun: "credentials",
  updateFields: ["endpoint", "headers", "encoding", "compression"],

  fromCreate(input) {
    if (input.type !== "otlp") throw new Error("not an OTLP drain");
    return { config: configOf(input), secrets: secretsOf(input.headers), hints: {} };
  },

  fromTest(input) {
    if (input.type !== "otlp") throw new Error("not an OTLP connection");
    return { config: configOf(input), secrets: secretsOf(input.headers) };
  },

  update(stored, input) {
    const current = config.parse(stored.config);
    const endpointChanged = input.endpoint !== undefined && input.endpoint !== current.endpoint;
    // Header values (API keys) must never be sent somewhere new without being entered again.
    if (endpointChanged && current.headerNames.length > 0 && input.headers === undefined) {
      const message = "Enter the headers again to change the endpoint";
      throw new AppError("validation_failed", message, { headers: message });
    }
    const next: Config = {
      endpoint: endpointChanged ? input.endpoint! : current.endpoint,
      headerNames: input.headers ? input.headers.map((h) => h.name) : current.headerNames,
      encoding: input.encoding ?? current.encoding,
      compression: input.compression ?? current.compression,
    };
    const changed = [
      endpointChanged ? "endpoint" : null,
      next.encoding !== current.encoding ? "encoding" : null,
      next.compression !== current.compression ? "compression" : null,
    ].filter((f): f is string => f !== null);
    return {
      ...(changed.length > 0 || input.headers ? { config: next } : {}),
      ...(input.headers ? { secrets: secretsOf(input.headers) } : {}),
      changed,
      keysChanged: input.headers ? ["headers"] : [],
    };
  },

  view(stored) {
    const { endpoint, headerNames, encoding, compression } = config.parse(stored.config);
    return { endpoint, headerNames, encoding, compression };
  },

  urls: (stored) => ({ endpoint: config.parse(stored).endpoint }),

  checkConnection: (stored, secrets) => checkOtlpConnection(settings(stored, secrets)),

  exportTarget(stored, secrets) {
    const s = settings(stored, secrets);
    return {
      url: s.tracesUrl,
      headers: s.headers,
      encoding: s.encoding,
      compression: s.compression,
      label: "The OTLP endpoint",
    };
  },

  encoding: (stored) => config.parse(stored).encoding,
};

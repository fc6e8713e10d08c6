"use client";

import { onDemand } from "@/components/ui/on-demand";
import type { DestinationForm } from "../form-fields";

// The OpenTelemetry part of the drain forms (inputs in field-inputs.tsx). The new-drain form
// opens on Langfuse, so the inputs' code is fetched when OpenTelemetry is chosen (or the Type
// select is focused, see preloadDestinationFields), not with the page.

export type OtlpFormValues = {
  endpoint: string;
  headers: { name: string; value: string }[];
  encoding: "protobuf" | "json";
  compression: "gzip" | "none";
  replaceHeaders: boolean;
};

const OtlpFields = onDemand(
  () => import("./field-inputs").then((m) => m.OtlpFields),
  <p className="muted">Loading the OpenTelemetry settings…</p>,
);

export const otlpForm: DestinationForm = {
  fieldNames: ["endpoint", "headers", "encoding", "compression"],
  defaults: { endpoint: "", headers: [], encoding: "protobuf", compression: "gzip", replaceHeaders: false },
  editValues: (drain) =>
    drain.type === "otlp"
      ? { endpoint: drain.endpoint, encoding: drain.encoding, compression: drain.compression, headers: [] }
      : {},
  toUpdate: (v) => ({
    endpoint: v.endpoint,
    encoding: v.encoding,
    compression: v.compression,
    headers: v.replaceHeaders ? v.headers : undefined,
  }),
  hasNewCredentials: (v) => v.replaceHeaders,
  // Refused credentials are the headers' fault; everything else the endpoint's.
  connectionField: (reason) => (reason === "invalid_keys" || reason === "forbidden" ? "headers" : "endpoint"),
  Fields: OtlpFields,
};

import { langfuseSchemas } from "./langfuse/schema";
import { otlpSchemas } from "./otlp/schema";

// Every destination's zod field shapes, composed into the drain schemas in
// lib/validation/llm-trace-drains.ts (create, edit, test connection, view).
export const DESTINATION_SCHEMAS = [langfuseSchemas, otlpSchemas] as const;

// How Langfuse (v4.16) turns one OTLP span into what its UI shows, written from reading
// its ingestion code (packages/shared/src/server/otel/OtelIngestionProcessor.ts and
// packages/shared/src/server/ingestion/extractToolsBackend.ts). Tests use it to state what
// a Langfuse user sees; docs/span-attributes.md names the deciding function of each field.
// It models the paths our spans take, not every framework branch Langfuse supports.

type Attributes = Record<string, unknown>;
export type SpanLike = { name: string; attributes: Attributes; status: { code?: number; message?: string } };

export type LangfuseView = {
  type: string;
  name: string;
  model?: string;
  modelParameters: Record<string, unknown>;
  input: unknown;
  output: unknown;
  sessionId?: string;
  userId?: string;
  traceName: string;
  tags: string[];
  traceMetadata: Record<string, unknown>;
  /** The observation's top-level metadata keys, its own and then the trace's over them. */
  observationMetadata: Record<string, unknown>;
  usage: Record<string, number>;
  cost: Record<string, number>;
  level: "DEFAULT" | "ERROR";
  statusMessage?: string;
  completionStartTime?: string;
  environment: string;
  /** Names of the tools offered (its `tool_definitions` column). */
  toolDefinitions: string[];
  /** Names of the tools the model called (its `tool_call_names` column). */
  toolCallNames: string[];
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const parse = (v: unknown): unknown => {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};
const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/** ObservationTypeMapperRegistry: explicit type, then gen_ai.operation.name, then "has a model". */
function observationType(a: Attributes): string {
  const explicit = str(a["langfuse.observation.type"]);
  const valid = [
    "span",
    "generation",
    "event",
    "embedding",
    "agent",
    "tool",
    "chain",
    "retriever",
    "guardrail",
    "evaluator",
  ];
  if (explicit && valid.includes(explicit)) return explicit.toUpperCase();
  const op = str(a["gen_ai.operation.name"]);
  const byOperation: Record<string, string> = {
    chat: "GENERATION",
    completion: "GENERATION",
    text_completion: "GENERATION",
    generate_content: "GENERATION",
    generate: "GENERATION",
    embeddings: "EMBEDDING",
    invoke_agent: "AGENT",
    create_agent: "AGENT",
    execute_tool: "TOOL",
  };
  if (op && byOperation[op]) return byOperation[op];
  if (a["gen_ai.tool.name"] !== undefined || a["gen_ai.tool.call.id"] !== undefined) return "TOOL";
  const hasModel = ["langfuse.observation.model.name", "gen_ai.request.model", "gen_ai.response.model", "model"].some(
    (k) => a[k] !== undefined,
  );
  return hasModel ? "GENERATION" : "SPAN";
}

/** extractInputAndOutput: the first source that has either value supplies both. */
function inputAndOutput(a: Attributes): { input: unknown; output: unknown } {
  const pairs: [string, string][] = [
    ["langfuse.observation.input", "langfuse.observation.output"],
    ["input.value", "output.value"],
    ["input", "output"],
  ];
  for (const [i, o] of pairs) {
    if (a[i] !== undefined || a[o] !== undefined) return { input: parse(a[i]), output: parse(a[o]) };
  }
  if (Object.keys(a).some((k) => k.startsWith("gen_ai.prompt") || k.startsWith("gen_ai.completion"))) {
    return { input: "gen_ai.prompt*", output: "gen_ai.completion*" };
  }
  let input = parse(a["gen_ai.input.messages"]);
  const output = parse(a["gen_ai.output.messages"]);
  const system = parse(a["gen_ai.system_instructions"]);
  // prependSystemInstructions: only onto an array input that has no system message yet.
  if (Array.isArray(input) && system !== undefined && !input.some((m) => isObject(m) && m.role === "system")) {
    const content = Array.isArray(system)
      ? system.map((p) => (isObject(p) && typeof p.content === "string" ? p.content : String(p))).join("\n")
      : String(system);
    input = [{ role: "system", content }, ...input];
  }
  return { input, output };
}

/**
 * collectAndRemoveToolDefinitionsFromMetadata + appendToolsToInput: definitions from the
 * observation metadata's `tools`, then the span's `gen_ai.tool.definitions`.
 */
function withToolDefinitions(input: unknown, a: Attributes, metadata: Attributes): unknown {
  const named = (t: unknown) =>
    isObject(t) && (str(t.name) ?? (isObject(t.function) ? str(t.function.name) : undefined));
  const definitions = (v: unknown) => {
    const parsed = parse(v);
    return Array.isArray(parsed) && parsed.every(named) ? parsed : [];
  };
  const defs = [...definitions(metadata.tools), ...definitions(a["gen_ai.tool.definitions"])];
  if (defs.length === 0) return input;
  if (Array.isArray(input)) return { messages: input, tools: defs };
  if (isObject(input)) {
    const existing = Array.isArray(input.tools) ? input.tools : [];
    const names = new Set(existing.map(named));
    return { ...input, tools: [...existing, ...defs.filter((d) => !names.has(named(d)))] };
  }
  if (input === undefined || input === null) return { tools: defs };
  return { prompt: input, tools: defs };
}

/** A definition's name (a top-level name first). */
function toolName(tool: unknown): string | undefined {
  if (!isObject(tool)) return undefined;
  return str(tool.name) ?? (isObject(tool.function) ? str(tool.function.name) : undefined);
}

/** flattenToolCall: a call's name, its function's first. */
function callName(call: unknown): string | undefined {
  if (!isObject(call)) return undefined;
  return (isObject(call.function) ? str(call.function.name) : undefined) ?? str(call.name) ?? str(call.toolName);
}

/** extractToolsFromObservation: definitions from the input only. */
function definitionNames(input: unknown): string[] {
  const tools = isObject(input) && Array.isArray(input.tools) ? input.tools : [];
  return tools.map(toolName).filter((n): n is string => n !== undefined);
}

/**
 * extractToolCallsFromRawOutput: each message of an array output, or `choices[].message` of a
 * single output object; OpenAI tool_calls (also as a JSON string) and tool_use parts; calls
 * de-duplicated by id (extractToolsFromParsedObservation).
 */
function toolCallNames(output: unknown): string[] {
  const messages: unknown[] = Array.isArray(output)
    ? output
    : isObject(output) && Array.isArray(output.choices)
      ? [output, ...output.choices.flatMap((c) => (isObject(c) && isObject(c.message) ? [c.message] : []))]
      : [output];
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (id: unknown, name: string | undefined) => {
    if (!name) return;
    const key = str(id);
    if (key !== undefined && seen.has(key)) return;
    if (key !== undefined) seen.add(key);
    names.push(name);
  };
  for (const msg of messages) {
    if (!isObject(msg)) continue;
    let calls: unknown = msg.tool_calls;
    if (typeof calls === "string") {
      try {
        calls = JSON.parse(calls);
      } catch {
        calls = [];
      }
    }
    for (const call of Array.isArray(calls) ? calls : []) add(isObject(call) ? call.id : undefined, callName(call));
    const content = Array.isArray(msg.content) ? msg.content : [];
    for (const part of content) if (isObject(part) && part.type === "tool_use") add(part.id, str(part.name));
  }
  return names;
}

/** extractGenericGenAiUsageDetails. */
function usage(a: Attributes): Record<string, number> {
  const raw: Record<string, number> = {};
  for (const [k, v] of Object.entries(a)) {
    if (k.startsWith("gen_ai.usage.") && k !== "gen_ai.usage.cost") raw[k.slice("gen_ai.usage.".length)] = Number(v);
  }
  const input = raw.prompt_tokens ?? raw.input_tokens;
  const output = raw.completion_tokens ?? raw.output_tokens;
  const cacheRead = raw["cache_read.input_tokens"];
  const cacheCreation = raw["cache_creation.input_tokens"];
  const reasoning = raw["reasoning.output_tokens"];
  const known = new Set([
    "prompt_tokens",
    "input_tokens",
    "completion_tokens",
    "output_tokens",
    "total_tokens",
    "cache_read.input_tokens",
    "cache_creation.input_tokens",
    "reasoning.output_tokens",
  ]);
  const out: Record<string, number> = {};
  if (input !== undefined) out.input = Math.max(input - (cacheRead ?? 0) - (cacheCreation ?? 0), 0);
  if (output !== undefined) out.output = Math.max(output - (reasoning ?? 0), 0);
  if (raw.total_tokens !== undefined) out.total = raw.total_tokens;
  if (cacheRead !== undefined) out.input_cached_tokens = cacheRead;
  if (cacheCreation !== undefined) out.input_cache_creation = cacheCreation;
  if (reasoning !== undefined) out.output_reasoning_tokens = reasoning;
  for (const [k, v] of Object.entries(raw)) if (!known.has(k)) out[k] = v;
  // IngestionService.getUsageUnits: a total, when none was given, is the sum of the rest.
  if (out.total === undefined && Object.keys(out).length > 0) out.total = Object.values(out).reduce((a, b) => a + b, 0);
  return out;
}

/** extractCostDetails: cost_details wins, else gen_ai.usage.cost as the total. */
function cost(a: Attributes): Record<string, number> {
  const details = parse(a["langfuse.observation.cost_details"]);
  if (isObject(details)) return details as Record<string, number>;
  return typeof a["gen_ai.usage.cost"] === "number" ? { total: a["gen_ai.usage.cost"] } : {};
}

/** extractTags: a string array, a JSON array string, or a comma-separated string. */
function tags(a: Attributes): string[] {
  const raw = [
    "langfuse.trace.tags",
    "langfuse.tags",
    "langfuse.observation.metadata.langfuse_tags",
    "langfuse.trace.metadata.langfuse_tags",
  ]
    .map((k) => a[k])
    .find(Boolean);
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw === "string") {
    const parsed = parse(raw);
    return Array.isArray(parsed) ? parsed.map(String) : raw.split(",").map((t) => t.trim());
  }
  return [];
}

/** The first of these attributes that has a string value. */
const first = (a: Attributes, keys: string[]) => keys.map((k) => str(a[k])).find((v) => v !== undefined);

/** Attributes under a metadata prefix, keyed by the rest of their name (extractMetadata). */
const prefixed = (a: Attributes, prefix: string) =>
  Object.fromEntries(
    Object.entries(a)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => [k.slice(prefix.length), v]),
  );

/** normalizeEnvironment: lowercased, leading "langfuse" prefixes (reserved) stripped, at most 40 characters. */
function environment(a: Attributes): string {
  const env = str(a["langfuse.environment"])
    ?.toLowerCase()
    .replace(/^(?:langfuse[-_]?)+/, "")
    .slice(0, 40);
  return env && /^[a-z0-9_-]+$/.test(env) ? env : "default";
}

/** sanitizeModelParams: a value that is neither a string nor a number is kept as its JSON. */
const modelParameter = (v: unknown) => (typeof v === "string" || typeof v === "number" ? v : JSON.stringify(v));

export function langfuseView(span: SpanLike): LangfuseView {
  const a = span.attributes;
  const io = inputAndOutput(a);
  const name = str(a["gen_ai.tool.name"]) ?? span.name;
  const traceMetadata = prefixed(a, "langfuse.trace.metadata.");
  // processToEvent (the v4 write path): the trace's metadata is merged over the observation's.
  const observationMetadata = { ...prefixed(a, "langfuse.observation.metadata."), ...traceMetadata };
  const input = withToolDefinitions(io.input, a, observationMetadata);
  return {
    type: observationType(a),
    name,
    model:
      str(a["langfuse.observation.model.name"]) ?? str(a["gen_ai.response.model"]) ?? str(a["gen_ai.request.model"]),
    modelParameters: Object.fromEntries(
      Object.entries(a)
        .filter(([k]) => k.startsWith("gen_ai.request.") && k !== "gen_ai.request.model")
        .map(([k, v]) => [k.slice("gen_ai.request.".length), modelParameter(v)]),
    ),
    input,
    output: io.output,
    // extractSessionId, extractUserId: after the span's own, the metadata's langfuse_* keys.
    sessionId: first(a, [
      "langfuse.session.id",
      "session.id",
      "gen_ai.conversation.id",
      "langfuse.observation.metadata.langfuse_session_id",
      "langfuse.trace.metadata.langfuse_session_id",
    ]),
    userId: first(a, [
      "langfuse.user.id",
      "user.id",
      "langfuse.observation.metadata.langfuse_user_id",
      "langfuse.trace.metadata.langfuse_user_id",
    ]),
    // createTraceEvent: the trace is named after the observation unless the span names it.
    traceName: str(a["langfuse.trace.name"]) ?? name,
    tags: tags(a),
    traceMetadata,
    observationMetadata,
    usage: usage(a),
    cost: cost(a),
    level: span.status.code === 2 ? "ERROR" : "DEFAULT",
    statusMessage: str(a["langfuse.observation.status_message"]) ?? str(span.status.message),
    completionStartTime: str(a["langfuse.observation.completion_start_time"]),
    environment: environment(a),
    toolDefinitions: definitionNames(input),
    toolCallNames: toolCallNames(io.output),
  };
}

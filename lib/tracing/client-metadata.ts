import type { GatewayRecord } from "./gateway-record";
import { isObject, nonEmptyString, parseArguments } from "./content/parts";

// What the client said about its own request, read the way LiteLLM carries it and named
// the way LiteLLM's own Langfuse integration names it. LiteLLM copies the request body's
// `metadata` into `metadata.requester_metadata` and the client's x- headers into
// `metadata.requester_custom_headers`. Its `trace_id` holds the client's session when one
// was sent (`litellm_session_id`, `litellm_trace_id`), else a random UUID it generated: only
// a value that cannot be that random id is taken as a session.

export type ClientMetadata = {
  sessionId?: string;
  traceName?: string;
  generationName?: string;
  userId?: string;
  version?: string;
  release?: string;
  tags: string[];
  /** Custom trace metadata: `trace_metadata` entries and any other key the client sent. */
  traceMetadata: Record<string, string>;
};

// Keys with a meaning of their own in LiteLLM's Langfuse integration, never custom metadata.
const RESERVED = new Set([
  "session_id",
  "litellm_session_id",
  "trace_name",
  "generation_name",
  "trace_user_id",
  "tags",
  "trace_metadata",
  "trace_id",
  "existing_trace_id",
  "update_trace_keys",
  "generation_id",
  "parent_observation_id",
  "version",
  "trace_version",
  "trace_release",
  "mask_input",
  "mask_output",
  "debug_langfuse",
  "prompt",
  "headers",
  "user_id",
  "user_api_key",
]);
const MAX_ID = 200;
const MAX_METADATA_KEYS = 50;
const MAX_METADATA_VALUE = 1000;

const text = (v: unknown, max = MAX_ID): string | undefined => {
  const s = typeof v === "number" ? String(v) : nonEmptyString(v)?.trim();
  return s ? s.slice(0, max) : undefined;
};

/** The client's session header: LiteLLM's own, or a vendor's `x-<vendor>-session-id` (Claude Code sends one). */
function sessionHeader(headers: Record<string, unknown>): string | undefined {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const own = text(lower["x-litellm-session-id"]);
  if (own) return own;
  const vendor = Object.keys(lower).find((k) => /^x-[a-z0-9-]+-session-id$/.test(k) && k !== "x-litellm-trace-id");
  return vendor ? text(lower[vendor]) : undefined;
}

const GENERATED_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

/**
 * `trace_id` when the client chose it as its session: a UUID may be one LiteLLM generated, so
 * it is not; nor is the request metadata's own `trace_id`, which LiteLLM copies there when no
 * session was sent ("call chaining"): a trace the client named, not a session.
 */
function clientTraceSession(traceId: unknown, requestTraceId: unknown): string | undefined {
  const t = text(traceId);
  return t && !GENERATED_ID.test(t) && t !== text(requestTraceId) ? t : undefined;
}

/**
 * Claude Code's user id, in either of its formats: before v2.1.78
 * `user_<device>_account_<uuid>_session_<uuid>` (the account empty when signed in with an API
 * key), from v2.1.78 the JSON string `{"device_id", "account_uuid", "session_id"}`. Both are
 * read as a user (the same id for one person in both formats) and a session; a new user per
 * session otherwise.
 */
function claudeCodeUser(s: string): { userId: string; sessionId?: string } | undefined {
  const legacy = /^user_([0-9a-f]+)_account_([0-9a-f-]*)_session_([0-9a-f-]{36})$/i.exec(s);
  if (legacy) return { userId: agentUser(legacy[1]!, legacy[2]!), sessionId: legacy[3] };
  const parsed = s.startsWith("{") ? parseArguments(s) : undefined;
  if (!isObject(parsed)) return undefined;
  const device = text(parsed.device_id);
  const account = text(parsed.account_uuid) ?? "";
  if (!device || !/^[0-9a-f]+$/i.test(device) || !/^[0-9a-f-]*$/i.test(account)) return undefined;
  return { userId: agentUser(device, account), sessionId: text(parsed.session_id) };
}

const agentUser = (device: string, account: string) =>
  (account === "" ? `user_${device}` : `user_${device}_account_${account}`).slice(0, MAX_ID);

/** The request's user (LiteLLM's `end_user`), and the session a coding agent put in it. */
function endUser(value: unknown): { userId?: string; sessionId?: string } {
  const s = text(value, 500);
  return (s && claudeCodeUser(s)) || { userId: s?.slice(0, MAX_ID) };
}

function metadataValue(v: unknown): string | undefined {
  if (v === null || v === undefined || v === "") return undefined;
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.slice(0, MAX_METADATA_VALUE);
}

export function clientMetadata(record: GatewayRecord): ClientMetadata {
  const meta = record.metadata ?? {};
  const requester = isObject(meta.requester_metadata) ? meta.requester_metadata : {};
  const headers = isObject(meta.requester_custom_headers) ? meta.requester_custom_headers : {};

  const user = endUser(record.end_user);
  // A deployment that names its end users by header (LiteLLM's customer-id header) leaves
  // Claude Code's own id, and its session, only in the request's metadata.
  const agent = endUser(requester.user_id);
  const sessionId =
    text(requester.session_id) ??
    text(requester.litellm_session_id) ??
    sessionHeader(headers) ??
    text(meta.litellm_session_id) ??
    text(record.session_id) ??
    user.sessionId ??
    agent.sessionId ??
    clientTraceSession(record.trace_id, requester.trace_id);

  const clientTags = Array.isArray(requester.tags) ? requester.tags.map((t) => text(t)) : [];
  const tags = [...new Set([...clientTags, ...(record.request_tags ?? []).map((t) => text(t))])].filter(
    (t): t is string => t !== undefined,
  );

  const traceMetadata: Record<string, string> = {};
  const custom = [
    ...(isObject(requester.trace_metadata) ? Object.entries(requester.trace_metadata) : []),
    ...Object.entries(requester).filter(([k]) => !RESERVED.has(k) && !k.startsWith("user_api_key")),
  ];
  for (const [key, value] of custom) {
    const v = metadataValue(value);
    if (
      v !== undefined &&
      /^[A-Za-z0-9_.-]{1,64}$/.test(key) &&
      Object.keys(traceMetadata).length < MAX_METADATA_KEYS
    ) {
      traceMetadata[key] ??= v;
    }
  }

  return {
    sessionId,
    traceName: text(requester.trace_name),
    generationName: text(requester.generation_name),
    userId: text(requester.trace_user_id) ?? user.userId,
    version: text(requester.version) ?? text(requester.trace_version),
    release: text(requester.trace_release),
    tags,
    traceMetadata,
  };
}

import { describe, expect, it } from "vitest";
import { storedFixtures } from "@/test/fixtures/litellm";
import { langfuseView } from "@/test/support/langfuse-reading";
import { parseRecord } from "../ingest/parse-record";
import { gatewayRecord } from "./gateway-record";
import { recordTimes } from "./record-times";
import { mapRecordToSpan, type MappedSpan } from "./span-mapping";
import { langfuseAttributes } from "../destinations/langfuse/span-attributes";

// Every payload of the LiteLLM corpus (test/fixtures/litellm) maps to exactly the span in
// test/fixtures/litellm/expected/<name>.span.json. A change to the mapping shows up there,
// attribute by attribute, for review.

const CONTENT_KEYS = [
  "gen_ai.input.messages",
  "gen_ai.output.messages",
  "gen_ai.system_instructions",
  "gen_ai.tool.definitions",
  "gen_ai.retrieval.query.text",
  "langfuse.observation.input",
  "langfuse.observation.output",
  "aptible.error.message",
  "client.address",
  "user.id",
];

function mapFixture(text: string, forwardContent = true): MappedSpan {
  const parsed = parseRecord({ index: 0, bytes: Buffer.from(text), depth: 0 });
  if ("error" in parsed) throw new Error(parsed.error);
  const record = gatewayRecord.parse(parsed.value);
  const times = recordTimes(record);
  if ("error" in times) throw new Error(times.error);
  return mapRecordToSpan(record, {
    traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
    spanId: "00f067aa0ba902b7",
    organizationId: "org-acme",
    environmentId: "env-acme-production",
    environmentHandle: "acme-production",
    keyAlias: "clinical-notes-api",
    forwardContent,
    times,
    // The corpus is read as a Langfuse drain sends it: semconv plus Langfuse's attributes.
    extras: langfuseAttributes,
  });
}

const fixtures = storedFixtures();

describe("the LiteLLM payload corpus", () => {
  it("has at least 25 payloads", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
  });

  it.each(fixtures.map((f) => [f.name, f.text]))("%s maps to its expected span", async (name, text) => {
    const span = mapFixture(text);
    await expect(`${JSON.stringify(span, null, 2)}\n`).toMatchFileSnapshot(
      `../../test/fixtures/litellm/expected/${name}.span.json`,
    );
  });

  it.each(fixtures.map((f) => [f.name, f.text]))("%s: no attribute is an empty string or empty list", (_n, text) => {
    for (const [key, value] of Object.entries(mapFixture(text).attributes)) {
      expect(value, key).not.toBe("");
      if (Array.isArray(value)) expect(value.length, key).toBeGreaterThan(0);
    }
  });

  it.each(fixtures.map((f) => [f.name, f.text]))(
    "%s, metadata only: no content, error text, caller IP or user id leaves",
    (_n, text) => {
      const span = mapFixture(text, false);
      for (const key of CONTENT_KEYS) expect(span.attributes, key).not.toHaveProperty(key);
      expect(Object.keys(span.attributes).filter((k) => k.startsWith("langfuse.trace.metadata."))).toEqual([]);
      const full = mapFixture(text, true);
      const secrets = [full.attributes["gen_ai.input.messages"], full.attributes["aptible.error.message"]]
        .filter((v): v is string => typeof v === "string")
        .flatMap((v) => v.match(/[A-Za-z]{6,}(?: [A-Za-z]{3,}){3}/g) ?? []);
      const sent = JSON.stringify(span);
      for (const phrase of secrets) expect(sent).not.toContain(phrase);
      if (span.status.code === 2) expect(span.status.message).toMatch(/^\w+( \(\d+\))?$/);
    },
  );

  it.each(fixtures.map((f) => [f.name, f.text]))("%s reads in Langfuse as a typed, named observation", (_n, text) => {
    const view = langfuseView(mapFixture(text));
    expect(["GENERATION", "EMBEDDING"]).toContain(view.type);
    expect(view.name).not.toBe("");
    expect(view.environment).toBe("acme-production");
    expect(view.model).toBeTruthy();
  });
});

/** A fixture's span, and Langfuse's reading of it. */
function fixtureView(name: string) {
  const found = fixtures.find((f) => f.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  const span = mapFixture(found.text);
  return { span, view: langfuseView(span) };
}

describe("tools the provider runs itself, as Langfuse shows them", () => {
  it("an Anthropic web search in the history is a tool call followed by its results, in order", () => {
    const { span, view: v } = fixtureView("anthropic-server-tools");
    const input = JSON.stringify(v.input);
    expect(input).not.toContain("web_search_tool_result");
    expect(input).not.toContain("encrypted_content");
    const messages = (v.input as { messages: { role: string; tool_call_id?: string; content: unknown }[] }).messages;
    const results = messages.findIndex((m) => m.role === "tool" && m.tool_call_id === "srvtoolu_01WkQ9");
    expect(results).toBeGreaterThan(0);
    expect(JSON.stringify(messages[results - 1])).toContain('"name":"web_search"');
    expect(messages[results]!.content).toContain("https://www.cms.example/discharge-notice");
    // The custom-content document and the search_result block keep their text.
    expect(input).toContain("Discharge policy v3");
    expect(input).toContain("Ward discharge policy");
    expect(input).toContain("Give the notice no later than two days");
    expect(span.attributes["gen_ai.input.messages"]).toContain("Discharge policy v3");
  });

  it("Responses built-in tools are indexed as tool calls, and a completed answer is not waiting on them", () => {
    const { span, view: v } = fixtureView("responses-builtin-tools");
    expect(v.toolCallNames).toEqual(expect.arrayContaining(["web_search", "current_medications"]));
    const output = JSON.stringify(v.output);
    expect(output).not.toContain("mcp_call");
    expect(output).toContain("atorvastatin 20 mg");
    expect(output).toContain("[image/png data");
    expect(output).not.toContain("iVBORw0KGgo");
    expect(span.attributes["gen_ai.response.finish_reasons"]).toEqual(["stop"]);
    // The MCP call replayed in the input pairs with its result.
    expect(JSON.stringify(v.input)).toContain('"tool_call_id":"mcp_01"');
  });

  it("an image a chat completion generated is shown as withheld media, not dropped", () => {
    const { view: v } = fixtureView("gemini-image-output");
    expect(JSON.stringify(v.output)).toContain("[image/png data");
  });

  it("a trace the client named is not taken for a session", () => {
    const { view: v } = fixtureView("client-trace-id");
    expect(v.sessionId).toBeUndefined();
    expect(fixtureView("session-in-trace-id").view.sessionId).toBe("support-chat-8841");
  });
});

describe("shapes LiteLLM logs beyond chat completions", () => {
  it("a pass-through request reads as the provider request it carried, not one user turn of JSON", () => {
    const { span, view: v } = fixtureView("anthropic-passthrough");
    const messages = (v.input as { messages: { role: string; content: unknown }[] }).messages;
    expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(JSON.stringify(v.input)).not.toContain('\\"max_tokens\\"');
    expect(v.toolDefinitions).toEqual(["list_invoices"]);
    expect(span.attributes["gen_ai.system_instructions"]).toContain("You are a billing assistant.");
  });

  it("reasoning sent back in the history is kept, as in a response", () => {
    expect(JSON.stringify(fixtureView("chat-thinking-in-history").view.input)).toContain("I need the job status tool");
    const { view: v } = fixtureView("responses-reasoning-text");
    expect(JSON.stringify(v.input)).toContain("17*23 = 391.");
    expect(JSON.stringify(v.output)).toContain("391/17 = 23");
  });

  it("a web search Anthropic ran in the response shows its results before the answer", () => {
    const { view: v } = fixtureView("anthropic-web-search-response");
    const output = v.output as { role: string; content: unknown }[];
    expect(output.map((m) => m.role)).toEqual(["assistant", "tool", "assistant"]);
    expect(String(output[1]!.content)).toContain("https://www.cms.example/notice");
    expect(JSON.stringify(v.output)).not.toContain("encrypted_content");
  });
});

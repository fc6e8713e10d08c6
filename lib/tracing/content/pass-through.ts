import { isObject, nonEmptyString, parseArguments } from "./parts";

// LiteLLM's pass-through endpoints (/anthropic/v1/messages, /openai/…, /gemini/…,
// /vertex_ai/…) log the request as ONE user message holding the provider request body
// serialised as JSON (litellm/proxy/pass_through_endpoints/pass_through_endpoints.py:
// `messages=[{"role": "user", "content": safe_dumps(_parsed_body)}]`, call type
// `pass_through_endpoint`). Read as is, a trace shows that body as a single user turn of raw
// JSON. The body is the provider's own request: its messages, system prompt and tools.

export type PassThroughRequest = { messages: unknown; instructions?: unknown; tools?: unknown };

/** Gemini `contents` as chat messages (text, function calls and their responses). */
function geminiContents(contents: unknown[]): unknown[] {
  return contents.filter(isObject).map((c) => {
    const parts = (Array.isArray(c.parts) ? c.parts : []).filter(isObject);
    const role = c.role === "model" ? "assistant" : (nonEmptyString(c.role) ?? "user");
    const text = parts.flatMap((p) => (typeof p.text === "string" && p.thought !== true ? [p.text] : [])).join("\n");
    const calls = parts.flatMap((p, i) =>
      isObject(p.functionCall)
        ? [
            {
              id: `${String(p.functionCall.name)}_${i}`,
              function: { name: p.functionCall.name, arguments: p.functionCall.args ?? {} },
            },
          ]
        : [],
    );
    const responses = parts.flatMap((p) => (isObject(p.functionResponse) ? [p.functionResponse] : []));
    if (responses.length > 0)
      return { role: "tool", name: responses[0]!.name, content: JSON.stringify(responses.map((r) => r.response)) };
    return { role, content: text, ...(calls.length > 0 ? { tool_calls: calls } : {}) };
  });
}

/** The provider request a pass-through record logged as its one message, when it is one. */
export function passThroughRequest(callType: string | undefined, messages: unknown): PassThroughRequest | undefined {
  if (callType !== "pass_through_endpoint" || !Array.isArray(messages) || messages.length !== 1) return undefined;
  const only = messages[0];
  const text = isObject(only) && only.role === "user" ? only.content : undefined;
  if (typeof text !== "string" || !text.trimStart().startsWith("{")) return undefined;
  const body = parseArguments(text);
  if (!isObject(body)) return undefined;
  // Anthropic /v1/messages and OpenAI /chat/completions.
  if (Array.isArray(body.messages)) return { messages: body.messages, instructions: body.system, tools: body.tools };
  // OpenAI /responses.
  if (Array.isArray(body.input) || (typeof body.input === "string" && ("instructions" in body || "model" in body)))
    return { messages: body.input, instructions: body.instructions, tools: body.tools };
  // Gemini / Vertex generateContent.
  if (Array.isArray(body.contents)) {
    const system = isObject(body.systemInstruction)
      ? body.systemInstruction
      : isObject(body.system_instruction)
        ? body.system_instruction
        : undefined;
    const systemText =
      system && Array.isArray(system.parts)
        ? system.parts.flatMap((p) => (isObject(p) && typeof p.text === "string" ? [p.text] : [])).join("\n")
        : undefined;
    const declarations = (Array.isArray(body.tools) ? body.tools : [])
      .filter(isObject)
      .flatMap((t) => (Array.isArray(t.functionDeclarations) ? t.functionDeclarations : []));
    return { messages: geminiContents(body.contents), instructions: systemText, tools: declarations };
  }
  return undefined;
}

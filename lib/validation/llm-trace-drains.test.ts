import { describe, expect, it } from "vitest";
import { validateHeaderValue } from "node:http";
import {
  ACKNOWLEDGE_CONTENT,
  ACKNOWLEDGE_METADATA,
  createDrainInput,
  drainHandle,
  testConnectionInput,
  updateDrainInput,
} from "./llm-trace-drains";
import { baseUrl, publicKey, secretKey } from "../destinations/langfuse/schema";
import { endpoint, headers } from "../destinations/otlp/schema";

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues[0]?.message;

describe("Base URL", () => {
  it.each([
    ["https://cloud.langfuse.com", "https://cloud.langfuse.com"],
    ["  https://Cloud.Langfuse.COM/  ", "https://cloud.langfuse.com"],
    ["https://lf.example.com/langfuse/", "https://lf.example.com/langfuse"],
    ["https://lf.example.com:8443/a/b//", "https://lf.example.com:8443/a/b"],
    ["https://hipaa.cloud.langfuse.com", "https://hipaa.cloud.langfuse.com"],
  ])("accepts %s as %s", (input, normalised) => {
    expect(baseUrl.parse(input)).toBe(normalised);
  });

  it.each([
    ["http://cloud.langfuse.com", /must use https/],
    ["ftp://cloud.langfuse.com", /must use https/],
    ["javascript:alert(1)", /must use https/],
    ["HTTP://cloud.langfuse.com", /must use https/],
    ["https://user:pass@cloud.langfuse.com", /user name and password/],
    ["https://user@cloud.langfuse.com", /user name and password/],
    ["https://cloud.langfuse.com?x=1", /query string or fragment/],
    ["https://cloud.langfuse.com/#frag", /query string or fragment/],
    ["https://cloud.langfuse.com/?", /query string or fragment/],
    ["cloud.langfuse.com", /full URL/],
    ["", /Enter the Langfuse Base URL/],
    [`https://${"a".repeat(2050)}.com`, /at most 2048/],
  ])("rejects %s", (input, message) => {
    expect(firstMessage(baseUrl.safeParse(input))).toMatch(message);
  });
});

describe("Handle", () => {
  it.each(["a", "prod", "langfuse.eu_1-a", "0day", "a".repeat(64)])("accepts %s", (h) => {
    expect(drainHandle.parse(h)).toBe(h);
  });
  it.each([
    ["", /Enter a handle/],
    ["Prod", /lowercase/],
    ["ÄRZTE", /lowercase/],
    ["drän", /lowercase/],
    ["日本", /lowercase/],
    ["-lead", /starting with a letter or digit/],
    [".lead", /starting with a letter or digit/],
    ["has space", /lowercase/],
    ["a".repeat(65), /at most 64/],
  ])("rejects %s", (h, message) => {
    expect(firstMessage(drainHandle.safeParse(h))).toMatch(message);
  });
});

describe("Langfuse keys", () => {
  it("trims and accepts project keys", () => {
    expect(publicKey.parse("  pk-lf-1234abcd-5678  ")).toBe("pk-lf-1234abcd-5678");
    expect(secretKey.parse("sk-lf-1234abcd-5678\n")).toBe("sk-lf-1234abcd-5678");
  });
  it("says a key that starts right but is cut short is too short, not of the wrong kind", () => {
    expect(firstMessage(publicKey.safeParse("pk-lf-123"))).toMatch(/^Too short for a Langfuse public key/);
    expect(firstMessage(publicKey.safeParse("AKIAIOSFODNN7EXAMPLE"))).toMatch(/start with pk-lf-/);
  });
  it("recognises swapped keys", () => {
    expect(firstMessage(publicKey.safeParse("sk-lf-1234abcd-5678"))).toMatch(/looks like the secret key.*swap/);
    expect(firstMessage(secretKey.safeParse("pk-lf-1234abcd-5678"))).toMatch(/looks like the public key.*swap/);
  });
  it.each(["AKIAIOSFODNN7EXAMPLE", "pk-lf-", "sk-proj-abc123abc123", "pk-lf-12 34 5678"])(
    "rejects %s as not a Langfuse key",
    (k) => {
      expect(publicKey.safeParse(k).success).toBe(false);
    },
  );
});

describe("create and update bodies", () => {
  const valid = {
    type: "langfuse",
    handle: "lf",
    baseUrl: "https://cloud.langfuse.com",
    publicKey: "pk-lf-12345678",
    secretKey: "sk-lf-12345678",
    acknowledgeContentForwarding: true,
  };
  it("requires the content-forwarding acknowledgement to be true", () => {
    expect(createDrainInput.safeParse(valid).success).toBe(true);
    expect(createDrainInput.safeParse({ ...valid, acknowledgeContentForwarding: false }).success).toBe(false);
    expect(createDrainInput.safeParse({ ...valid, acknowledgeContentForwarding: undefined }).success).toBe(false);
  });
  it("asks a metadata-only drain to acknowledge metadata, not content, and reports it with the other errors", () => {
    const errors = (body: Record<string, unknown>) =>
      createDrainInput.safeParse(body).error?.issues.map((i) => [i.path.join("."), i.message]) ?? [];
    expect(errors({ ...valid, forwardContent: false, acknowledgeContentForwarding: false })).toEqual([
      ["acknowledgeContentForwarding", ACKNOWLEDGE_METADATA],
    ]);
    expect(errors({ ...valid, baseUrl: "http://x.example", acknowledgeContentForwarding: false })).toEqual([
      ["baseUrl", "The Base URL must use https://"],
      ["acknowledgeContentForwarding", ACKNOWLEDGE_CONTENT],
    ]);
    expect(createDrainInput.safeParse({ ...valid, forwardContent: false }).success).toBe(true);
    expect(createDrainInput.safeParse(null).success).toBe(false);
  });
  it("treats an empty secret key on update as 'keep the stored one'", () => {
    expect(updateDrainInput.parse({ handle: "x", secretKey: "" })).toEqual({ handle: "x" });
    expect(updateDrainInput.safeParse({ secretKey: "" }).success).toBe(false);
  });
});

describe("OpenTelemetry (OTLP) drain fields", () => {
  const valid = {
    type: "otlp",
    handle: "tempo",
    endpoint: "https://otlp.example.com/v1/traces",
    headers: [{ name: "x-honeycomb-team", value: "hc-secret-value" }],
    acknowledgeContentForwarding: true,
  };
  it("defaults to protobuf with gzip, and keeps the path of the endpoint", () => {
    expect(createDrainInput.parse(valid)).toMatchObject({
      type: "otlp",
      endpoint: "https://otlp.example.com/v1/traces",
      encoding: "protobuf",
      compression: "gzip",
    });
    expect(endpoint.parse("https://Tempo.Example.com/otlp/")).toBe("https://tempo.example.com/otlp");
  });
  it("strips the other destination's fields instead of storing them", () => {
    const parsed = createDrainInput.parse({ ...valid, baseUrl: "https://cloud.langfuse.com", secretKey: "sk-lf-x" });
    expect(parsed).not.toHaveProperty("baseUrl");
    expect(parsed).not.toHaveProperty("secretKey");
  });
  it.each([
    [[{ name: "bad name", value: "v" }], "Header names use letters, digits and - _ . only"],
    [[{ name: "Content-Type", value: "text/plain" }], "The exporter sets this header itself"],
    [
      [{ name: "x-key", value: "a\r\nInjected: yes" }],
      "Header values cannot contain line breaks or control characters",
    ],
    [[{ name: "x-key", value: "" }], "Enter the header value"],
    [
      [{ name: "x-key", value: "Bearer tok\u2013en" }],
      "Header values use Latin-1 characters only (no emoji or other scripts)",
    ],
    [
      [
        { name: "X-Key", value: "a" },
        { name: "x-key", value: "b" },
      ],
      "Each header only once",
    ],
  ])("refuses header %j", (list, message) => {
    expect(firstMessage(headers.safeParse(list))).toBe(message);
  });
  it("accepts exactly the header values Node's HTTP client can send", () => {
    for (const value of ["Bearer abc", "caf\u00e9 \t key", "tok\u2013en", "key \ud83d\udd11", "\u00ff\u0100"]) {
      const sendable = (() => {
        try {
          validateHeaderValue("x-key", value);
          return true;
        } catch {
          return false;
        }
      })();
      expect(headers.safeParse([{ name: "x-key", value }]).success, value).toBe(sendable);
    }
  });
  it("requires https and names the endpoint in the message", () => {
    expect(firstMessage(createDrainInput.safeParse({ ...valid, endpoint: "http://otlp.example.com" }))).toBe(
      "The endpoint must use https://",
    );
  });
  it("tests a connection as Langfuse when no type is given (the contract before OTLP)", () => {
    expect(
      testConnectionInput.parse({
        baseUrl: "https://cloud.langfuse.com",
        publicKey: "pk-lf-12345678",
        secretKey: "sk-lf-12345678",
      }),
    ).toMatchObject({ type: "langfuse" });
    expect(testConnectionInput.parse({ type: "otlp", endpoint: "https://otlp.example.com" })).toMatchObject({
      type: "otlp",
      headers: [],
      encoding: "protobuf",
    });
  });
});

import { describe, expect, it } from "vitest";
import { DETECTOR_IDS, luhn, type DetectorId } from "./detectors";
import { compileRedactor, patternProblem, patternProblems, placeholderFor } from "./redactor";

// Every detector with texts it must redact and near-misses it must leave alone.

const only = (id: DetectorId) => compileRedactor({ detectors: [id], customPatterns: [] });

const cases: Record<DetectorId, { hits: string[]; misses: string[] }> = {
  email: {
    hits: ["jane.doe@example.com", "a+tag@sub.example.co.uk", "X_Y%z@host-1.org"],
    misses: ["@mention", "user@localhost", "not an email: a@b", "price@ 5"],
  },
  phone: {
    hits: ["(415) 555-0132", "415-555-0132", "+1 415 555 0132", "415.555.0132", "+44 20 7946 0958"],
    misses: ["12345", "version 1.2.3", "order 4155550132999", "call 555-0132"],
  },
  ssn: {
    hits: ["123-45-6789", "123 45 6789"],
    misses: ["000-12-3456", "666-12-3456", "900-12-3456", "123-00-6789", "123-45-0000", "1234-56-7890"],
  },
  card: {
    hits: ["4111 1111 1111 1111", "4111-1111-1111-1111", "5500005555555559", "378282246310005"],
    misses: ["4111 1111 1111 1112", "1234567890123", "order 12345678"],
  },
  ip: {
    hits: ["192.168.1.20", "8.8.8.8", "2001:db8:0:0:0:0:0:1", "fe80::1"],
    misses: ["999.1.1.1", "1.2.3", "version 10.4.2.1.5", "12:30"],
  },
  date: {
    hits: ["1984-03-12", "03/12/1984", "3/7/84", "12.03.1984"],
    misses: ["1984-13-12", "2024", "13/45/1984", "page 3/4"],
  },
  url_credentials: {
    hits: ["postgres://admin:s3cret@db.internal/app", "https://user:pass@example.com/x"],
    misses: ["https://example.com/a@b", "mailto:user@example.com", "https://user@example.com"],
  },
};

describe("built-in detectors", () => {
  it("covers every detector", () => {
    expect(Object.keys(cases).sort()).toEqual([...DETECTOR_IDS].sort());
  });
  for (const id of DETECTOR_IDS) {
    it.each(cases[id].hits)(`${id} redacts %s`, (hit) => {
      const { text, counts } = only(id)(`before ${hit} after`);
      expect(text).not.toContain(hit);
      expect(text).toMatch(/^before .*\[[A-Z_]+\].* after$/);
      expect(counts[id]).toBe(1);
    });
    it.each(cases[id].misses)(`${id} leaves %s alone`, (miss) => {
      expect(only(id)(`before ${miss} after`)).toEqual({ text: `before ${miss} after`, counts: {} });
    });
  }
  it("keeps the scheme and host of a URL with credentials", () => {
    expect(only("url_credentials")("see postgres://admin:s3cret@db.internal/app").text).toBe(
      "see postgres://[CREDENTIALS]@db.internal/app",
    );
  });
  it("checks card numbers with Luhn", () => {
    expect(luhn("4111111111111111")).toBe(true);
    expect(luhn("4111111111111112")).toBe(false);
  });
  it("stays inside a JSON string", () => {
    const json = JSON.stringify({ content: "mail jane@example.com now", other: "x" });
    expect(JSON.parse(only("email")(json).text)).toEqual({ content: "mail [EMAIL] now", other: "x" });
  });
});

describe("custom patterns", () => {
  it("replace matches with a placeholder named after the pattern, and count them", () => {
    const redact = compileRedactor({
      detectors: ["email"],
      customPatterns: [{ name: "mrn", pattern: "MRN-[0-9]{6}" }],
    });
    expect(redact("MRN-123456 and MRN-654321 for a@b.io")).toEqual({
      text: "[MRN] and [MRN] for [EMAIL]",
      counts: { email: 1, mrn: 2 },
    });
    expect(placeholderFor("Medical record no.")).toBe("[MEDICAL_RECORD_NO_]");
  });
  it("refuses what RE2 cannot run, and patterns that match nothing but empty text", () => {
    expect(patternProblem("(a)\\1")).toMatch(/RE2 syntax/);
    expect(patternProblem("(?<=x)y")).toMatch(/RE2 syntax/);
    expect(patternProblem("a*")).toMatch(/matches empty text/);
    expect(patternProblem("MRN-[0-9]{6}")).toBeNull();
  });
  it("runs a hostile pattern in linear time", () => {
    const redact = compileRedactor({ detectors: [], customPatterns: [{ name: "evil", pattern: "(a+)+$" }] });
    const started = performance.now();
    redact(`${"a".repeat(50_000)}b`);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("cost", () => {
  // Unbounded repetitions made these quadratic: 400,000 letters after an "@" took ~75 s with
  // the email detector. Bounded, they take milliseconds; the bound here is 30× that.
  it.each([
    ["email", "@" + "a".repeat(400_000)],
    ["email", "x@" + "a.".repeat(200_000)],
    ["url_credentials", "x://" + "a.".repeat(200_000) + "@"],
    ["url_credentials", "a.".repeat(200_000) + "://x@"],
  ] as const)("%s stays linear on a 400 KB adversarial prompt", (id, text) => {
    const started = performance.now();
    only(id)(text);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it("still finds what the bounds allow", () => {
    expect(only("email")(`${"a".repeat(70)}@example.com`).text).toBe(`${"a".repeat(6)}[EMAIL]`);
    expect(only("url_credentials")("redis://default:pw@cache:6379").text).toBe("redis://[CREDENTIALS]@cache:6379");
  });

  it("refuses a custom pattern too slow to run on every record, and patterns too slow together", () => {
    expect(patternProblem("(?:[a-z]?){1000}[0-9][0-9]")).toMatch(/too slow/);
    expect(patternProblem("MRN-[0-9]{6}")).toBeNull();
    const many = patternProblems(Array.from({ length: 20 }, () => "(?:[a-z]?){40}[0-9]"));
    expect(many.some((p) => p !== null && /too slow/.test(p))).toBe(true);
    expect(patternProblems(["MRN-[0-9]{6}", "\\bPT[0-9]{7}\\b"])).toEqual([null, null]);
  });
});

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
    // In words a user can act on, not the parser's.
    expect(patternProblem("(a)\\1")).toBe(
      "Backreferences such as \\1 are not supported: RE2 runs in time linear in the text, without them",
    );
    for (const p of ["(?<=x)y", "(?=abc)", "x(?!y)"]) expect(patternProblem(p)).toMatch(/^Lookahead and lookbehind/);
    expect(patternProblem("[a-z")).toBe("Not a valid pattern (RE2 syntax): missing closing ] at [a-z");
    expect(patternProblem("a{2,1}")).toBe("Not a valid pattern (RE2 syntax): invalid repeat count at {2,1}");
    for (const p of ["(a)\\1", "(?=abc)", "[a-z"]) expect(patternProblem(p)).not.toMatch(/error parsing regexp/);
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

  it("refuses a counted repeat of a part that can match nothing, whatever text it starts with", () => {
    // Timing on a sample missed these: the sample never held a "u" or "qzx" to start them,
    // and one of them cost 0.4 s per 20 KB record of ordinary prose.
    for (const pattern of [
      "(?:[a-z]?){1000}[0-9][0-9]",
      "u(?:[a-z]?){1000}[0-9]",
      "qzx(?:[a-z]?){50}x",
      "(?:[a-z]{0,5}){6}x",
      "y(?:a|b?){40}",
      "(?i:x*){9,}z",
    ]) {
      expect(patternProblem(pattern), pattern).toMatch(/can match nothing/);
    }
    for (const pattern of [
      "id-[a-z]{0,30}",
      "(?:ab?){20}",
      "MRN-[0-9]{6}",
      "\\Q(a?){9}\\E",
      "[(?]{3}",
      "\\d{3}-\\d{2}",
    ]) {
      expect(patternProblem(pattern), pattern).toBeNull();
    }
  });

  it("refuses a pattern whose program is too large", () => {
    expect(patternProblem("x{1000}y{1000}")).toMatch(/too large/);
  });

  it("refuses patterns too slow together", () => {
    // ~1.4 ms each once warm (their first run in a process costs several times more): 60 of
    // them are ~3x the shared budget, so the refusal holds on a faster machine, warm or not.
    const many = patternProblems(Array.from({ length: 60 }, () => "[^\\s]{20,200}"));
    expect(many.some((p) => p !== null && /too slow/.test(p))).toBe(true);
    expect(patternProblems(["MRN-[0-9]{6}", "\\bPT[0-9]{7}\\b"])).toEqual([null, null]);
  });
});

describe("custom patterns in turn", () => {
  it("never match a placeholder again, so the text cannot grow pattern by pattern", () => {
    // A pattern named with 32 Q's, then patterns matching "Q": matched again, each turned
    // every Q of the text into 33 more (20 of them: 19 s and a RangeError on a 34-character prompt).
    const customPatterns = [
      { name: "Q".repeat(32), pattern: "u" },
      ...Array.from({ length: 20 }, (_, i) => ({
        name: `${"Q".repeat(31)}${String.fromCharCode(65 + i)}`,
        pattern: "Q",
      })),
    ];
    const redact = compileRedactor({ detectors: [], customPatterns });
    const started = performance.now();
    const out = redact("four useful quiet questions, Quincy");
    expect(performance.now() - started).toBeLessThan(500);
    const u = `[${"Q".repeat(32)}]`;
    expect(out.text).toBe(`fo${u}r ${u}sef${u}l q${u}iet q${u}estions, [${"Q".repeat(31)}A]${u}incy`);
    expect(out.counts).toEqual({ ["Q".repeat(32)]: 6, [`${"Q".repeat(31)}A`]: 1 });
  });

  it("redact nothing for a match of no width", () => {
    const redact = compileRedactor({ detectors: [], customPatterns: [{ name: "edge", pattern: "\\b" }] });
    expect(redact("two words")).toEqual({ text: "two words", counts: {} });
  });
});

describe("a stored pattern of a shape refused since it was saved", () => {
  it("withholds every text under its placeholder rather than running, or forwarding unredacted", () => {
    const redact = compileRedactor({
      detectors: ["email"],
      customPatterns: [
        { name: "MRN", pattern: "MRN-[0-9]{6}" },
        { name: "slow", pattern: "u(?:[a-z]?){1000}[0-9]" },
      ],
    });
    const started = performance.now();
    expect(redact("useful quiet text about MRN-004471 ".repeat(500))).toEqual({ text: "[SLOW]", counts: { slow: 1 } });
    expect(performance.now() - started).toBeLessThan(100);
    expect(redact("")).toEqual({ text: "", counts: {} });
  });
});

import { describe, expect, it } from "vitest";
import { compileRedactor } from "./redactor";
import { drainControls, redactionPreviewInput } from "../validation/drain-controls";

// A built-in detector listed many times ran once per copy on every text: 2,000 copies of
// "email" in a drain's controls (or in a "Try it" request) cost ~7 s of CPU per 20 KB prompt
// holding "@", on the server's thread (preview) or the shared ingest threads (every record).

const ADVERSARIAL = ("a".repeat(63) + "@- ").repeat(400).slice(0, 20_000);

describe("duplicate detectors", () => {
  it("are kept once by the controls schema (drain settings and the preview)", () => {
    const many = Array.from({ length: 5000 }, () => "email");
    expect(drainControls.parse({ redaction: { detectors: many } }).redaction.detectors).toEqual(["email"]);
    expect(redactionPreviewInput.parse({ redaction: { detectors: many }, text: "x" }).redaction.detectors).toEqual([
      "email",
    ]);
  });

  it("cost no more than one detector when compiled (controls stored before the schema kept them once)", () => {
    const redact = compileRedactor({ detectors: Array.from({ length: 3000 }, () => "email"), customPatterns: [] });
    const started = performance.now();
    redact(ADVERSARIAL);
    // One pass takes ~4 ms; 3,000 took ~11 s.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

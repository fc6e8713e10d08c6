import { describe, expect, it } from "vitest";
import { statusExplanation, statusLabel } from "./drain-status";
import type { DrainHealth } from "./validation/drain-health";

const names = { destination: "Langfuse", credentials: "keys" };
const health = (over: Partial<DrainHealth>): DrainHealth => ({
  status: "failing",
  delivered24h: 0,
  failed24h: 0,
  deadLettered24h: 0,
  sampledOut24h: 0,
  filteredOut24h: 0,
  pending: 0,
  deadLetters: 0,
  lastSuccessAt: null,
  lastError: null,
  retryWindowHours: 24,
  suspendedReason: null,
  hourly: [],
  ...over,
});

describe("drain status wording", () => {
  it("says rejected spans became dead letters instead of promising retries", () => {
    const text = statusExplanation(
      health({ deadLetters: 3, lastError: { at: "", httpStatus: 400, message: "Invalid span" } }),
      names,
    );
    expect(text).toMatch(/rejected spans: Invalid span/);
    expect(text).toMatch(/dead letters/);
    expect(text).not.toMatch(/retried with backoff/);
  });

  it("names the retry window the server is configured with", () => {
    const text = statusExplanation(
      health({ pending: 2, retryWindowHours: 6, lastError: { at: "", httpStatus: 503, message: "down" } }),
      names,
    );
    expect(text).toContain("2 spans waiting, retried with backoff for up to 6 hours");
    expect(statusLabel("failing")).toBe("Degraded");
  });

  it("once every failing span has become a dead letter, says so instead of counting 0 waiting", () => {
    const text = statusExplanation(
      health({ pending: 0, deadLetters: 4, lastError: { at: "", httpStatus: 404, message: "HTTP 404: Not found" } }),
      names,
    );
    expect(text).not.toContain("0 spans waiting");
    expect(text).toMatch(/None waiting: .* dead letters \(below\)/);
  });

  it("quotes the destination's own sentence without doubling its full stop", () => {
    const text = statusExplanation(
      health({
        pending: 1,
        lastError: { at: "", httpStatus: 503, message: "Usage exceeded. Please upgrade your plan." },
      }),
      names,
    );
    expect(text).toMatch(
      /^Deliveries to Langfuse are failing: Usage exceeded\. Please upgrade your plan\. 1 span waiting/,
    );
    expect(text).not.toContain("..");
  });

  it("gives the reason a drain is suspended: only what the organization lacks", () => {
    const text = statusExplanation(
      health({ status: "suspended", suspendedReason: "The organization has no signed BAA" }),
      names,
    );
    expect(text).toMatch(/^The organization has no signed BAA; nothing is forwarded/);
    expect(text).not.toMatch(/enrollment/);
  });
});

import { describe, expect, it } from "vitest";
import { creationBlockReason, DRAIN_LIMIT_REACHED } from "./creation-block";
import { MAX_DRAINS_PER_ENVIRONMENT } from "./mutations";

const enabled = { enabled: true, reason: null };

describe("creationBlockReason", () => {
  it("offers creation to an owner of an enrolled organization below the limit", () => {
    expect(creationBlockReason({ gateway: enabled, canWrite: true, drainCount: MAX_DRAINS_PER_ENVIRONMENT - 1 })).toBe(
      null,
    );
  });

  it("says the environment is full at the limit", () => {
    expect(creationBlockReason({ gateway: enabled, canWrite: true, drainCount: MAX_DRAINS_PER_ENVIRONMENT })).toBe(
      DRAIN_LIMIT_REACHED,
    );
    expect(DRAIN_LIMIT_REACHED).toMatch(/10 LLM Trace Drains.*delete one/);
  });

  it("names what the user can act on first: enrollment, then role", () => {
    const notEnrolled = { enabled: false, reason: "No BAA on file" };
    expect(creationBlockReason({ gateway: notEnrolled, canWrite: true, drainCount: 99 })).toMatch(
      /signed BAA.*No BAA on file\. A platform admin/,
    );
    expect(creationBlockReason({ gateway: enabled, canWrite: false, drainCount: 99 })).toMatch(/Only owners/);
  });
});

import { describe, expect, it } from "vitest";
import { recordTimes } from "./record-times";

describe("recordTimes", () => {
  it("reads epoch seconds, ISO 8601 with or without an offset, and Python's str(datetime) as UTC", () => {
    expect(recordTimes({ startTime: 1795766400.5, endTime: 1795766401 })).toEqual({
      start: 1795766400.5,
      end: 1795766401,
      estimated: false,
    });
    expect(recordTimes({ startTime: "2026-11-27 00:00:00.250000", endTime: "2026-11-27T01:00:01+01:00" })).toEqual({
      start: 1795737600.25,
      end: 1795737601,
      estimated: false,
    });
    expect(recordTimes({ startTime: "2026-11-27T00:00:00Z", endTime: "1795737602.5" })).toMatchObject({
      end: 1795737602.5,
    });
  });

  it("keeps the first token time for streams only, and never after the end", () => {
    const t = { startTime: 100_0000_000, endTime: 100_0000_002, completionStartTime: 100_0000_001 };
    expect(recordTimes({ ...t, stream: true })).toMatchObject({ firstToken: 100_0000_001 });
    expect(recordTimes({ ...t, stream: null })).not.toHaveProperty("firstToken");
    expect(recordTimes({ ...t, stream: true, completionStartTime: 100_0000_002 })).not.toHaveProperty("firstToken");
  });

  it.each([
    [{ startTime: 1e308 }, /startTime is out of range/],
    [{ startTime: -5 }, /out of range/],
    [{ startTime: 1795766400000 }, /out of range/],
    [{ startTime: "tomorrow" }, /startTime is not a time/],
    [{ startTime: 1795766400, endTime: "2026-13-45" }, /endTime is not a time/],
    [{ startTime: { s: 1 } }, /startTime is not a time/],
  ])("refuses %j with a reason instead of guessing", (record, reason) => {
    expect(recordTimes(record)).toEqual({ error: expect.stringMatching(reason) });
  });

  it("stands in ingest time, marked as estimated, only when a record has no times at all", () => {
    expect(recordTimes({}, () => 1795766400)).toEqual({ start: 1795766400, end: 1795766400, estimated: true });
  });
});

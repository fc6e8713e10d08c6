import * as z from "zod/mini";
import { DETECTOR_IDS } from "../redaction/detector-names";

// Per-drain controls, for every destination: redaction before anything leaves, sampling and
// filters. Shared by the forms and the API; custom patterns are also compiled on the server
// (RE2) before they are saved.

export const customPattern = z.object({
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, "Name the pattern"),
      z.maxLength(32, "Use at most 32 characters"),
      z.regex(/^[A-Za-z][A-Za-z0-9 _-]*$/, "Start with a letter; letters, digits, spaces, '-' and '_'"),
    ),
  pattern: z
    .string()
    .check(z.minLength(1, "Enter a regular expression"), z.maxLength(500, "Use at most 500 characters")),
});

export const redactionSettings = z.object({
  // Each detector once: every copy ran again on every text of every record.
  detectors: z._default(
    z.pipe(
      z.array(z.enum(DETECTOR_IDS)),
      z.transform((ids) => [...new Set(ids)]),
    ),
    [],
  ),
  customPatterns: z._default(
    z.array(customPattern).check(
      z.maxLength(20, "Use at most 20 patterns"),
      z.refine((list) => new Set(list.map((p) => p.name.toLowerCase())).size === list.length, "Name each pattern once"),
    ),
    [],
  ),
});

export const drainControls = z.object({
  redaction: z._default(redactionSettings, { detectors: [], customPatterns: [] }),
  /** Percent of sessions (or requests without one) forwarded. */
  sampleRate: z._default(z.number().check(z.gte(0, "At least 0%"), z.lte(100, "At most 100%")), 100),
  /** Failed requests are forwarded whatever the sample rate. */
  keepFailures: z._default(z.boolean(), true),
  filters: z._default(
    z.object({
      llmKeyIds: z._default(z.array(z.uuid()).check(z.maxLength(100)), []),
      models: z._default(
        z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))).check(z.maxLength(100)),
        [],
      ),
      callTypes: z._default(
        z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))).check(z.maxLength(50)),
        [],
      ),
      onlyFailures: z._default(z.boolean(), false),
    }),
    { llmKeyIds: [], models: [], callTypes: [], onlyFailures: false },
  ),
});
export type DrainControls = z.output<typeof drainControls>;

export const NO_CONTROLS: DrainControls = drainControls.parse({});

/** The redaction preview ("Try it"): a drain's redaction settings and a text. */
export const redactionPreviewInput = z.object({
  redaction: redactionSettings,
  text: z.string().check(z.maxLength(20_000, "Use at most 20,000 characters")),
});

/** The controls stored for a drain, or undefined when they change nothing (the common case at ingest). */
export function activeControls(stored: unknown): DrainControls | undefined {
  const parsed = drainControls.safeParse(stored ?? {});
  // Controls are validated when saved; unreadable ones forward nothing rather than unredacted content.
  if (!parsed.success) return { ...NO_CONTROLS, sampleRate: 0, keepFailures: false };
  const c = parsed.data;
  const f = c.filters;
  const none =
    c.redaction.detectors.length === 0 &&
    c.redaction.customPatterns.length === 0 &&
    c.sampleRate >= 100 &&
    !f.onlyFailures &&
    f.llmKeyIds.length + f.models.length + f.callTypes.length === 0;
  return none ? undefined : c;
}

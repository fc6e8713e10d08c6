// The built-in detectors of "Redact before forwarding". Each is a JavaScript regular
// expression written here (fixed, reviewed, no nested quantifiers that can backtrack
// without bound, and every repetition bounded: an unbounded `[a-z]+@` tried at each of
// 400,000 letters with no "@" after them is quadratic, seconds of CPU for one prompt), a
// cheap prefilter that skips texts that cannot match, and where a pattern alone
// over-matches, a check of the match (payment cards: the Luhn checksum).

import { DETECTOR_NAMES, type DetectorId } from "./detector-names";

export { DETECTOR_IDS, type DetectorId } from "./detector-names";

/** What the redactor learns of a text once, for every pass to share. */
export type TextFacts = { hasDigit: boolean };

export type Pass = {
  pattern: RegExp;
  /** False when the text cannot contain a match: most texts skip the pattern entirely. */
  mayMatch: (text: string, facts: TextFacts) => boolean;
  /** A match the pattern found but that is not one (a card number failing Luhn). */
  accept?: (match: string) => boolean;
  /** What replaces a match (default: the placeholder). */
  replace?: (match: string) => string;
};

/** A detector is one pass or, where one pattern would be slow on ordinary prose, several. */
export type Detector = { id: DetectorId; label: string; placeholder: string; passes: Pass[] };

const hasDigit = (_: string, facts: TextFacts) => facts.hasDigit;

/** An IPv6 address holds "::" or seven colons: prose with a colon or two is not tried. */
function mayBeIpv6(text: string): boolean {
  if (text.includes("::")) return true;
  let colons = 0;
  for (let at = text.indexOf(":"); at !== -1 && colons < 7; at = text.indexOf(":", at + 1)) colons++;
  return colons >= 7;
}

/** The Luhn checksum of a card number's digits. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export const DETECTORS: Record<DetectorId, Detector> = {
  email: {
    id: "email",
    ...DETECTOR_NAMES.email,
    passes: [
      {
        // RFC 5321's limits: a local part of 64 characters, labels of 63 (a longer local part
        // still loses its last 64 characters and its domain).
        pattern: /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z])/g,
        mayMatch: (t) => t.includes("@"),
      },
    ],
  },
  phone: {
    id: "phone",
    ...DETECTOR_NAMES.phone,
    passes: [
      {
        // North American numbers (+1 optional, separators optional) and international +CC numbers.
        pattern:
          /(?<![\w+])(?:\+?1[\s.-]?)?\(?[2-9]\d{2}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\w)|\+[2-9]\d{0,2}[\s.-]?\d{2,4}(?:[\s.-]?\d{2,4}){2,3}(?!\w)/g,
        mayMatch: hasDigit,
      },
    ],
  },
  ssn: {
    id: "ssn",
    ...DETECTOR_NAMES.ssn,
    passes: [
      { pattern: /(?<![\w-])(?!000|666|9\d\d)\d{3}[- ](?!00)\d{2}[- ](?!0000)\d{4}(?![\w-])/g, mayMatch: hasDigit },
    ],
  },
  card: {
    id: "card",
    ...DETECTOR_NAMES.card,
    passes: [
      {
        pattern: /(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])/g,
        // 13 digits at least, with at most single separators between them.
        mayMatch: (t, facts) => facts.hasDigit && /\d{4}[ -]?\d{4}[ -]?\d{4}/.test(t),
        accept: (m) => luhn(m.replace(/[ -]/g, "")),
      },
    ],
  },
  ip: {
    id: "ip",
    ...DETECTOR_NAMES.ip,
    // IPv4 and IPv6 apart: an IPv6 pattern tried at every hex letter of English prose is slow,
    // so it only runs on texts with "::" or seven colons, and two of them close together.
    passes: [
      {
        pattern: /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w.])/g,
        mayMatch: (t, facts) => facts.hasDigit && /\d\.\d{1,3}\.\d/.test(t),
      },
      {
        pattern:
          /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,5})?(?![\w:])/g,
        mayMatch: (t) => mayBeIpv6(t) && /[0-9A-Fa-f]:[0-9A-Fa-f]{0,4}:/.test(t),
      },
    ],
  },
  date: {
    id: "date",
    ...DETECTOR_NAMES.date,
    passes: [
      {
        pattern:
          /(?<![\w/.-])(?:(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])|(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])\/(?:19|20)?\d{2}|(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:19|20)\d{2})(?![\w/.-])/g,
        mayMatch: hasDigit,
      },
    ],
  },
  url_credentials: {
    id: "url_credentials",
    ...DETECTOR_NAMES.url_credentials,
    passes: [
      {
        // The user-info part of scheme://user:password@host; quotes and backslashes end it, so a
        // match stays inside one JSON string.
        pattern: /\b([a-z][a-z0-9+.-]{0,31}:\/\/)[^\s:@/"\\]{1,256}:[^\s@/"\\]{1,256}@/gi,
        mayMatch: (t) => t.includes("://") && t.includes("@"),
        replace: (m) => `${m.slice(0, m.indexOf("://") + 3)}[CREDENTIALS]@`,
      },
    ],
  },
};

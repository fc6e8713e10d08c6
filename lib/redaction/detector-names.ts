// What the dashboard shows of the built-in detectors: their ids, names and placeholders.
// Kept apart from the patterns (detectors.ts) so that pages list the detectors without
// shipping the patterns to the browser.

export const DETECTOR_IDS = ["email", "phone", "ssn", "card", "ip", "date", "url_credentials"] as const;
export type DetectorId = (typeof DETECTOR_IDS)[number];

export const DETECTOR_NAMES: Record<DetectorId, { label: string; placeholder: string }> = {
  email: { label: "Email addresses", placeholder: "[EMAIL]" },
  phone: { label: "Phone numbers", placeholder: "[PHONE]" },
  ssn: { label: "US Social Security numbers", placeholder: "[SSN]" },
  card: { label: "Payment card numbers (Luhn-checked)", placeholder: "[CARD]" },
  ip: { label: "IP addresses", placeholder: "[IP]" },
  date: { label: "Dates (such as dates of birth)", placeholder: "[DATE]" },
  url_credentials: { label: "Credentials in URLs", placeholder: "[CREDENTIALS]" },
};

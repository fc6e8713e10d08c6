// Prose-like filler for simulated prompts: sentences drawn from a vocabulary of clinical and
// everyday words with a seeded generator. Benchmarks need it: a repeated phrase compresses
// ~50×, real prompts ~3×, and compression is a large share of the work per record.

const WORDS = (
  "the patient reports mild moderate severe pain in left right lower upper chest abdomen back knee shoulder since " +
  "yesterday last week three days two weeks after walking climbing stairs eating sleeping denies fever chills nausea " +
  "vomiting cough shortness breath dizziness headache rash swelling history of hypertension diabetes asthma " +
  "hyperlipidemia anxiety depression smoking alcohol use family mother father sister brother medications include " +
  "lisinopril metformin atorvastatin albuterol sertraline ibuprofen acetaminophen omeprazole levothyroxine allergies " +
  "penicillin sulfa none known vitals blood pressure heart rate temperature oxygen saturation respiratory weight " +
  "exam reveals tenderness normal abnormal clear lungs regular rhythm murmur soft nontender bowel sounds present " +
  "assessment plan likely consistent with rule out consider order labs imaging x-ray ultrasound referral follow " +
  "return precautions discussed understands agrees will call schedule appointment clinic primary care specialist " +
  "cardiology orthopedics dermatology neurology nurse practitioner physician assistant resident attending note " +
  "summary discharge admission visit telehealth phone message refill prior authorization insurance coverage " +
  "billing code diagnosis procedure result pending reviewed updated chart record system workflow team shift " +
  "morning afternoon evening night weekend today tomorrow Monday Tuesday Wednesday Thursday Friday and or but with " +
  "without for from into over under about before during while because although however therefore also still " +
  "again only very more less most least each every some any other new old first last next previous current " +
  "stable improving worsening unchanged recommended prescribed continued stopped started increased decreased " +
  "dose daily twice nightly as needed tablet capsule injection inhaler cream drops"
).split(" ");

/** A small fast seeded PRNG (mulberry32), so runs are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** About `chars` characters of sentences. */
export function prose(chars: number, random: () => number = Math.random): string {
  const out: string[] = [];
  let length = 0;
  while (length < chars) {
    const n = 6 + Math.floor(random() * 14);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]!);
    const sentence = words.join(" ");
    const s = `${sentence[0]!.toUpperCase()}${sentence.slice(1)}${random() < 0.15 ? "," : "."}`;
    out.push(s);
    length += s.length + 1;
  }
  return out.join(" ").slice(0, chars);
}

// Character error rate for OCR tests and benchmarks.
//
// Both texts are NFC-normalised and every run of whitespace (line breaks included) becomes one
// space, so layout differences (line joins, double spaces) are not counted as errors; only the
// characters are. Distance is counted in Unicode code points, so "ë" is one character whether it
// arrived precomposed or as e + combining diaeresis.

export function normaliseForCer(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Levenshtein distance (insert, delete, substitute; each costs 1) over code points. */
export function levenshtein(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  // Two rows: memory O(|t|), time O(|s|·|t|); a full report page (~5k chars) is ~25M steps.
  let prev = new Uint32Array(t.length + 1);
  let curr = new Uint32Array(t.length + 1);
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  for (let i = 1; i <= s.length; i++) {
    curr[0] = i;
    const si = s[i - 1];
    for (let j = 1; j <= t.length; j++) {
      const cost = si === t[j - 1] ? 0 : 1;
      const del = prev[j]! + 1;
      const ins = curr[j - 1]! + 1;
      const sub = prev[j - 1]! + cost;
      curr[j] = del < ins ? (del < sub ? del : sub) : ins < sub ? ins : sub;
    }
    const swap = prev;
    prev = curr;
    curr = swap;
  }
  return prev[t.length]!;
}

/**
 * CER = edit distance / length of the (normalised) truth. 0 is perfect; it can exceed 1 when the
 * OCR output is much longer than the truth. An empty truth gives 0 for an empty OCR text, else 1.
 */
export function cer(truth: string, ocr: string): number {
  const t = normaliseForCer(truth);
  const o = normaliseForCer(ocr);
  const n = Array.from(t).length;
  if (n === 0) return o.length === 0 ? 0 : 1;
  return levenshtein(t, o) / n;
}

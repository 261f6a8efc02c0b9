/**
 * ICAO 9303 7-3-1 check digit (docs/mrz-formats.md §1.2): 0–9 → 0–9, A–Z → 10–35, '<' → 0, weights 7,3,1
 * repeating, sum mod 10. Characters outside the MRZ set return -1 so that a covered unreadable character
 * (reader padding such as '_', §4) makes the check fail instead of passing silently.
 */

/** Value of one character code, or -1 when it is not in the MRZ character set (§1.1). */
export function charValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 65 && code <= 90) return code - 55; // A-Z → 10-35
  if (code === 60) return 0; // '<'
  return -1;
}

const WEIGHTS = [7, 3, 1] as const;

/** Segment of one line: 0-based start, exclusive end. */
export interface Segment {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Check digit over the concatenation of `segments` of `lines` (weights continue across segments, as the
 * composite digits require, §2.6). Returns -1 when a covered character is outside the MRZ set.
 */
export function checkDigitOver(lines: readonly string[], segments: readonly Segment[]): number {
  let sum = 0;
  let w = 0;
  for (const s of segments) {
    const text = lines[s.line] ?? '';
    for (let i = s.start; i < s.end; i++) {
      const v = charValue(text.charCodeAt(i));
      if (v < 0) return -1;
      sum += v * WEIGHTS[w]!;
      w = w === 2 ? 0 : w + 1;
    }
  }
  return sum % 10;
}

/** Check digit of a plain string (generator and formatter). Throws on characters outside the set: a bug. */
export function checkDigit(text: string): number {
  const d = checkDigitOver([text], [{ line: 0, start: 0, end: text.length }]);
  if (d < 0) throw new Error(`checkDigit: character outside the MRZ set in ${JSON.stringify(text)}`);
  return d;
}

/**
 * Whether the printed character matches a computed digit. '<' counts as 0 and is accepted when the computed
 * digit is 0 (§1.2: JMRTD samples print '<' for a zero personal-number check digit, §5 S7).
 */
export function digitMatches(printed: string, computed: number): boolean {
  if (computed < 0) return false;
  if (printed === '<') return computed === 0;
  return printed.length === 1 && printed.charCodeAt(0) === 48 + computed;
}

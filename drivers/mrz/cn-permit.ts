/**
 * Mainland Travel Permits `CR` / `CT` and the 1999 Home Return Permit `C<` (docs/mrz-formats.md §3.5–§3.7):
 * 3 × 30, field layout not public. Rule §3.7: keep the raw lines, read only what is known (code, issuer, the
 * number and its check digit where the TD1 position holds), report check digits found elsewhere as
 * diagnostics, invent no positions.
 */
import { checkDigitOver, digitMatches } from './check-digit.ts';
import { check, field, seg, type Layout } from './layout.ts';
import type { MrzCheck } from './types.ts';

export function cnPermitLayout(lines: readonly string[]): Layout {
  const l1 = lines[0] ?? '';
  const numberCheck = l1[14] !== undefined && l1[14] !== '<';
  return {
    format: 'CN_PERMIT_3LINE',
    width: 30,
    lineCount: 3,
    layoutVerified: false,
    fields: [
      field('documentCode', 0, 0, 2, 'alpha'),
      field('issuer', 0, 2, 5, 'alpha'),
      field('documentNumber', 0, 5, 14, 'alnum'),
      ...(numberCheck ? [field('documentNumberCheckDigit', 0, 14, 15, 'numeric')] : []),
      field('line1Rest', 0, 15, 30, 'any'),
      field('line2', 1, 0, 30, 'any'),
      field('line3', 2, 0, 30, 'any'),
    ],
    // §3.7 step 4: the TD1-like candidate L1 6–14 → 15 (inferred, §3.5).
    checks: numberCheck ? [check('documentNumber', 0, 14, [seg(0, 5, 14)])] : [],
  };
}

function plausibleYymmdd(text: string, at: number): boolean {
  for (let i = at; i < at + 6; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const mm = Number(text.slice(at + 2, at + 4));
  const dd = Number(text.slice(at + 4, at + 6));
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31;
}

/**
 * §3.7 step 4: every YYMMDD-looking run followed by a digit, outside the L1 number span. A run whose digit
 * computes is reported `valid` (a signal); one that does not is `unchecked` (it may not be a check digit).
 */
export function cnPermitDateCandidates(lines: readonly string[]): MrzCheck[] {
  const out: MrzCheck[] = [];
  lines.forEach((text, line) => {
    for (let at = line === 0 ? 15 : 0; at + 6 < text.length; at++) {
      const digit = text.charCodeAt(at + 6);
      if (digit < 48 || digit > 57 || !plausibleYymmdd(text, at)) continue;
      const computed = checkDigitOver(lines, [seg(line, at, at + 6)]);
      const ok = digitMatches(text[at + 6]!, computed);
      out.push({
        field: `candidate:L${line + 1}:${at + 1}-${at + 6}`,
        status: ok ? 'valid' : 'unchecked',
        line: line + 1,
        column: at + 7,
        expected: String(computed),
        actual: text[at + 6]!,
      });
    }
  });
  return out;
}

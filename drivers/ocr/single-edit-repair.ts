/**
 * OCR-side repair before the engine's own: when a check digit fails, try every SINGLE confusion-pair
 * substitution (the engine's ALNUM_ALTERNATIVES, mrz-formats.md §6) inside the failing fields and their check
 * digits. Exactly one edit making every check digit pass is applied; none or several leave the lines alone.
 * The engine's lenient search treats one- and two-edit repairs alike and reports `ambiguous` when both kinds
 * validate; a single OCR confusion is far likelier than two, so the unique single edit is the reading to keep.
 */
import { parseMrz, type MrzCorrection, type MrzResult } from '../mrz/index.ts';
import { ALNUM_ALTERNATIVES, NUMERIC_REPAIR } from '../mrz/lenient.ts';

export interface SingleEditRepair {
  readonly lines: string[];
  readonly correction: MrzCorrection | null;
}

const DIGITS = '0123456789';

export function repairSingleEdit(lines: readonly string[], parsed: MrzResult, now?: Date): SingleEditRepair {
  if (!parsed.ok || parsed.valid) return { lines: [...lines], correction: null };
  const failing = parsed.checks.filter((c) => c.status === 'invalid' && c.field !== 'composite').map((c) => c.field);
  if (failing.length === 0) return { lines: [...lines], correction: null };
  const candidates: { line: number; col: number; to: string; field: string }[] = [];
  for (const name of failing) {
    for (const fieldName of [name, `${name}CheckDigit`]) {
      const f = parsed.fields[fieldName];
      if (!f) continue;
      for (let col = f.start; col <= f.end; col++) {
        const ch = (parsed.lines[f.line - 1] ?? '')[col - 1];
        if (ch === undefined) continue;
        const alts = new Set<string>();
        const a = ALNUM_ALTERNATIVES[ch];
        if (a) alts.add(a);
        if (fieldName.endsWith('CheckDigit') || name.endsWith('Date')) {
          // Digit positions: any digit may be the true one only via a known confusion; keep to the class map.
          const d = NUMERIC_REPAIR[ch];
          if (d) alts.add(d);
          for (const alt of [...alts]) if (!DIGITS.includes(alt)) alts.delete(alt);
        }
        for (const to of alts) candidates.push({ line: f.line, col, to, field: name });
      }
    }
  }
  const valid: { lines: string[]; c: (typeof candidates)[number]; from: string }[] = [];
  for (const c of candidates) {
    const next = [...parsed.lines];
    const l = next[c.line - 1]!;
    const from = l[c.col - 1]!;
    next[c.line - 1] = l.slice(0, c.col - 1) + c.to + l.slice(c.col);
    const r = parseMrz(next, { mode: 'strict', ...(now ? { now } : {}) });
    if (r.ok && r.valid) valid.push({ lines: next, c, from });
  }
  if (valid.length !== 1) return { lines: [...lines], correction: null };
  const v = valid[0]!;
  return { lines: v.lines, correction: { line: v.c.line, column: v.c.col, from: v.from, to: v.c.to, field: v.c.field, reason: 'check-digit', verified: true } };
}

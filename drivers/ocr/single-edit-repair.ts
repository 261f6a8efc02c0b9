/**
 * OCR-side repair before the engine's own: when a check digit fails, try every SINGLE confusion-pair
 * substitution (the engine's ALNUM_ALTERNATIVES, docs/mrz-formats.md §6) inside the failing fields and their check
 * digits. Exactly one edit making every check digit pass is applied; none or several leave the lines alone.
 * The engine's lenient search treats one- and two-edit repairs alike and reports `ambiguous` when both kinds
 * validate; a single OCR confusion is far likelier than two, so the unique single edit is the reading to keep.
 *
 * When the cell classifier ranked every cell (cell-classifier.ts), its runners-up replace the fixed confusion
 * pairs: an edit costs what the glyph loses by it (best score minus the runner-up's), and the cheapest set of
 * edits that every check digit proves is kept if it is clearly cheaper than the next — several proven sets at
 * similar cost are exactly the case where guessing would be a false accept.
 */
import { parseMrz, type MrzCorrection, type MrzResult } from '../mrz/index.ts';
import { ALNUM_ALTERNATIVES, NUMERIC_REPAIR } from '../mrz/lenient.ts';

export interface SingleEditRepair {
  readonly lines: string[];
  readonly corrections: MrzCorrection[];
}

const DIGITS = '0123456789';

interface Candidate {
  readonly line: number;
  readonly col: number;
  readonly from: string;
  readonly to: string;
  /** What the edit costs the glyph evidence (0 for the fixed confusion pairs). */
  readonly loss: number;
}

/** Ranked alternatives for a cell (1-based line and column): characters and what each costs against the best. */
export type Alternatives = (line: number, column: number) => readonly { readonly to: string; readonly loss: number }[] | undefined;

export interface EditPolicy {
  /** Alternatives costing more than this are not considered. */
  readonly maxLoss: number;
  /** The cheapest proven set must be cheaper than the next by at least this. */
  readonly margin: number;
}

export const DEFAULT_EDIT_POLICY: EditPolicy = { maxLoss: 0.12, margin: 0.04 };

function candidatesFor(parsed: MrzResult, name: string, alternatives?: Alternatives, policy: EditPolicy = DEFAULT_EDIT_POLICY): Candidate[] {
  const out: Candidate[] = [];
  for (const fieldName of [name, `${name}CheckDigit`]) {
    const f = parsed.fields[fieldName];
    if (!f) continue;
    const digitsOnly = fieldName.endsWith('CheckDigit') || name.endsWith('Date');
    for (let col = f.start; col <= f.end; col++) {
      const from = (parsed.lines[f.line - 1] ?? '')[col - 1];
      if (from === undefined) continue;
      const ranked = alternatives?.(f.line, col);
      if (ranked) {
        for (const a of ranked) if (a.to !== from && a.loss <= policy.maxLoss && (!digitsOnly || DIGITS.includes(a.to))) out.push({ line: f.line, col, from, to: a.to, loss: a.loss });
        continue;
      }
      const alts = new Set<string>();
      const a = ALNUM_ALTERNATIVES[from];
      if (a) alts.add(a);
      const d = NUMERIC_REPAIR[from];
      if (d && digitsOnly) alts.add(d);
      for (const to of alts) if (!digitsOnly || DIGITS.includes(to)) out.push({ line: f.line, col, from, to, loss: 0 });
    }
  }
  return out;
}

function apply(lines: readonly string[], c: Candidate): string[] {
  const next = [...lines];
  const l = next[c.line - 1]!;
  next[c.line - 1] = l.slice(0, c.col - 1) + c.to + l.slice(c.col);
  return next;
}

/**
 * One confusion-pair edit inside each failing field (or its check digit), chosen so that every check digit of
 * the document, composite included, passes in a strict parse. Applied only when exactly one such set exists.
 */
export function repairSingleEdit(lines: readonly string[], parsed: MrzResult, now?: Date, alternatives?: Alternatives, policy: EditPolicy = DEFAULT_EDIT_POLICY): SingleEditRepair {
  const unchanged = { lines: [...lines], corrections: [] };
  if (!parsed.ok || parsed.valid) return unchanged;
  const failing = parsed.checks.filter((c) => c.status === 'invalid' && c.field !== 'composite').map((c) => c.field);
  const opts = { mode: 'strict' as const, ...(now ? { now } : {}) };
  if (failing.length === 0) return alternatives ? repairCompositeOnly(parsed, opts, alternatives, policy) ?? unchanged : unchanged;
  // Per failing field: the single edits that make its own check pass (one digit proves little alone).
  const perField: { name: string; fixes: Candidate[] }[] = failing.map((name) => ({
    name,
    fixes: candidatesFor(parsed, name, alternatives, policy).filter((c) => parseMrz(apply(parsed.lines, c), opts).checks.some((k) => k.field === name && k.status === 'valid')),
  }));
  if (perField.some((f) => f.fixes.length === 0)) return unchanged;
  // One edit per failing field, jointly proven by every check digit including the composite; keep a unique one.
  let combos: Candidate[][] = [[]];
  for (const f of perField) {
    combos = combos.flatMap((combo) => f.fixes.map((fix) => [...combo, fix]));
    if (combos.length > 4096) return unchanged;
  }
  const proven = combos.filter((combo) => {
    const r = parseMrz(combo.reduce<string[]>((ls, c) => apply(ls, c), [...parsed.lines]), opts);
    return r.ok && r.valid;
  });
  if (proven.length === 0) return unchanged;
  const cost = (combo: readonly Candidate[]) => combo.reduce((a, c) => a + c.loss, 0);
  proven.sort((a, b) => cost(a) - cost(b));
  // Without ranked evidence every proven set is as likely as the next: only a unique one is kept.
  const clear = alternatives ? proven.length === 1 || cost(proven[1]!) - cost(proven[0]!) >= policy.margin : proven.length === 1;
  if (!clear) return unchanged;
  const combo = proven[0]!;
  return {
    lines: combo.reduce<string[]>((ls, c) => apply(ls, c), [...parsed.lines]),
    corrections: combo.map((c, i) => ({ line: c.line, column: c.col, from: c.from, to: c.to, field: perField[i]!.name, reason: 'check-digit' as const, verified: true })),
  };
}

/**
 * Only the composite fails: the wrong cell sits in data no other check digit covers (TD1/TD2 optional data,
 * docs/mrz-formats.md §2.6) or in the composite digit itself. The cheapest ranked edit there that makes the document
 * valid is kept when it is clearly the cheapest, and reported unverified: one digit alone proves a guess right
 * only nine times in ten, so the field still goes to the traveller.
 */
/** Fields the composite check digit never covers (docs/mrz-formats.md §2.6). */
const NOT_IN_COMPOSITE = new Set(['documentCode', 'issuer', 'name', 'nationality', 'sex']);

function repairCompositeOnly(parsed: MrzResult, opts: { mode: 'strict'; now?: Date }, alternatives: Alternatives, policy: EditPolicy): SingleEditRepair | undefined {
  const uncovered = (n: string) => !n.endsWith('CheckDigit') && !parsed.fields[`${n}CheckDigit`] && !NOT_IN_COMPOSITE.has(n);
  const names = [...Object.keys(parsed.fields).filter(uncovered), 'composite'];
  const proven = names
    .flatMap((name) => candidatesFor(parsed, name, alternatives, policy).map((c) => ({ c, name })))
    .filter(({ c }) => {
      const r = parseMrz(apply(parsed.lines, c), opts);
      return r.ok && r.valid;
    })
    .sort((a, b) => a.c.loss - b.c.loss);
  const first = proven[0];
  if (!first || (proven[1] && proven[1].c.loss - first.c.loss < policy.margin)) return undefined;
  const { c, name } = first;
  return { lines: apply(parsed.lines, c), corrections: [{ line: c.line, column: c.col, from: c.from, to: c.to, field: name, reason: 'check-digit', verified: false }] };
}

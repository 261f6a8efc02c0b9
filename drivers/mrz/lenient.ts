/**
 * Lenient (OCR) repair, docs/mrz-formats.md §6 traps 15 and 17 and §9 rule 3:
 * - a position's character class fixes impossible characters (a letter in a date is a digit: O/D/Q→0, I/L→1,
 *   Z→2, S→5, G→6, B→8, T→7, A→4; a digit in a name is a letter). Class repairs in fields no check digit
 *   covers (names, issuer, nationality) are reported unverified so that callers ask for confirmation; sex is
 *   never touched;
 * - in alphanumeric fields that have their own check digit (document number, TD3 personal number) a
 *   confusion pair (0↔O, 1↔I, 2↔Z, 5↔S, 8↔B, D→0, Q→0) is substituted only where that check digit fails,
 *   and a repair is accepted only when ALL check digits (composite included) then pass and it is the only
 *   such repair: two validating repairs → `ambiguous`, nothing chosen;
 * - pairs whose values differ by a multiple of 10 (G/6, L/1, K/<, U/0 …) change no check digit, so no check
 *   digit can prove them: they are never substituted in alphanumeric fields;
 * - fields only the composite covers (TD1/TD2 optional data) are never searched: a failing composite cannot
 *   tell an error there from a misread composite digit or errors cancelling inside another field's sum.
 *
 * Soundness model (property-tested in test/mrz/properties.test.ts): the misreadings are confusion pairs,
 * at most two per check digit, and each check digit sees its own misreadings (two confusions can cancel in a
 * 7-3-1 sum; then neither mode can see them). Inside that model every candidate the truth could be is
 * searched, so a repair is either the true value or reported ambiguous. Outside it (three confusions in one
 * field, a digit read as another digit) a mod-10 check digit cannot rule out a wrong unique repair; the bench
 * (`npm run bench`) measures how often that happens. Treat `corrections` as a reason to confirm (chip/VIZ).
 */
import { allChecksPass, evaluateCheck } from './interpret.ts';
import type { CharClass, CheckSpec, Layout } from './layout.ts';
import type { MrzCorrection } from './types.ts';

/** Letter → digit in numeric positions (forced by the character class). */
export const NUMERIC_REPAIR: Readonly<Record<string, string>> = { O: '0', D: '0', Q: '0', I: '1', L: '1', Z: '2', S: '5', G: '6', B: '8', T: '7', A: '4' };
/** Digit → letter in alphabetic positions (forced by the class; unverifiable where no check digit covers). */
export const ALPHA_REPAIR: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '6': 'G', '8': 'B', '4': 'A', '7': 'T' };
/** Substitutions tried in alphanumeric positions, proven only by check digits. */
export const ALNUM_ALTERNATIVES: Readonly<Record<string, string>> = { '0': 'O', O: '0', D: '0', Q: '0', '1': 'I', I: '1', '2': 'Z', Z: '2', '5': 'S', S: '5', '8': 'B', B: '8' };

/** Upper bound on candidate evaluations per parse (shared by all line-length variants); beyond it the repair
 * gives up (reported), so a hostile input cannot make a parse slow. */
export const SEARCH_LIMIT = 20_000;

/** The evaluations left for one parse. Created per `parseMrz` call: no module state. */
export interface SearchBudget {
  left: number;
}
/** Up to this many substitutions per failing field (see the module comment). */
const MAX_DEPTH = 2;

interface Edit {
  readonly line: number;
  readonly pos: number;
  readonly to: string;
}

export interface CharacterRepair {
  readonly lines: string[];
  readonly corrections: MrzCorrection[];
  readonly ambiguous: boolean;
  /** The search limit was reached (no check-digit repair was applied). */
  readonly exhausted: boolean;
}

function applyEdits(lines: readonly string[], edits: readonly Edit[]): string[] {
  const out = [...lines];
  for (const e of edits) {
    const l = out[e.line]!;
    out[e.line] = l.slice(0, e.pos) + e.to + l.slice(e.pos + 1);
  }
  return out;
}

interface PositionInfo {
  readonly cls: CharClass;
  readonly field: string;
}

function positionMap(layout: Layout): Map<number, PositionInfo> {
  const map = new Map<number, PositionInfo>();
  for (const f of layout.fields) for (let p = f.start; p < f.end; p++) map.set(f.line * 1000 + p, { cls: f.cls, field: f.name });
  return map;
}

function coverage(c: CheckSpec): number[] {
  const keys = new Set<number>();
  for (const v of c.variants) for (const s of v) for (let p = s.start; p < s.end; p++) keys.add(s.line * 1000 + p);
  return [...keys];
}

/** Edit sets of size 1..MAX_DEPTH over candidate positions. */
function editSets(lines: readonly string[], keys: readonly number[]): Edit[][] {
  const single: Edit[] = [];
  for (const k of keys) {
    const line = Math.floor(k / 1000);
    const pos = k % 1000;
    const alt = ALNUM_ALTERNATIVES[(lines[line] ?? '')[pos] ?? ''];
    if (alt !== undefined) single.push({ line, pos, to: alt });
  }
  const sets: Edit[][] = single.map((e) => [e]);
  if (MAX_DEPTH >= 2) for (let i = 0; i < single.length; i++) for (let j = i + 1; j < single.length; j++) sets.push([single[i]!, single[j]!]);
  return sets;
}

/**
 * Class repairs, then check-digit-proven substitutions. `frozen` names checks whose covered characters must
 * not be searched (a PRC passport's personal number is a GBK name code whose check digit is known to fail on
 * real passports, §3.2: "repairing" it would invent a name).
 */
export function repairCharacters(input: readonly string[], layoutFor: (lines: readonly string[]) => Layout, frozen: ReadonlySet<string> = new Set(), budget: SearchBudget = { left: SEARCH_LIMIT }): CharacterRepair {
  let lines = [...input];
  const corrections: MrzCorrection[] = [];
  let layout = layoutFor(lines);

  // Pass 1: character-class repairs.
  const classEdits: Edit[] = [];
  for (const f of layout.fields) {
    if (f.cls !== 'numeric' && f.cls !== 'alpha' && f.cls !== 'filler') continue;
    const text = lines[f.line] ?? '';
    for (let pos = f.start; pos < f.end; pos++) {
      const ch = text[pos];
      if (ch === undefined) continue;
      const to = f.cls === 'numeric' ? NUMERIC_REPAIR[ch] : f.cls === 'alpha' ? ALPHA_REPAIR[ch] : ch !== '<' ? '<' : undefined;
      if (to === undefined) continue;
      classEdits.push({ line: f.line, pos, to });
      corrections.push({ line: f.line + 1, column: pos + 1, from: ch, to, field: f.name, reason: f.cls === 'filler' ? 'fixed-filler' : 'character-class', verified: f.cls === 'filler' });
    }
  }
  // Fast path: nothing to repair (the common case for a reader's clean read).
  if (classEdits.length === 0 && allChecksPass(lines, layout)) return { lines, corrections, ambiguous: false, exhausted: false };
  lines = applyEdits(lines, classEdits);
  layout = layoutFor(lines);

  let ambiguous = false;
  let exhausted = false;
  const failing = layout.checks.filter((c) => evaluateCheck(lines, c).status !== 'valid');
  if (failing.length > 0) {
    const posMap = positionMap(layout);
    const alnumKeys = (keys: number[]) => keys.filter((k) => posMap.get(k)?.cls === 'alnum');

    // Options per failing field check: edit sets inside that field that make its check pass. Fields only the
    // composite covers (TD1/TD2 optional data) are never searched: a failing composite cannot say whether
    // the error is there, in the composite digit itself, or cancelled inside another field's sum.
    const options: Edit[][][] = [];
    let unrepairable = false;
    for (const c of failing) {
      if (c.field === 'composite' || frozen.has(c.field)) continue;
      const found: Edit[][] = [];
      for (const set of editSets(lines, alnumKeys(coverage(c)))) {
        if (--budget.left < 0) break;
        if (evaluateCheck(applyEdits(lines, set), c).status === 'valid') found.push(set);
      }
      if (found.length === 0) unrepairable = true;
      options.push(found);
    }
    const solutions = new Map<string, Edit[]>();
    if (!unrepairable && budget.left >= 0 && options.length > 0) {
      // Every combination of per-field options must make ALL check digits pass, composite included.
      const visit = (i: number, chosen: Edit[]): void => {
        if (budget.left < 0 || solutions.size > 1) return;
        if (i < options.length) {
          for (const o of options[i]!) visit(i + 1, [...chosen, ...o]);
          return;
        }
        const candidate = applyEdits(lines, chosen);
        budget.left--;
        if (allChecksPass(candidate, layoutFor(candidate))) solutions.set(candidate.join('\n'), chosen);
      };
      visit(0, []);
    }
    if (budget.left < 0) exhausted = true;
    if (!exhausted && solutions.size === 1) {
      const [edits] = [...solutions.values()] as [Edit[]];
      for (const e of edits) {
        corrections.push({ line: e.line + 1, column: e.pos + 1, from: lines[e.line]![e.pos]!, to: e.to, field: posMap.get(e.line * 1000 + e.pos)?.field ?? 'unknown', reason: 'check-digit', verified: true });
      }
      lines = applyEdits(lines, edits);
      layout = layoutFor(lines);
    } else if (solutions.size > 1) ambiguous = true;
  }

  // A class repair inside check-digit-covered characters is proven only if every covering check passes.
  const statuses = layout.checks.map((c) => ({ keys: new Set(coverage(c).concat(c.line * 1000 + c.pos)), ok: evaluateCheck(lines, c).status === 'valid' }));
  const final = corrections.map((c) => {
    if (c.reason !== 'character-class') return c;
    const key = (c.line - 1) * 1000 + (c.column - 1);
    const covering = statuses.filter((s) => s.keys.has(key));
    return covering.length > 0 ? { ...c, verified: !ambiguous && covering.every((s) => s.ok) } : c;
  });
  return { lines, corrections: final, ambiguous, exhausted };
}

/** Lines that carry names or unknown layouts: length repairs there are deterministic (pad/trim at the end). */
export function isFreeTextLine(lineCount: number, index: number, firstLine: string): boolean {
  if (lineCount === 2) return index === 0;
  if (lineCount === 3) return firstLine.startsWith('C') ? index > 0 : index === 2;
  return false;
}

export interface LengthCandidate {
  readonly lines: string[];
  readonly corrections: MrzCorrection[];
}

/** Ways to insert/delete `n` fillers: at the start of any filler run, or at the end of the line. */
function lineVariants(line: string, width: number, index: number, free: boolean): LengthCandidate[] {
  const diff = width - line.length;
  if (diff === 0) return [{ lines: [line], corrections: [] }];
  const atEnd = (): LengthCandidate => {
    if (diff > 0) {
      return { lines: [line + '<'.repeat(diff)], corrections: Array.from({ length: diff }, (_, i) => ({ line: index + 1, column: line.length + i + 1, from: '', to: '<', field: 'line', reason: 'line-length' as const, verified: false })) };
    }
    const cut = line.slice(width);
    return { lines: [line.slice(0, width)], corrections: [...cut].map((ch, i) => ({ line: index + 1, column: width + i + 1, from: ch, to: '', field: 'line', reason: 'line-length' as const, verified: false })) };
  };
  if (free || Math.abs(diff) > 3) return [atEnd()];
  const runs: number[] = [];
  for (let i = 0; i < line.length; i++) if (line[i] === '<' && (i === 0 || line[i - 1] !== '<')) runs.push(i);
  const results = new Map<string, LengthCandidate>();
  const end = atEnd();
  results.set(end.lines[0]!, end);
  const step = (text: string, remaining: number, fixes: MrzCorrection[]): void => {
    if (remaining === 0) {
      if (!results.has(text)) results.set(text, { lines: [text], corrections: fixes });
      return;
    }
    const starts: number[] = [];
    for (let i = 0; i < text.length; i++) if (text[i] === '<' && (i === 0 || text[i - 1] !== '<')) starts.push(i);
    for (const s of starts) {
      if (diff > 0) step(text.slice(0, s) + '<' + text.slice(s), remaining - 1, [...fixes, { line: index + 1, column: s + 1, from: '', to: '<', field: 'line', reason: 'line-length', verified: false }]);
      else step(text.slice(0, s) + text.slice(s + 1), remaining - 1, [...fixes, { line: index + 1, column: s + 1, from: '<', to: '', field: 'line', reason: 'line-length', verified: false }]);
    }
  };
  if (runs.length > 0) step(line, Math.abs(diff), []);
  return [...results.values()];
}

/** Upper bound on line-length combinations tried (each is a full repair); beyond it, pad/trim at line ends. */
const LENGTH_CANDIDATE_LIMIT = 48;

/** Every combination of per-line length repairs (bounded); the first keeps all repairs at line ends. */
export function lengthCandidates(lines: readonly string[], width: number): LengthCandidate[] {
  let perLine = lines.map((line, index) => lineVariants(line, width, index, isFreeTextLine(lines.length, index, lines[0] ?? '')));
  if (perLine.reduce((n, v) => n * v.length, 1) > LENGTH_CANDIDATE_LIMIT) perLine = perLine.map((v) => [v[0]!]);
  let acc: LengthCandidate[] = [{ lines: [], corrections: [] }];
  for (const variants of perLine) {
    const next: LengthCandidate[] = [];
    for (const a of acc) for (const v of variants) next.push({ lines: [...a.lines, ...v.lines], corrections: [...a.corrections, ...v.corrections] });
    acc = next;
  }
  return acc;
}

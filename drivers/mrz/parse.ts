/**
 * parseMrz: normalise → (lenient: length and character repair) → dispatch → interpret. Never throws: any
 * input that is not an MRZ returns `ok: false` with a reason (docs/mrz-formats.md §4 last row: "never throw").
 */
import { dispatch, intendedWidth, normaliseInput, trimReaderPadding } from './dispatch.ts';
import { isGbkLetters } from './gbk-name.ts';
import { interpret } from './interpret.ts';
import type { Layout } from './layout.ts';
import { isFreeTextLine, lengthCandidates, repairCharacters, SEARCH_LIMIT, type SearchBudget } from './lenient.ts';
import type { MrzCorrection, MrzError, MrzParseOptions, MrzResult, MrzWarning } from './types.ts';

export function failure(error: MrzError, lines: readonly string[] = []): MrzResult {
  return {
    ok: false,
    error,
    format: null,
    documentKind: null,
    documentCode: null,
    issuer: null,
    documentNumber: null,
    nationality: null,
    birthDate: null,
    sex: null,
    expiryDate: null,
    expired: null,
    surname: null,
    givenNames: null,
    optionalData: null,
    optionalData2: null,
    nameChinese: null,
    nameChineseOmitted: null,
    nameMayBeTruncated: false,
    namesVerified: false,
    valid: false,
    checks: [],
    corrections: [],
    ambiguous: false,
    warnings: [],
    layoutVerified: false,
    lines: [...lines],
    fields: {},
  };
}

function layoutFn(layout: Layout): (lines: readonly string[]) => Layout {
  // Only TD1, TD2 and the permits depend on the characters (long numbers, check-digit presence).
  return (lines) => {
    const d = dispatch(lines);
    return d.ok && d.layout.format === layout.format ? d.layout : layout;
  };
}

/**
 * Checks whose covered characters are never searched: all of them where the layout is not verified (a "check
 * digit" at an assumed position proves nothing, §3.7), and a PRC passport's personal number, which is a GBK
 * name code (§3.2).
 */
function frozenChecks(layout: Layout, lines: readonly string[]): Set<string> {
  if (!layout.layoutVerified) return new Set(layout.checks.map((c) => c.field));
  if (layout.format !== 'TD3') return new Set();
  const l1 = lines[0] ?? '';
  const pn = (lines[1] ?? '').slice(28, 40);
  return l1.slice(2, 5) === 'CHN' && isGbkLetters(pn) ? new Set(['optionalData']) : new Set();
}

interface LenientOutcome {
  readonly lines: string[];
  readonly layout: Layout;
  readonly documentCode?: string;
  readonly corrections: MrzCorrection[];
  readonly ambiguous: boolean;
  readonly warnings: MrzWarning[];
  readonly valid: boolean;
}

function lenientOnce(lines: string[], now: Date, extra: MrzCorrection[], needValid: boolean, budget: SearchBudget): LenientOutcome | MrzError {
  const first = dispatch(lines);
  if (!first.ok) return first.error;
  const corrections = [...extra];
  let working = lines;
  let documentCode = first.documentCode;
  // §3.3: OCR reads CS as C5/C$/C8: the code is not check-digit-covered, so the fix is unverified.
  if (documentCode !== undefined && working[0]!.slice(0, 2) !== documentCode) {
    corrections.push({ line: 1, column: 2, from: working[0]![1]!, to: documentCode[1]!, field: 'documentCode', reason: 'document-code', verified: false });
    working = [documentCode + working[0]!.slice(2), ...working.slice(1)];
  }
  const repair = repairCharacters(working, layoutFn(first.layout), frozenChecks(first.layout, working), budget);
  let layout = first.layout;
  if (repair.corrections.length > 0) {
    const d = dispatch(repair.lines);
    if (d.ok && d.layout.format === first.layout.format) layout = d.layout;
  }
  const warnings: MrzWarning[] = repair.exhausted ? [{ code: 'repair-search-exhausted', message: 'too many repair candidates; no check-digit repair applied' }] : [];
  // Only the line-length search compares candidates by validity; the direct path interprets once, later.
  const valid = needValid && interpret(layout, repair.lines, { now, corrections: [], ambiguous: repair.ambiguous, warnings: [] }).valid;
  return { lines: repair.lines, layout, corrections: [...corrections, ...repair.corrections], ambiguous: repair.ambiguous, warnings, valid, ...(documentCode !== undefined ? { documentCode } : {}) };
}

function parseLenient(lines: string[], now: Date): MrzResult {
  let outcome: LenientOutcome | MrzError;
  const budget: SearchBudget = { left: SEARCH_LIMIT };
  const width = intendedWidth(lines);
  if (width !== null && lines.some((l) => l.length !== width)) {
    // §9 rule 3: normalise line lengths where filler runs were lost; the check digits pick the variant.
    const candidates = lengthCandidates(lines, width);
    const outcomes = candidates.map((c) => lenientOnce(c.lines, now, c.corrections, true, budget));
    const valid = outcomes.filter((o): o is LenientOutcome => !('code' in o) && o.valid && !o.ambiguous);
    const distinct = new Map(valid.map((o) => [o.lines.join('\n'), o]));
    if (distinct.size === 1) {
      // The check digits chose this filler placement; placements on name lines stay unverified.
      const chosen = [...distinct.values()][0]!;
      const corrections = chosen.corrections.map((c) => (c.reason === 'line-length' && !isFreeTextLine(lines.length, c.line - 1, chosen.lines[0] ?? '') ? { ...c, verified: true } : c));
      outcome = { ...chosen, corrections };
    }
    else {
      outcome = outcomes[0]!;
      if (distinct.size > 1 && !('code' in outcome)) outcome = { ...outcome, ambiguous: true };
    }
  } else {
    outcome = lenientOnce(lines, now, [], false, budget);
  }
  if ('code' in outcome) return failure(outcome, lines);
  return interpret(outcome.layout, outcome.lines, {
    now,
    corrections: outcome.corrections,
    ambiguous: outcome.ambiguous,
    warnings: outcome.warnings,
    ...(outcome.documentCode !== undefined ? { documentCode: outcome.documentCode } : {}),
  });
}

function parseStrict(lines: string[], now: Date): MrzResult {
  const d = dispatch(lines);
  if (!d.ok) return failure(d.error, lines);
  const warnings: MrzWarning[] = [];
  if (d.documentCode !== undefined && lines[0]!.slice(0, 2) !== d.documentCode) {
    warnings.push({ code: 'document-code-confusion', message: `document code ${lines[0]!.slice(0, 2)} read as ${d.documentCode} (OCR confusion, §3.3)`, field: 'documentCode' });
  }
  return interpret(d.layout, lines, { now, corrections: [], ambiguous: false, warnings, ...(d.documentCode !== undefined ? { documentCode: d.documentCode } : {}) });
}

export function parseMrz(input: string | readonly string[], options: MrzParseOptions = {}): MrzResult {
  try {
    const norm = normaliseInput(input);
    if (!norm.ok) return failure(norm.error);
    const now = options.now instanceof Date && !Number.isNaN(options.now.getTime()) ? options.now : new Date();
    const trimmed = trimReaderPadding(norm.lines);
    const lines = trimmed ?? norm.lines;
    const result = options.mode === 'lenient' ? parseLenient(lines, now) : parseStrict(lines, now);
    if (trimmed === null || !result.ok) return result;
    return { ...result, warnings: [...result.warnings, { code: 'reader-padding-removed', message: "reader padding '_' beyond the document width was removed (§4)" }] };
  } catch (err) {
    // A bug, not an input problem; the contract still says "never throws".
    return failure({ code: 'invalid-input', message: `internal error: ${err instanceof Error ? err.message : String(err)}` });
  }
}

/**
 * Some fields no check digit covers still hold one of a closed list of values: issuing state and nationality
 * (docs/mrz-formats.md §1.6) and the document code's first character per format (§1.7: `P` passports, `V` visas,
 * `A`/`C`/`I` TD1 and TD2, `C` the Chinese permits). When the cells spell a value off the list, the cheapest
 * listed value by the classifier's own scores is taken instead — and marked uncertain, so the traveller still
 * confirms it: a list tells which values are possible, never which one this document holds. Non-conforming
 * documents exist (Estonian `RP`, §1.7), which is why an unlisted reading far from every listed value stays.
 */
import { readableStateFields } from '../mrz/states.ts';
import type { MrzResult } from '../mrz/index.ts';
import type { ClassifiedCells } from './cell-classifier.ts';

/** A listed value may cost at most this much glyph evidence (sum over its cells of best − its score). */
export const MAX_LISTED_LOSS = 0.2;

/** Confidence given to a cell changed by a list: below what an uncovered field needs (field-confidence.ts). */
const LISTED_CONFIDENCE = 0.5;

/**
 * First letters by the MRZ's shape, not its parsed format: the first letter is what tells a passport from a
 * visa of the same shape (2 × 44: TD3 or MRV-A; 2 × 36: TD2 or MRV-B), so a misread one must be chosen among
 * both formats' letters.
 */
const DOCUMENT_CODE_FIRST: Readonly<Record<string, string>> = { '2x44': 'PV', '2x36': 'ACIV', '3x30': 'ACI', '1x30': 'C' };

/** The values a field may hold in this layout, or undefined when the field is free. */
function listFor(name: string, lines: readonly string[], current: string): readonly string[] | undefined {
  if (name === 'issuer' || name === 'nationality') return current.length === 3 ? readableStateFields() : undefined;
  if (name === 'documentCode' && current.length === 2) {
    const first = DOCUMENT_CODE_FIRST[`${lines.length}x${lines[0]?.length ?? 0}`];
    return first ? [...first].map((c) => c + current[1]) : undefined;
  }
  return undefined;
}

export function preferListedValues(cells: ClassifiedCells, layout: MrzResult, maxLoss = MAX_LISTED_LOSS): { cells: ClassifiedCells; replaced: [number, number, string, string][] } {
  const lines = [...cells.lines];
  const confidence = cells.confidence.map((r) => [...r]);
  const replaced: [number, number, string, string][] = [];
  for (const name of ['documentCode', 'issuer', 'nationality']) {
    const f = layout.fields[name];
    if (!f) continue;
    const li = f.line - 1;
    const current = (lines[li] ?? '').slice(f.start - 1, f.end);
    const list = listFor(name, lines, current);
    if (!list || list.includes(current)) continue;
    let best: { value: string; loss: number } | undefined;
    for (const value of list) {
      let loss = 0;
      for (let k = 0; k < value.length && loss <= maxLoss; k++) {
        if (value[k] === current[k]) continue;
        const cand = cells.candidates[li]?.[f.start - 1 + k];
        const j = cand ? cand.chars.indexOf(value[k]!) : -1;
        const i = cand ? cand.chars.indexOf(current[k]!) : -1;
        loss += j < 0 || i < 0 ? Infinity : cand!.scores[i]! - cand!.scores[j]!;
      }
      if (loss <= maxLoss && (!best || loss < best.loss)) best = { value, loss };
    }
    if (!best) continue;
    const chars = [...lines[li]!];
    for (let k = 0; k < best.value.length; k++) {
      const col = f.start - 1 + k;
      if (chars[col] === best.value[k]) continue;
      replaced.push([li, col, chars[col]!, best.value[k]!]);
      chars[col] = best.value[k]!;
      confidence[li]![col] = Math.min(confidence[li]![col] ?? 0, LISTED_CONFIDENCE);
    }
    lines[li] = chars.join('');
  }
  return { cells: { ...cells, lines, confidence }, replaced };
}

/**
 * Issuing state and nationality hold one of a closed list of codes (mrz-formats.md §1.6) that no check digit
 * covers. When the cells spell a code that does not exist, the cheapest existing code by the classifier's own
 * scores is taken instead — and marked uncertain, so the traveller still confirms it: a list tells which codes
 * are possible, never which one this document holds.
 */
import { readableStateFields } from '../mrz/states.ts';
import type { MrzResult } from '../mrz/index.ts';
import type { ClassifiedCells } from './cell-classifier.ts';

/** A replacement code may cost at most this much glyph evidence (sum over its cells of best − its score). */
export const MAX_STATE_LOSS = 0.2;

/** Confidence given to a cell changed by the list: below what an uncovered field needs (field-confidence.ts). */
const LISTED_CONFIDENCE = 0.5;

const STATE_FIELDS = ['issuer', 'nationality'] as const;

export function preferKnownStates(cells: ClassifiedCells, layout: MrzResult, maxLoss = MAX_STATE_LOSS): { cells: ClassifiedCells; replaced: [number, number, string, string][] } {
  const codes = readableStateFields();
  const known = new Set(codes);
  const lines = [...cells.lines];
  const confidence = cells.confidence.map((r) => [...r]);
  const replaced: [number, number, string, string][] = [];
  for (const name of STATE_FIELDS) {
    const f = layout.fields[name];
    if (!f || f.end - f.start !== 2) continue;
    const li = f.line - 1;
    const current = (lines[li] ?? '').slice(f.start - 1, f.end);
    if (current.length !== 3 || known.has(current)) continue;
    let best: { code: string; loss: number } | undefined;
    for (const code of codes) {
      let loss = 0;
      for (let k = 0; k < 3 && loss <= maxLoss; k++) {
        const cand = cells.candidates[li]?.[f.start - 1 + k];
        const j = cand ? cand.chars.indexOf(code[k]!) : -1;
        const i = cand ? cand.chars.indexOf(current[k]!) : -1;
        loss += j < 0 || i < 0 ? Infinity : cand!.scores[i]! - cand!.scores[j]!;
      }
      if (loss <= maxLoss && (!best || loss < best.loss)) best = { code, loss };
    }
    if (!best) continue;
    const chars = [...lines[li]!];
    for (let k = 0; k < 3; k++) {
      const col = f.start - 1 + k;
      if (chars[col] === best.code[k]) continue;
      replaced.push([li, col, chars[col]!, best.code[k]!]);
      chars[col] = best.code[k]!;
      confidence[li]![col] = Math.min(confidence[li]![col] ?? 0, LISTED_CONFIDENCE);
    }
    lines[li] = chars.join('');
  }
  return { cells: { ...cells, lines, confidence }, replaced };
}

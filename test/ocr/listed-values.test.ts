import { describe, expect, it } from 'vitest';
import { parseMrz } from '../../drivers/mrz/index.ts';
import type { CellCandidates, ClassifiedCells } from '../../drivers/ocr/cell-classifier.ts';
import { preferListedValues } from '../../drivers/ocr/listed-values.ts';

const NOW = new Date('2026-06-01');
// docs/mrz-formats.md §5 ICAO specimens.
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const MRVA = ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L8988901C4XXX4009078F96121096ZE184226B<<<<<<'];

/** Cells reading `lines`, every cell certain of its character except the overrides (line, col → ranking). */
function cells(lines: readonly string[], overrides: Record<string, CellCandidates> = {}): ClassifiedCells {
  return {
    lines: [...lines],
    confidence: lines.map((l) => Array.from(l, () => 1)),
    replaced: [],
    candidates: lines.map((l, li) => Array.from(l, (c, i) => overrides[`${li}:${i}`] ?? { chars: c, scores: [0.95], raw: [0.95] })),
  };
}
const rank = (pairs: [string, number][]): CellCandidates => ({ chars: pairs.map(([c]) => c).join(''), scores: pairs.map(([, s]) => s), raw: pairs.map(([, s]) => s) });

describe('closed-list fields', () => {
  it('turns an issuing state that does not exist into the cheapest listed one, and leaves it for the traveller to confirm', () => {
    const misread = ['P<UT0ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', TD3[1]!];
    const layout = parseMrz(misread, { mode: 'lenient', now: NOW });
    const out = preferListedValues(cells(misread, { '0:4': rank([['0', 0.9], ['O', 0.86]]) }), layout);
    expect(out.cells.lines[0]!.slice(2, 5)).toBe('UTO');
    expect(out.replaced).toEqual([[0, 4, '0', 'O']]);
    expect(out.cells.confidence[0]![4]).toBeLessThanOrEqual(0.5);
  });

  it('keeps an unlisted code when every listed one would cost the glyphs too much', () => {
    const misread = ['P<QQQERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', TD3[1]!];
    const layout = parseMrz(misread, { mode: 'lenient', now: NOW });
    const out = preferListedValues(cells(misread), layout);
    expect(out.cells.lines).toEqual(misread);
    expect(out.replaced).toEqual([]);
  });

  it('leaves a listed code alone, even when another listed code is close', () => {
    const layout = parseMrz(TD3, { mode: 'lenient', now: NOW });
    const out = preferListedValues(cells(TD3, { '1:12': rank([['O', 0.9], ['Q', 0.89]]) }), layout);
    expect(out.cells.lines).toEqual(TD3);
  });

  it('chooses between passport and visa by the glyph when the first letter is neither (W read for V)', () => {
    const misread = ['W' + MRVA[0]!.slice(1), MRVA[1]!];
    const layout = parseMrz(misread, { mode: 'lenient', now: NOW });
    const out = preferListedValues(cells(misread, { '0:0': rank([['W', 0.8], ['V', 0.74], ['P', 0.5]]) }), layout);
    expect(out.cells.lines[0]![0]).toBe('V');
    expect(out.cells.confidence[0]![0]).toBeLessThanOrEqual(0.5);
    expect(parseMrz(out.cells.lines, { mode: 'lenient', now: NOW }).format).toBe('MRVA');
  });
});

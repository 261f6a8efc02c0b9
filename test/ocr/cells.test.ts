import { describe, expect, it } from 'vitest';
import { assignCells, fillFillerGaps, type RecognisedSymbol } from '../../drivers/ocr/cells.ts';

const PITCH = 30;
const LEFT = 100;
/** Glyphs of `text` at fixed pitch (glyph 0.7 pitch wide), skipping indexes in `drop`, on a line at y 10–50. */
function glyphs(text: string, drop: readonly number[] = [], conf = 0.9): RecognisedSymbol[] {
  return [...text].flatMap((ch, i) => (drop.includes(i) ? [] : [{ text: ch, confidence: conf, x0: LEFT + i * PITCH, x1: LEFT + i * PITCH + 21, y0: 10, y1: 50 }]));
}
const span = (n: number) => ({ top: 0, bottom: 60, inkLeft: LEFT, inkRight: LEFT + (n - 1) * PITCH + 21 });

describe('fixed-pitch cell placement', () => {
  const line = 'CSC562635500<3302071<5012181<2';

  it('puts every glyph in its cell', () => {
    expect(assignCells(glyphs(line), [span(30)], 30).lines).toEqual([line]);
  });

  it('keeps later glyphs in place when the recogniser drops one (no shift)', () => {
    const read = assignCells(glyphs(line, [12]), [span(30)], 30);
    expect(read.lines[0]).toBe(`${line.slice(0, 12)}?${line.slice(13)}`);
    expect(read.confidence[0]![12]).toBe(0);
    expect(read.confidence[0]![13]).toBe(0.9);
  });

  it('ignores a smudge read past the last cell and junk that is not an MRZ character', () => {
    const extra: RecognisedSymbol[] = [
      { text: 'S', confidence: 0.5, x0: LEFT + 31 * PITCH, x1: LEFT + 31 * PITCH + 20, y0: 10, y1: 50 },
      { text: '»', confidence: 0.9, x0: LEFT + 3 * PITCH, x1: LEFT + 3 * PITCH + 20, y0: 10, y1: 50 },
    ];
    expect(assignCells([...glyphs(line), ...extra], [{ ...span(30), inkRight: LEFT + 31 * PITCH + 20 }], 30).lines).toEqual([line]);
  });

  it('keeps the more confident of two glyphs read in one cell', () => {
    const twice = [...glyphs(line), { text: 'O', confidence: 0.4, x0: LEFT + 3 * PITCH + 2, x1: LEFT + 3 * PITCH + 22, y0: 10, y1: 50 }];
    expect(assignCells(twice, [span(30)], 30).lines[0]![3]).toBe('5');
  });

  it('splits glyphs between lines by their vertical position', () => {
    const second = glyphs('0'.repeat(30)).map((g) => ({ ...g, y0: 80, y1: 120 }));
    const read = assignCells([...glyphs(line), ...second], [span(30), { ...span(30), top: 70, bottom: 130 }], 30);
    expect(read.lines).toEqual([line, '0'.repeat(30)]);
  });

  it('fills an unread cell inside a filler run with a low-confidence filler, and nothing else', () => {
    const text = 'P<UTOERIKSSON<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<';
    const read = fillFillerGaps(assignCells(glyphs(text, [30, 3]), [span(44)], 44));
    expect(read.lines[0]).toBe(`${text.slice(0, 3)}?${text.slice(4)}`);
    expect(read.confidence[0]![30]).toBe(0.5);
  });
});

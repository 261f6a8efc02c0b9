import { beforeAll, describe, expect, it } from 'vitest';
import { allowedIn, constrainCells, scoreCells, type CellClass, type ClassifiedCells } from '../../drivers/ocr/cell-classifier.ts';
import { renderTemplateBank, type TemplateBank } from '../../drivers/ocr/cell-scores.ts';
import { composeLines, TARGET_INK_HEIGHT } from '../../drivers/ocr/normalise-line.ts';
import { renderStrip } from './support/strip.ts';

let bank: TemplateBank;
beforeAll(async () => {
  bank = await renderTemplateBank(TARGET_INK_HEIGHT / 2);
});

/** A one-line composed page of `truth` and a recogniser's reading `read` of it (confidence `conf` each). */
async function page(truth: string, read: string, conf = 0.9) {
  const { strip, centres } = await renderStrip(truth);
  const composed = composeLines([strip]);
  const top = composed.spans[0]!.top;
  expect(top).toBeGreaterThan(0);
  return { composed, cells: { lines: [read], confidence: [Array.from(read, (c) => (c === '?' ? 0 : conf))], centres: [centres] } };
}

describe('cell classes', () => {
  it('lets a date hold digits (and the filler), a name letters, sex only F, M, < or X', () => {
    expect(allowedIn('digit', '7')).toBe(true);
    expect(allowedIn('digit', 'O')).toBe(false);
    expect(allowedIn('alpha', '0')).toBe(false);
    expect([...'FMX<B'].map((c) => allowedIn('sex', c))).toEqual([true, true, true, true, false]);
    expect(allowedIn(undefined, 'Q')).toBe(true);
  });
});

describe('template classifier over the recogniser reading', () => {
  it('overrules the recogniser where the glyph says otherwise, and reports each change', async () => {
    const truth = 'L898902C36UTO7408122F1204159';
    const misread = 'L8989O2C36UT07408I22F12O4159';
    const { composed, cells } = await page(truth, misread, 0.7);
    const out = constrainCells(scoreCells(composed.image, composed.spans, cells, bank));
    expect(out.lines[0]).toBe(truth);
    expect(out.replaced.map(([, i, from, to]) => `${i}:${from}>${to}`)).toEqual(['5:O>0', '12:0>O', '17:I>1', '23:O>0']);
  });

  it('reads an unread cell (?) from the glyph alone', async () => {
    const { composed, cells } = await page('P<UTOERIKSSON', 'P<UTOER?KSSON');
    expect(constrainCells(scoreCells(composed.image, composed.spans, cells, bank)).lines[0]).toBe('P<UTOERIKSSON');
  });

  it('never puts a character the field forbids in a cell, whatever the glyph', async () => {
    const { composed, cells } = await page('7408122F', '7408122F');
    const row: CellClass[] = ['digit', 'digit', 'digit', 'digit', 'digit', 'digit', 'digit', 'alpha'];
    const classes = [row];
    // The same glyphs with the classes swapped: digits where letters must go, and the reverse.
    const swapped = constrainCells(scoreCells(composed.image, composed.spans, cells, bank), [row.map((c): CellClass => (c === 'digit' ? 'alpha' : 'digit'))]);
    expect([...swapped.lines[0]!.slice(0, 7)].every((c) => /[A-Z<]/.test(c))).toBe(true);
    expect(/[0-9<]/.test(swapped.lines[0]![7]!)).toBe(true);
    expect(constrainCells(scoreCells(composed.image, composed.spans, cells, bank), classes).lines[0]).toBe('7408122F');
  });

  it('gives a cell the recogniser carried against the templates no confidence beyond a coin toss', () => {
    // Templates alone prefer O (0.90 vs 0.88); the recogniser's vote for 0 lifts it to 0.93.
    const scored: ClassifiedCells = {
      lines: ['0'],
      confidence: [[0.9]],
      replaced: [],
      candidates: [[{ chars: '0O', scores: [0.93, 0.9], raw: [0.88, 0.9] }]],
    };
    const out = constrainCells(scored);
    expect(out.lines[0]).toBe('0');
    expect(out.confidence[0]![0]).toBe(0.5);
  });

  it('takes confidence from the smaller of the two leads when the templates agree with the vote', () => {
    const scored: ClassifiedCells = {
      lines: ['M'],
      confidence: [[0.9]],
      replaced: [],
      candidates: [[{ chars: 'MH', scores: [0.95, 0.9], raw: [0.9, 0.9 - 0.12] }]],
    };
    // Vote lead 0.05, template lead 0.12: 0.05 counts → 0.5 + 0.5 · 0.05 / 0.12.
    expect(constrainCells(scored).confidence[0]![0]).toBeCloseTo(0.5 + 0.25 / 1.2, 5);
  });
});

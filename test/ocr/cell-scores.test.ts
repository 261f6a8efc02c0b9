import { beforeAll, describe, expect, it } from 'vitest';
import { assertFontInstalled, DEFAULT_BLURS, DEFAULT_FACTORS, DEFAULT_WEIGHTS, fitLine, gaussianBlur, MRZ_ALPHABET, refineGrid, renderTemplateBank, scoreCell, type TemplateBank } from '../../drivers/ocr/cell-scores.ts';
import { downscale } from '../../drivers/ocr/raster.ts';
import { TARGET_INK_HEIGHT } from '../../drivers/ocr/normalise-line.ts';
import { PITCH, renderStrip } from './support/strip.ts';

let bank: TemplateBank;
beforeAll(async () => {
  bank = await renderTemplateBank(TARGET_INK_HEIGHT / 2);
});

const plain = () => bank.variants.findIndex((v) => v.factor === 1 && v.blur === 0 && v.weight === 0);
const best = (scores: Float32Array) => MRZ_ALPHABET[scores.indexOf(Math.max(...scores))];

describe('OCR-B template bank', () => {
  it('holds every scale, blur and stroke weight, each glyph zero-mean and unit-norm, plus a half-size set for the grid search', () => {
    expect(bank.variants).toHaveLength(DEFAULT_FACTORS.length * DEFAULT_BLURS.length * DEFAULT_WEIGHTS.length);
    expect(bank.coarse.variants).toHaveLength(bank.variants.length);
    for (const g of bank.variants[4]!.glyphs) {
      expect(g.reduce((a, v) => a + v, 0)).toBeCloseTo(0, 3);
      expect(g.reduce((a, v) => a + v * v, 0)).toBeCloseTo(1, 3);
    }
    expect(bank.coarse.width).toBeLessThan(bank.width);
  });

  it('blurs without losing ink', () => {
    const px = new Float32Array(15 * 15);
    px[7 * 15 + 7] = 100;
    const out = gaussianBlur(px, 15, 15, 1);
    expect(out.reduce((a, v) => a + v, 0)).toBeCloseTo(100, 3);
    expect(out[7 * 15 + 7]).toBeCloseTo(100 * 0.399 ** 2, 0);
    expect(out[7 * 15 + 8]).toBeGreaterThan(5);
  });
});

describe('cell scoring', () => {
  it('ranks the printed character first in every cell, look-alikes included (O/0, 8/B, 5/S, M/H)', async () => {
    const text = 'O0Q8B5SMHNV<W1I';
    const { strip, centres } = await renderStrip(text);
    const half = downscale(strip.image, 0.5);
    const fit = fitLine(half, [...'MHV1I'].map((ch) => ({ ch, cx: centres[text.indexOf(ch)]! / 2 })), strip.image.height / 4, bank);
    const read = [...text].map((_, i) => best(scoreCell(half, centres[i]! / 2, fit.cy, bank, fit.variant)));
    expect(read.join('')).toBe(text);
  });

  it('still ranks them first on a soft strip with the blurred templates the line fit picks', async () => {
    const text = 'O0D8B2ZMH';
    const { strip, centres } = await renderStrip(text, { blur: 3 });
    const half = downscale(strip.image, 0.5);
    const fit = fitLine(half, [...'MHZ2'].map((ch) => ({ ch, cx: centres[text.indexOf(ch)]! / 2 })), strip.image.height / 4, bank);
    expect(bank.variants[fit.variant]!.blur).toBeGreaterThan(0);
    const read = [...text].map((_, i) => best(scoreCell(half, centres[i]! / 2, fit.cy, bank, fit.variant)));
    expect(read.join('')).toBe(text);
  });

  it('scores a blank window −1 for every character', () => {
    const blank = { data: new Uint8Array(200 * 60).fill(255), width: 200, height: 60 };
    expect([...scoreCell(blank, 100, 30, bank, plain())].every((s) => s === -1)).toBe(true);
  });
});

describe('grid refinement', () => {
  it('recovers the fixed pitch from a grid that drifts by more than half a cell over the line', async () => {
    const text = 'I<UTOD231458907<<<<<<<<<<<<<<<';
    const { strip, centres } = await renderStrip(text);
    const quarter = downscale(downscale(strip.image, 0.5), 0.5);
    // A recogniser's grid 2 % short in pitch: the last cells sit more than half a cell off.
    const drifted = centres.map((c, i) => (centres[0]! + i * PITCH * 0.98) / 4);
    expect(Math.abs(drifted[29]! * 4 - centres[29]!)).toBeGreaterThan(PITCH / 2);
    const fit = refineGrid(quarter, drifted, strip.image.height / 8, bank.coarse, plain(), Math.round(0.225 * PITCH / 2));
    fit.centres.forEach((c, i) => expect(Math.abs(c * 4 - centres[i]!)).toBeLessThan(PITCH * 0.15));
    expect(fit.support).toBeGreaterThan(20);
  });

  it('keeps the given grid when too few cells match anything', () => {
    const blank = { data: new Uint8Array(400 * 30).fill(255), width: 400, height: 30 };
    const given = Array.from({ length: 30 }, (_, i) => 10 + i * 12);
    expect(refineGrid(blank, given, 15, bank.coarse, plain(), 3)).toEqual({ centres: given, support: 0 });
  });
});

describe('font check', () => {
  it('refuses to render templates from a font that is not installed, instead of silently using another', async () => {
    await expect(assertFontInstalled('No Such Font Family')).rejects.toThrow(/not installed/);
    await expect(assertFontInstalled('OCR B')).resolves.toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { composeLines, extractLine, normaliseContrast, toPgm } from '../../drivers/ocr/normalise-line.ts';
import type { GreyImage } from '../../drivers/ocr/raster.ts';

/** A 400×60 strip lit from dark (left) to bright (right) with dark bars ("glyphs") every 20 px. */
function unevenStrip(): GreyImage {
  const width = 400;
  const height = 60;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const light = 90 + (150 * x) / width;
      const glyph = y > 20 && y < 40 && x % 20 < 8;
      data[y * width + x] = glyph ? light * 0.3 : light;
    }
  }
  return { data, width, height };
}

describe('line normalisation', () => {
  it('flattens uneven light: paper becomes near white and glyphs near black along the whole line', () => {
    const out = normaliseContrast(unevenStrip());
    for (const x of [22, 202, 382]) {
      expect(out.data[10 * out.width + x]!).toBeGreaterThan(200); // paper
      expect(out.data[30 * out.width + x - 20 + 2]!).toBeLessThan(60); // glyph
    }
  });

  it('resamples a skewed line upright at the target glyph height and blanks neighbouring lines', () => {
    // Source: a 1-px-high dark line at 5° through (50, 100) plus a parallel one 30 px below.
    const width = 600;
    const height = 300;
    const data = new Uint8Array(width * height).fill(230);
    const a = (5 * Math.PI) / 180;
    for (let t = 0; t < 400; t++) {
      for (let h = -6; h <= 6; h++) {
        for (const off of [0, 30]) {
          const x = Math.round(50 + t * Math.cos(a) - (h + off) * Math.sin(a));
          const y = Math.round(100 + t * Math.sin(a) + (h + off) * Math.cos(a));
          if (t % 14 < 9 && Math.abs(h) <= 6) data[y * width + x] = 20;
        }
      }
    }
    const strip = extractLine({ data, width, height }, { x: 50, y: 100, length: 400, height: 13, blobs: 28 }, a, 40);
    expect(strip.image.height).toBe(80);
    expect(strip.inkRight - strip.inkLeft).toBeCloseTo((400 * 40) / 13, 0);
    const row = (y: number) => Array.from(strip.image.data.subarray(y * strip.image.width, (y + 1) * strip.image.width));
    // The line's own centre row holds dark glyph pixels; the rows where the neighbour line would be are white.
    expect(Math.min(...row(40))).toBeLessThan(60);
    expect(Math.min(...row(79))).toBe(255);
  });

  it('stacks lines into one page and writes a P5 PGM leptonica can read', () => {
    const s = { image: { data: new Uint8Array(20 * 10).fill(0), width: 20, height: 10 }, inkLeft: 2, inkRight: 18 };
    const c = composeLines([s, s]);
    expect(c.spans).toHaveLength(2);
    expect(c.spans[1]!.top).toBeGreaterThan(c.spans[0]!.bottom);
    const pgm = toPgm(c.image);
    expect(pgm.subarray(0, 3).toString()).toBe('P5\n');
    expect(pgm.length).toBe(`P5\n${c.image.width} ${c.image.height}\n255\n`.length + c.image.width * c.image.height);
  });
});

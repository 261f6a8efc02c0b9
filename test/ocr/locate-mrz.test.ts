import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { generateMrz, seededRng, type MrzFormat } from '../../drivers/mrz/index.ts';
import { renderDocumentImage, type ImageQuality } from '../../drivers/ocr/document-image.ts';
import { chooseWidth, locateMrz } from '../../drivers/ocr/locate-mrz.ts';
import { decodeGrey } from '../../drivers/ocr/read-mrz-image.ts';

async function page(format: MrzFormat, quality: ImageQuality, seed: number) {
  const rng = seededRng(seed);
  const mrz = generateMrz(rng, { format });
  const img = await renderDocumentImage(mrz.lines, { rng, dpi: 150, quality });
  return { mrz, img, grey: await decodeGrey(img.image) };
}

describe('MRZ localisation on whole document pages', () => {
  const cases: [MrzFormat, ImageQuality, number, 1 | 2 | 3, number][] = [
    ['TD3', 'clean', 1, 2, 44],
    ['TD1', 'degraded', 2, 3, 30],
    ['TD2', 'degraded', 3, 2, 36],
    ['CN_EEP_1LINE', 'clean', 4, 1, 30],
  ];
  it.each(cases)('finds the %s zone (%s) with its line count, width and skew', async (format, quality, seed, count, width) => {
    const { img, grey } = await page(format, quality, seed);
    const r = locateMrz(grey);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.location.lines).toHaveLength(count);
    expect(r.location.width).toBe(width);
    // sharp rotates clockwise for a positive angle: the text then descends to the right (our positive angle).
    expect(Math.abs(r.location.angleDeg - img.params.angleDeg)).toBeLessThan(0.6);
    // Lines are ordered top to bottom and evenly spaced.
    const ys = r.location.lines.map((l) => l.y);
    for (let i = 1; i < ys.length; i++) expect(ys[i]!).toBeGreaterThan(ys[i - 1]!);
  });

  it('reports no-text for a blank frame and no-mrz for a page without a machine-readable zone', async () => {
    const blank = await decodeGrey(await sharp({ create: { width: 400, height: 300, channels: 3, background: '#808080' } }).png().toBuffer());
    expect(locateMrz(blank)).toMatchObject({ ok: false, reason: 'no-text' });
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><rect width="600" height="400" fill="#fff"/><text x="40" y="100" font-family="DejaVu Sans" font-size="28">Hotel registration form</text><rect x="40" y="160" width="200" height="160" fill="#999"/></svg>`;
    const noMrz = await decodeGrey(await sharp(Buffer.from(svg)).png().toBuffer());
    expect(locateMrz(noMrz)).toMatchObject({ ok: false, reason: 'no-mrz' });
  });

  it('tells 36- from 44-character two-line zones by glyph count and pitch', () => {
    expect(chooseWidth(2, 44 * 30, 33, 44)).toBe(44);
    expect(chooseWidth(2, 36 * 30, 33, 30)).toBe(36);
    expect(chooseWidth(3, 30 * 30, 33, 30)).toBe(30);
    expect(chooseWidth(1, 30 * 30, 33, 30)).toBe(30);
  });
});

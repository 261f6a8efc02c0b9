/**
 * A synthetic normalised MRZ strip: `text` in OCR-B at the pipeline's glyph height (TARGET_INK_HEIGHT) on a fixed
 * pitch, as normalise-line.ts would hand it over, plus the cell centres a recogniser would have found.
 */
import sharp from 'sharp';
import type { LineStrip } from '../../../drivers/ocr/normalise-line.ts';
import { TARGET_INK_HEIGHT } from '../../../drivers/ocr/normalise-line.ts';
import { gaussianBlur } from '../../../drivers/ocr/cell-scores.ts';

/** Pitch as the bench's documents print it: 2.54 mm per cell for glyphs about 2.4 mm tall. */
export const PITCH = Math.round(TARGET_INK_HEIGHT * 1.08);
const PAD = TARGET_INK_HEIGHT;

export async function renderStrip(text: string, options: { blur?: number } = {}): Promise<{ strip: LineStrip; centres: number[] }> {
  const width = PAD * 2 + text.length * PITCH;
  const height = TARGET_INK_HEIGHT * 2;
  const size = TARGET_INK_HEIGHT / 0.8;
  const baseline = height / 2 + TARGET_INK_HEIGHT / 2;
  const centres = [...text].map((_, i) => PAD + (i + 0.5) * PITCH);
  const texts = [...text].map((ch, i) => `<text x="${centres[i]}" y="${baseline}" text-anchor="middle" font-family="OCR B" font-size="${size}">${ch === '<' ? '&lt;' : ch}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#fff"/>${texts}</svg>`;
  const { data } = await sharp(Buffer.from(svg)).greyscale().raw().toBuffer({ resolveWithObject: true });
  let px: ArrayLike<number> = data;
  if (options.blur) px = gaussianBlur(data, width, height, options.blur);
  const image = { data: Uint8Array.from(px, (v) => Math.max(0, Math.min(255, Math.round(v)))), width, height };
  return { strip: { image, inkLeft: PAD + 0.15 * PITCH, inkRight: PAD + (text.length - 0.15) * PITCH }, centres };
}

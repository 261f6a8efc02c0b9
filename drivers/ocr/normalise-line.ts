/**
 * Cuts one MRZ line out of the source image along its measured direction (deskew and scale in one resampling),
 * then flattens uneven light along it so the recogniser sees black glyphs on white at a fixed glyph height.
 */
import { sample, type GreyImage } from './raster.ts';
import type { MrzLineGeometry } from './locate-mrz.ts';

/** Glyph (ink) height in the normalised strip; the legacy classifier was trained on 10–14 pt at 300 dpi. */
export const TARGET_INK_HEIGHT = 40;

export interface LineStrip {
  readonly image: GreyImage;
  /** Ink start and end columns in the strip (the first and last glyph edges). */
  readonly inkLeft: number;
  readonly inkRight: number;
}

export function extractLine(img: GreyImage, line: MrzLineGeometry, angleRad: number, targetInk = TARGET_INK_HEIGHT): LineStrip {
  const k = targetInk / Math.max(1, line.height); // output pixels per source pixel
  const padX = targetInk * 1.0;
  const padY = targetInk * 0.5;
  const width = Math.round(line.length * k + 2 * padX);
  const height = Math.round(targetInk + 2 * padY);
  const c = Math.cos(angleRad);
  const s = Math.sin(angleRad);
  const data = new Uint8Array(width * height);
  for (let v = 0; v < height; v++) {
    const across = (v - height / 2) / k;
    for (let u = 0; u < width; u++) {
      const along = (u - padX) / k;
      const x = line.x + along * c - across * s;
      const y = line.y + along * s + across * c;
      data[v * width + u] = sample(img, x, y);
    }
  }
  const image = normaliseContrast({ data, width, height });
  // Neighbouring MRZ lines are only ~0.7 glyph heights away: blank everything outside this line's band so the
  // recogniser never sees their ascenders and descenders.
  const keep = targetInk * 0.62;
  for (let v = 0; v < height; v++) {
    if (Math.abs(v - height / 2) > keep) image.data.fill(255, v * width, (v + 1) * width);
  }
  return { image, inkLeft: padX, inkRight: padX + line.length * k };
}

/** Value at fraction `p` of a 32-bin histogram (8 grey levels per bin): cheap and plenty for light levels. */
function histPercentile(hist: Uint32Array, total: number, p: number): number {
  const target = p * total;
  let acc = 0;
  for (let b = 0; b < 32; b++) {
    acc += hist[b]!;
    if (acc > target) return b * 8 + 4;
  }
  return 252;
}

/** Maps local ink level to 0 and local paper level to 255, column window by column window. */
export function normaliseContrast(img: GreyImage): GreyImage {
  const { width, height, data } = img;
  const paperCol = new Float64Array(width);
  const inkCol = new Float64Array(width);
  const hist = new Uint32Array(32);
  for (let x = 0; x < width; x++) {
    hist.fill(0);
    for (let y = 0; y < height; y++) hist[data[y * width + x]! >> 3]!++;
    paperCol[x] = histPercentile(hist, height, 0.85);
    inkCol[x] = histPercentile(hist, height, 0.04);
  }
  const win = Math.max(4, Math.round(height * 0.6));
  // Running sums / minima over the window.
  const prefix = new Float64Array(width + 1);
  for (let x = 0; x < width; x++) prefix[x + 1] = prefix[x]! + paperCol[x]!;
  const out = new Uint8Array(width * height);
  for (let x = 0; x < width; x++) {
    const a = Math.max(0, x - win);
    const b = Math.min(width - 1, x + win);
    const paper = (prefix[b + 1]! - prefix[a]!) / (b - a + 1);
    let ink = 255;
    for (let xx = a; xx <= b; xx += 2) ink = Math.min(ink, inkCol[xx]!);
    const range = Math.max(24, paper - ink);
    const k = 255 / range;
    for (let y = 0; y < height; y++) {
      const v = (data[y * width + x]! - ink) * k;
      out[y * width + x] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  return { data: out, width, height };
}

/**
 * Unsharp mask (3 × 3 box) then a contrast curve: a second rendering of the same strip for the retry pass, so
 * the recogniser's own binarisation falls differently on blurred strokes.
 */
export function sharpen(img: GreyImage, amount = 1.2): GreyImage {
  const { width, height, data } = img;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          sum += data[yy * width + xx]!;
          n++;
        }
      }
      const v = data[y * width + x]!;
      const sharp = v + amount * (v - sum / n);
      // Darken mid-greys: blurred thin strokes become solid.
      const t = Math.max(0, Math.min(255, sharp)) / 255;
      out[y * width + x] = Math.round(255 * t * t);
    }
  }
  return { data: out, width, height };
}

export interface ComposedLines {
  readonly image: GreyImage;
  /** Per line: its vertical span and ink extent in the composed image. */
  readonly spans: readonly { readonly top: number; readonly bottom: number; readonly inkLeft: number; readonly inkRight: number }[];
}

/** Stacks strips left-aligned on white with a gap, as one page for a single recogniser call. */
export function composeLines(strips: readonly LineStrip[]): ComposedLines {
  const gap = Math.round(TARGET_INK_HEIGHT * 0.6);
  const width = Math.max(...strips.map((s) => s.image.width));
  const height = strips.reduce((a, s) => a + s.image.height, 0) + gap * (strips.length + 1);
  const data = new Uint8Array(width * height).fill(255);
  const spans: { top: number; bottom: number; inkLeft: number; inkRight: number }[] = [];
  let top = gap;
  for (const s of strips) {
    for (let y = 0; y < s.image.height; y++) data.set(s.image.data.subarray(y * s.image.width, (y + 1) * s.image.width), (top + y) * width);
    spans.push({ top, bottom: top + s.image.height, inkLeft: s.inkLeft, inkRight: s.inkRight });
    top += s.image.height + gap;
  }
  return { image: { data, width, height }, spans };
}

/** Binary PGM (P5): leptonica reads it directly, so no PNG encode sits on the hot path. */
export function toPgm(img: GreyImage): Buffer {
  const header = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'ascii');
  return Buffer.concat([header, Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length)]);
}

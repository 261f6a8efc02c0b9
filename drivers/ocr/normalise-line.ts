/**
 * Cuts one MRZ line out of the source image along its measured direction (deskew and scale in one resampling),
 * then flattens uneven light along it so the recogniser sees black glyphs on white at a fixed glyph height.
 */
import { applyHomography, homographyFromPoints } from './homography.ts';
import { bandQuad, type LineQuad } from './line-geometry.ts';
import { sample, type GreyImage } from './raster.ts';
import type { MrzLineGeometry } from './locate-mrz.ts';

/** Glyph (ink) height in the normalised strip; the legacy classifier was trained on 10–14 pt at 300 dpi. */
export const TARGET_INK_HEIGHT = 40;

export interface LineStrip {
  readonly image: GreyImage;
  /** Share of the line's length where a reflection has washed the glyphs out (see `washedOutShare`). */
  readonly washedOut?: number;
  /** Ink start and end columns in the strip (the first and last glyph edges). */
  readonly inkLeft: number;
  readonly inkRight: number;
}

/** Cuts the line out along the locator's band (one angle, one height): see `extractQuad`. */
export function extractLine(img: GreyImage, line: MrzLineGeometry, angleRad: number, targetInk = TARGET_INK_HEIGHT): LineStrip {
  return extractQuad(img, bandQuad(line, angleRad), targetInk);
}

/**
 * Resamples the line's measured band (line-geometry.ts) into an upright strip: the band's corners go to a
 * rectangle `targetInk` pixels high whose length keeps the glyphs' proportions, with half a glyph height of
 * margin above and below and one at either end. The map is the homography between the two quadrilaterals, so
 * a line seen in perspective comes out with an even pitch.
 */
export function extractQuad(img: GreyImage, quad: LineQuad, targetInk = TARGET_INK_HEIGHT): LineStrip {
  const dist = (p: readonly [number, number], q: readonly [number, number]) => Math.hypot(p[0] - q[0], p[1] - q[1]);
  const inkH = (dist(quad.tl, quad.bl) + dist(quad.tr, quad.br)) / 2;
  const inkW = (dist(quad.tl, quad.tr) + dist(quad.bl, quad.br)) / 2;
  const length = (inkW * targetInk) / Math.max(1, inkH);
  const padX = targetInk * 1.0;
  const padY = targetInk * 0.5;
  const width = Math.round(length + 2 * padX);
  const height = Math.round(targetInk + 2 * padY);
  const toSource = homographyFromPoints(
    [[padX, padY], [padX + length, padY], [padX + length, padY + targetInk], [padX, padY + targetInk]],
    [quad.tl, quad.tr, quad.br, quad.bl],
  );
  const data = new Uint8Array(width * height);
  if (toSource) {
    for (let v = 0; v < height; v++) {
      for (let u = 0; u < width; u++) {
        const [x, y] = applyHomography(toSource, u + 0.5, v + 0.5);
        data[v * width + u] = sample(img, x - 0.5, y - 0.5);
      }
    }
  }
  const raw = { data, width, height };
  const image = normaliseContrast(raw);
  // Neighbouring MRZ lines are only ~0.7 glyph heights away: blank everything outside this line's band so the
  // recogniser never sees their ascenders and descenders.
  const keep = targetInk * 0.62;
  for (let v = 0; v < height; v++) {
    if (Math.abs(v - height / 2) > keep) image.data.fill(255, v * width, (v + 1) * width);
  }
  return { image, inkLeft: padX, inkRight: padX + length, washedOut: washedOutShare(raw, padX, padX + length, targetInk) };
}

/**
 * Share of the line where a reflection washes the print out: the paper near white and the darkest ink within
 * a glyph's width less than 80 grey levels below it (clean print is 150 or more below; a dim photo is dark
 * paper, not this). Measured on the strip as sampled, before its contrast is stretched.
 */
export function washedOutShare(raw: GreyImage, inkLeft: number, inkRight: number, glyph: number): number {
  const { width, height, data } = raw;
  const u0 = Math.max(0, Math.floor(inkLeft));
  const u1 = Math.min(width, Math.ceil(inkRight));
  if (u1 <= u0) return 0;
  const hist = new Uint32Array(32);
  const paper = new Float64Array(width);
  const ink = new Float64Array(width);
  for (let u = u0; u < u1; u++) {
    hist.fill(0);
    for (let v = Math.round(height * 0.25); v < Math.round(height * 0.75); v++) hist[data[v * width + u]! >> 3]!++;
    paper[u] = histPercentile(hist, height / 2, 0.85);
    ink[u] = histPercentile(hist, height / 2, 0.04);
  }
  const reach = Math.round(glyph / 2);
  let washed = 0;
  for (let u = u0; u < u1; u++) {
    let darkest = 255;
    for (let k = Math.max(u0, u - reach); k < Math.min(u1, u + reach); k++) darkest = Math.min(darkest, ink[k]!);
    if (paper[u]! >= 230 && paper[u]! - darkest < 80) washed++;
  }
  return washed / (u1 - u0);
}

/** The same strip turned by 180° (a page upside down), its ink extent with it. */
export function turnStrip(strip: LineStrip): LineStrip {
  const data = Uint8Array.from(strip.image.data).reverse();
  const w = strip.image.width;
  return { image: { data, width: w, height: strip.image.height }, inkLeft: w - strip.inkRight, inkRight: w - strip.inkLeft };
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

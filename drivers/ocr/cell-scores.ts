/**
 * Scores every MRZ cell against OCR-B templates of all 37 MRZ characters (zero-mean normalised
 * cross-correlation). The MRZ is one font at one fixed pitch (docs/mrz-formats.md §2), so once the cell grid is known
 * a template matcher sees exactly what a trained classifier would, and it sees it the same way for every cell:
 * the scores are the evidence the classifier (cell-classifier.ts) and the check-digit repair
 * (single-edit-repair.ts) weigh.
 *
 * Templates come in variants of scale, blur and stroke weight: a 150 dpi camera frame upsampled to the strip's
 * glyph height is much softer than a 300 dpi scan, and a crisp template under-scores every blurred glyph alike,
 * which flattens the margins that tell O from 0. The variant is chosen once per line, from glyphs the
 * recogniser is sure of.
 */
import sharp from 'sharp';
import type { GreyImage } from './raster.ts';
import { fitGrid, fitGridRobust, gridCentres } from './cell-grid.ts';
import { SetupError } from '../setup-error.ts';

export const MRZ_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

export interface TemplateVariant {
  readonly factor: number;
  readonly blur: number;
  /** Extra stroke width (pixels at the matching resolution) around each glyph: ink spread, or contrast
   * stretching that turns a blurred stroke into a thick one. */
  readonly weight: number;
  /** Zero-mean, unit-norm template pixels, indexed like MRZ_ALPHABET. */
  readonly glyphs: readonly Float32Array[];
}

export interface TemplateSet {
  readonly width: number;
  readonly height: number;
  readonly variants: readonly TemplateVariant[];
}

/** Templates at the matching resolution, plus the same variants at half that for the grid search. */
export interface TemplateBank extends TemplateSet {
  readonly coarse: TemplateSet;
}

function normalise(px: ArrayLike<number>): Float32Array {
  let mean = 0;
  for (let i = 0; i < px.length; i++) mean += px[i]!;
  mean /= px.length;
  let norm = 0;
  const out = new Float32Array(px.length);
  for (let i = 0; i < px.length; i++) {
    out[i] = px[i]! - mean;
    norm += out[i]! * out[i]!;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}

/** Separable Gaussian blur with clamped edges (templates are small; no library call needed per variant). */
export function gaussianBlur(px: ArrayLike<number>, width: number, height: number, sigma: number): Float32Array {
  const out = Float32Array.from(px);
  if (sigma <= 0) return out;
  const r = Math.ceil(sigma * 3);
  const k = new Float32Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i]! /= sum;
  const tmp = new Float32Array(out.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let i = -r; i <= r; i++) acc += k[i + r]! * out[y * width + Math.min(width - 1, Math.max(0, x + i))]!;
      tmp[y * width + x] = acc;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let i = -r; i <= r; i++) acc += k[i + r]! * tmp[Math.min(height - 1, Math.max(0, y + i)) * width + x]!;
      out[y * width + x] = acc;
    }
  }
  return out;
}

/**
 * Template scales in 4 % steps: the localiser measures glyph height in whole working pixels (a few per cent
 * off), and O against 0 is mostly a matter of width at the right scale. Blur in pixels at the matching
 * resolution: a 150 dpi frame upsampled to the strip is about σ 1–2 softer than a 300 dpi scan. Stroke weight:
 * the strip's contrast stretch turns a soft stroke into a thick dark one, and printers spread ink; on the
 * calibration sets heavier templates left accuracy as it was but raised the margins (fewer fields to confirm).
 */
export const DEFAULT_FACTORS: readonly number[] = [0.84, 0.88, 0.92, 0.96, 1, 1.04, 1.08, 1.12, 1.16];
export const DEFAULT_BLURS: readonly number[] = [0, 1, 2];
export const DEFAULT_WEIGHTS: readonly number[] = [0, 1, 2];

/**
 * Renders the bank for a strip whose glyph band is `inkHeight` pixels. Digits are the tallest OCR-B glyphs
 * (0.8 em): the band locate-mrz measures is about their height.
 */
export async function renderTemplateBank(inkHeight: number, factors: readonly number[] = DEFAULT_FACTORS, blurs: readonly number[] = DEFAULT_BLURS, weights: readonly number[] = DEFAULT_WEIGHTS): Promise<TemplateBank> {
  await assertFontInstalled(OCR_B);
  const coarse = await renderTemplateSet(inkHeight / 2, factors, blurs.map((b) => b / 2), weights.map((w) => w / 2));
  return { ...(await renderTemplateSet(inkHeight, factors, blurs, weights)), coarse };
}

async function renderTemplateSet(inkHeight: number, factors: readonly number[], blurs: readonly number[], weights: readonly number[]): Promise<TemplateSet> {
  const width = Math.round(inkHeight * 1.05);
  const height = Math.round(inkHeight * 1.5);
  const variants: TemplateVariant[] = [];
  for (const factor of factors) for (const weight of weights) {
    const size = (inkHeight / 0.8) * factor;
    const stroke = weight > 0 ? ` stroke="#000" stroke-width="${weight.toFixed(2)}"` : '';
    const baseline = height / 2 + (inkHeight * factor) / 2;
    // One rendering per scale with every glyph in its own cell: libvips and the font load once, not 37 times.
    const W = width * MRZ_ALPHABET.length;
    const texts = [...MRZ_ALPHABET].map((ch, k) => `<text x="${(k * width + width / 2).toFixed(2)}" y="${baseline.toFixed(2)}" text-anchor="middle" font-family="${OCR_B}" font-size="${size.toFixed(2)}"${stroke}>${ch === '<' ? '&lt;' : ch}</text>`).join('');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}"><rect width="${W}" height="${height}" fill="#fff"/>${texts}</svg>`;
    const { data } = await sharp(Buffer.from(svg)).greyscale().raw().toBuffer({ resolveWithObject: true });
    const raw = [...MRZ_ALPHABET].map((_, k) => {
      const px = new Uint8Array(width * height);
      for (let y = 0; y < height; y++) px.set(data.subarray(y * W + k * width, y * W + (k + 1) * width), y * width);
      return px;
    });
    for (const blur of blurs) variants.push({ factor, blur, weight, glyphs: raw.map((px) => normalise(gaussianBlur(px, width, height, blur))) });
  }
  return { width, height, variants };
}

/** The MRZ font as fontconfig names it (Debian package `fonts-ocr-b`). */
export const OCR_B = 'OCR B';

async function renderText(text: string, family: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#fff"/><text x="4" y="32" font-family="${family}" font-size="30">${text}</text></svg>`;
  return (await sharp(Buffer.from(svg)).greyscale().raw().toBuffer({ resolveWithObject: true })).data;
}

/**
 * librsvg falls back to another face for a family it cannot find, silently: templates from the wrong font would
 * misread every cell. So the family must render differently from a family that surely does not exist.
 */
export async function assertFontInstalled(family: string): Promise<void> {
  const [wanted, fallback] = await Promise.all([renderText('O0B8', family), renderText('O0B8', 'passage-no-such-font')]);
  if (wanted.equals(fallback)) throw new SetupError(`the font "${family}" is not installed (Debian: apt install fonts-ocr-b); the OCR templates cannot be rendered`);
}

/** Fills `out` with the zero-mean, unit-norm window of the bank's size centred at (cx, cy); false when blank. */
function windowAt(img: GreyImage, cx: number, cy: number, tw: number, th: number, out: Float32Array): boolean {
  const x0 = Math.round(cx - tw / 2);
  const y0 = Math.round(cy - th / 2);
  let mean = 0;
  for (let y = 0; y < th; y++) {
    const yy = Math.min(img.height - 1, Math.max(0, y0 + y));
    for (let x = 0; x < tw; x++) {
      const v = img.data[yy * img.width + Math.min(img.width - 1, Math.max(0, x0 + x))]!;
      out[y * tw + x] = v;
      mean += v;
    }
  }
  mean /= out.length;
  let norm = 0;
  for (let i = 0; i < out.length; i++) {
    const v = (out[i] = out[i]! - mean);
    norm += v * v;
  }
  if (norm === 0) return false;
  const inv = 1 / Math.sqrt(norm);
  for (let i = 0; i < out.length; i++) out[i]! *= inv;
  return true;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Best correlation of every template of `variant` with the cell centred near (cx, cy), over horizontal shifts
 * of ±`rx` and vertical shifts of ±`ry` pixels. A window with no contrast at all scores −1 for every character.
 */
export function scoreCell(img: GreyImage, cx: number, cy: number, bank: TemplateSet, variant: number, rx = 2, ry = 0): Float32Array {
  const scores = new Float32Array(MRZ_ALPHABET.length).fill(-1);
  const win = new Float32Array(bank.width * bank.height);
  const glyphs = bank.variants[variant]!.glyphs;
  for (let dy = -ry; dy <= ry; dy++) {
    for (let dx = -rx; dx <= rx; dx++) {
      if (!windowAt(img, cx + dx, cy + dy, bank.width, bank.height, win)) continue;
      for (let c = 0; c < glyphs.length; c++) {
        const s = dot(win, glyphs[c]!);
        if (s > scores[c]!) scores[c] = s;
      }
    }
  }
  return scores;
}

export interface LineFit {
  readonly variant: number;
  readonly cy: number;
}

/**
 * Chooses the template variant (scale, blur, stroke weight) and the vertical position for a line from cells
 * whose character is known with confidence: the sum of their own-template scores is maximised. The position is
 * searched with the plain variant first, then the scale (±1 px), then blur and weight near that scale: they are
 * nearly independent, and searching them jointly costs ten times as much.
 */
export function fitLine(img: GreyImage, sure: readonly { readonly ch: string; readonly cx: number }[], cy0: number, bank: TemplateSet, ryMax = 3): LineFit {
  const plain = Math.max(0, bank.variants.findIndex((v) => v.factor === 1 && v.blur === 0 && v.weight === 0));
  if (sure.length === 0) return { variant: plain, cy: cy0 };
  const win = new Float32Array(bank.width * bank.height);
  // Per variant: the summed best-over-±2 px score of the sure glyphs at height cy.
  const fitsAt = (cy: number, variants: readonly number[]): Float64Array => {
    const fits = new Float64Array(bank.variants.length).fill(-Infinity);
    for (const k of variants) fits[k] = 0;
    for (const { ch, cx } of sure) {
      const c = MRZ_ALPHABET.indexOf(ch);
      const top = new Float64Array(bank.variants.length).fill(-1);
      for (let dx = -2; dx <= 2; dx++) {
        if (!windowAt(img, cx + dx, cy, bank.width, bank.height, win)) continue;
        for (const k of variants) {
          const s = dot(win, bank.variants[k]!.glyphs[c]!);
          if (s > top[k]!) top[k] = s;
        }
      }
      for (const k of variants) fits[k]! += top[k]!;
    }
    return fits;
  };
  let cy = cy0;
  let bestFit = -Infinity;
  for (let dy = -ryMax; dy <= ryMax; dy++) {
    const f = fitsAt(cy0 + dy, [plain])[plain]!;
    if (f > bestFit) {
      bestFit = f;
      cy = cy0 + dy;
    }
  }
  // Scale with the plain rendering (±1 px), then blur and stroke weight at that height, at that scale and its
  // neighbours (a heavier stroke makes a glyph look a little larger).
  const base = bank.variants[plain]!;
  const scales = bank.variants.flatMap((v, k) => (v.blur === base.blur && v.weight === base.weight ? [k] : []));
  let best = { variant: plain, cy };
  bestFit = -Infinity;
  for (const y of [cy - 1, cy, cy + 1]) {
    const fits = fitsAt(y, scales);
    for (const k of scales) {
      if (fits[k]! > bestFit) {
        bestFit = fits[k]!;
        best = { variant: k, cy: y };
      }
    }
  }
  const factor = bank.variants[best.variant]!.factor;
  const looks = bank.variants.flatMap((v, k) => (Math.abs(v.factor - factor) < 0.05 ? [k] : []));
  const fits = fitsAt(best.cy, looks);
  for (const k of looks) {
    if (fits[k]! > bestFit) {
      bestFit = fits[k]!;
      best = { variant: k, cy: best.cy };
    }
  }
  return best;
}

/** A line's refined cell grid and how many cells agree with it (matched within a quarter pitch). */
export interface GridFit {
  readonly centres: number[];
  readonly support: number;
}

/**
 * Re-derives a line's cell centres from the glyphs themselves. The recogniser's glyph boxes or the ink extent
 * give the first grid, but on a soft line glyphs split and merge, and a pitch 2 % off drifts a whole cell by
 * the end of a 44-character line; a run of identical fillers fits a grid one cell off as well as the right
 * one. So the positions are chosen for the whole line at once: every cell may sit anywhere within `reach`
 * (at least 0.6 of a pitch) of the first grid, scoring its best template there, and neighbouring cells must
 * stay a pitch apart within a quarter (a chain solved by dynamic programming, which also keeps the first and
 * last cells on the first and last glyphs: a chain shifted by one cell loses a glyph at one end). The grid
 * (fixed pitch on the page, seen in perspective: cell-grid.ts) fitted through the chosen positions of the
 * better-matched half of the cells is the result; a second round starts from it.
 */
export function refineGrid(img: GreyImage, centres: readonly number[], cy: number, bank: TemplateSet, variant: number, reach: number, rounds = 2): GridFit {
  let fit: GridFit = { centres: [...centres], support: 0 };
  for (let round = 0; round < rounds; round++) {
    const next = alignOnce(img, fit.centres, cy, bank, variant, reach);
    if (next.support === 0) break;
    const moved = Math.max(...next.centres.map((c, i) => Math.abs(c - fit.centres[i]!)));
    fit = next;
    if (moved < 1) break;
  }
  return fit;
}

function alignOnce(img: GreyImage, centres: readonly number[], cy: number, bank: TemplateSet, variant: number, reach: number): GridFit {
  const n = centres.length;
  const unchanged = { centres: [...centres], support: 0 };
  if (n < 2) return unchanged;
  const glyphs = bank.variants[variant]!.glyphs;
  const win = new Float32Array(bank.width * bank.height);
  const pitchAt = (i: number) => (i + 1 < n ? centres[i + 1]! - centres[i]! : centres[i]! - centres[i - 1]!);
  const meanPitch = (centres[n - 1]! - centres[0]!) / (n - 1);
  const r = Math.max(reach, Math.ceil(0.6 * meanPitch));
  // Emission: the best template score of each cell at each offset within ±r of its first position.
  const offsets = 2 * r + 1;
  const emit = new Float64Array(n * offsets).fill(-1);
  for (let i = 0; i < n; i++) {
    const base = Math.round(centres[i]!);
    for (let k = 0; k < offsets; k++) {
      let best = -1;
      for (let dy = -1; dy <= 1; dy++) {
        if (!windowAt(img, base - r + k, cy + dy, bank.width, bank.height, win)) continue;
        for (const g of glyphs) {
          const sc = dot(win, g);
          if (sc > best) best = sc;
        }
      }
      emit[i * offsets + k] = best;
    }
  }
  // Chain: V[i][k] = emit[i][k] + max over j of V[i−1][j] − penalty(step), steps within a quarter pitch.
  const value = new Float64Array(n * offsets).fill(-Infinity);
  const from = new Int32Array(n * offsets).fill(-1);
  for (let k = 0; k < offsets; k++) value[k] = emit[k]!;
  for (let i = 1; i < n; i++) {
    const p = pitchAt(i - 1);
    const prevBase = Math.round(centres[i - 1]!) - r;
    const base = Math.round(centres[i]!) - r;
    for (let k = 0; k < offsets; k++) {
      const x = base + k;
      let best = -Infinity;
      let arg = -1;
      for (let j = 0; j < offsets; j++) {
        const v = value[(i - 1) * offsets + j]!;
        if (v === -Infinity) continue;
        const step = (x - (prevBase + j) - p) / p;
        if (Math.abs(step) > 0.25) continue;
        const score = v - 2 * step * step;
        if (score > best) {
          best = score;
          arg = j;
        }
      }
      if (arg >= 0) {
        value[i * offsets + k] = best + emit[i * offsets + k]!;
        from[i * offsets + k] = arg;
      }
    }
  }
  let end = -1;
  for (let k = 0; k < offsets; k++) if (end < 0 || value[(n - 1) * offsets + k]! > value[(n - 1) * offsets + end]!) end = k;
  if (end < 0 || value[(n - 1) * offsets + end] === -Infinity) return unchanged;
  const found: { i: number; x: number; s: number }[] = new Array(n);
  for (let i = n - 1, k = end; i >= 0; i--) {
    found[i] = { i, x: Math.round(centres[i]!) - r + k, s: emit[i * offsets + k]! };
    k = from[i * offsets + k]!;
    if (i > 0 && k < 0) return unchanged;
  }
  // The chain can only move each cell within reach of the first grid, so a first grid a whole cell off
  // (its ink extent began at a speck, or missed a faint first glyph) leaves blank paper in the first cell
  // and a glyph beyond the last, or the other way round: then the chain moves over by one cell.
  const bestAt = (x: number): number => {
    let best = -1;
    for (let dx = -1; dx <= 1; dx++) {
      if (!windowAt(img, x + dx, cy, bank.width, bank.height, win)) continue;
      for (const g of glyphs) best = Math.max(best, dot(win, g));
    }
    return best;
  };
  for (let round = 0; round < 2; round++) {
    const first = found[0]!;
    const last = found[n - 1]!;
    const before = bestAt(first.x - (found[1]!.x - first.x));
    const after = bestAt(last.x + (last.x - found[n - 2]!.x));
    if (after > first.s + 0.15 && after > 0.4) {
      const x = last.x + (last.x - found[n - 2]!.x);
      found.splice(0, 1);
      found.push({ i: n, x, s: after });
    } else if (before > last.s + 0.15 && before > 0.4) {
      const x = first.x - (found[1]!.x - first.x);
      found.pop();
      found.unshift({ i: -1, x, s: before });
    } else break;
    found.forEach((p, i) => (p.i = i));
  }
  const tolerance = Math.max(1, 0.2 * meanPitch);
  const median = [...found.map((p) => p.s)].sort((a, b) => a - b)[Math.floor(n / 2)] ?? 0;
  const pts = found.filter((p) => p.s >= Math.max(0.3, median));
  if (pts.length < 6) return unchanged;
  // The starting grid's foreshortening is the prior (cell-grid.ts).
  const prior = fitGrid(centres.map((x, i) => ({ i, x })), n)?.c ?? 0;
  const fit = fitGridRobust(pts, n, tolerance, 6, prior);
  if (!fit) return unchanged;
  const grid = gridCentres(fit.grid, n);
  return { centres: grid, support: found.filter((p) => Math.abs(p.x - grid[p.i]!) <= tolerance).length };
}

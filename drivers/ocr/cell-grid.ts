/**
 * Where the cells of one MRZ line lie along its strip. The MRZ has a fixed pitch on the page (ICAO 9303-3
 * §4.2: 10 characters per 25.4 mm nominal; printers vary it), and a line on a plane seen in perspective maps
 * to the image by a one-dimensional projective map, so cell i's centre is x(i) = (a + b·i) / (1 + c·i): a
 * straight grid when c = 0, a grid whose pitch shrinks steadily towards the far end otherwise. An
 * affine strip (normalise-line.ts) keeps this form, so it is the model every grid fit here uses.
 */
import type { GreyImage } from './raster.ts';
import { leastSquaresLine } from './line-fit.ts';

export interface CellGrid {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

export function gridCentres(g: CellGrid, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (g.a + g.b * i) / (1 + g.c * i));
}

/** Pitch at cell i (the derivative of the map). */
export function pitchAt(g: CellGrid, i: number): number {
  return (g.b - g.a * g.c) / (1 + g.c * i) ** 2;
}

function solve3(m: number[][], v: number[]): number[] | undefined {
  const det = (a: number[][]) => a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) - a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!) + a[0]![2]! * (a[1]![0]! * a[2]![1]! - a[1]![1]! * a[2]![0]!);
  const d = det(m);
  if (Math.abs(d) < 1e-9) return undefined;
  return [0, 1, 2].map((k) => det(m.map((row, r) => row.map((x, c) => (c === k ? v[r]! : x)))) / d);
}

const PRIOR_WEIGHT = 20;

/**
 * Least-squares fit of the projective grid through (cell index, x) points, linearised as
 * x = a + b·i − c·(i·x). The foreshortening is bounded (the far end's pitch at most 40 % shorter or longer than
 * the near end's over `n` cells); a fit beyond that, or with too few points, falls back to a straight line.
 */
export function fitGrid(points: readonly { readonly i: number; readonly x: number }[], n: number, prior?: number): CellGrid | undefined {
  if (points.length < 2) return undefined;
  const straight = (): CellGrid | undefined => {
    const line = leastSquaresLine(points);
    return line && { a: line.intercept, b: line.slope, c: 0 };
  };
  if (points.length < 8) return straight();
  const ata = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  const atb = [0, 0, 0];
  for (const p of points) {
    const row = [1, p.i, -p.i * p.x];
    for (let r = 0; r < 3; r++) {
      atb[r]! += row[r]! * p.x;
      for (let c = 0; c < 3; c++) ata[r]![c]! += row[r]! * row[c]!;
    }
  }
  // A prior on c counts as `PRIOR_WEIGHT` points: identical glyphs (a run of fillers) fit a slightly wrong
  // foreshortening as well as the right one, so the measured one (gridFromInk) holds unless the glyphs
  // clearly disagree.
  if (prior !== undefined) {
    const scale = points.reduce((s, p) => s + Math.abs(p.i * p.x), 0) / points.length;
    const k2 = PRIOR_WEIGHT * scale * scale;
    ata[2]![2]! += k2;
    atb[2]! += k2 * prior;
  }
  const sol = solve3(ata, atb);
  if (!sol) return straight();
  const [a, b, c] = sol as [number, number, number];
  const far = (1 + c * (n - 1)) ** 2;
  if (!(b > 0) || far < 1 / 1.4 || far > 1.4) return straight();
  return { a, b, c };
}

/**
 * Robust fit: points further than `tolerance` from the fit are dropped and the rest fitted again, while at
 * least `minPoints` remain. Returns the grid and how many of all the points agree with it.
 */
export function fitGridRobust(points: readonly { readonly i: number; readonly x: number }[], n: number, tolerance: number, minPoints = 6, prior?: number): { grid: CellGrid; support: number } | undefined {
  let pts = [...points];
  let grid: CellGrid | undefined;
  for (let iter = 0; iter < 4; iter++) {
    grid = fitGrid(pts, n, prior);
    if (!grid) return undefined;
    const g = grid;
    const kept = pts.filter((p) => Math.abs(p.x - (g.a + g.b * p.i) / (1 + g.c * p.i)) <= tolerance);
    if (kept.length < minPoints || kept.length === pts.length) break;
    pts = kept;
  }
  if (!grid) return undefined;
  const g = grid;
  const support = points.filter((p) => Math.abs(p.x - (g.a + g.b * p.i) / (1 + g.c * p.i)) <= tolerance).length;
  return { grid, support };
}

/** Column darkness in the middle of the glyph band (every MRZ cell holds a glyph, fillers included). */
function columnProfile(strip: GreyImage): Float64Array {
  const { width, height, data } = strip;
  const profile = new Float64Array(width);
  const v0 = Math.round(height * 0.3);
  const v1 = Math.round(height * 0.7);
  for (let u = 0; u < width; u++) {
    let s = 0;
    for (let v = v0; v < v1; v++) s += 255 - data[v * width + u]!;
    profile[u] = s;
  }
  return profile;
}

/** The lag in [lo, hi] where the profile's autocorrelation over [u0, u1) peaks (sub-pixel); NaN at an edge. */
function periodIn(profile: Float64Array, u0: number, u1: number, lo: number, hi: number): number {
  let mean = 0;
  for (let u = u0; u < u1; u++) mean += profile[u]!;
  mean /= Math.max(1, u1 - u0);
  const corr = new Float64Array(hi + 2);
  for (let lag = lo - 1; lag <= hi + 1; lag++) {
    let s = 0;
    for (let u = u0; u + lag < u1; u++) s += (profile[u]! - mean) * (profile[u + lag]! - mean);
    corr[lag] = s / Math.max(1, u1 - u0 - lag);
  }
  let best = lo;
  for (let lag = lo; lag <= hi; lag++) if (corr[lag]! > corr[best]!) best = lag;
  if (best === lo || best === hi || !(corr[best]! > 0)) return NaN;
  const l = corr[best - 1]!;
  const m = corr[best]!;
  const r = corr[best + 1]!;
  const denom = l - 2 * m + r;
  return best + (denom < 0 ? (0.5 * (l - r)) / denom : 0);
}

/**
 * Characters per line of a two-line zone, 36 or 44 (ICAO 9303-6 TD2 and MRV-B; 9303-4 TD3 and MRV-A), from
 * the line's length over its pitch. The pitch is the period of the column profile: glyphs that blur or print
 * into each other still repeat at the pitch, where counting glyph blobs would undercount.
 */
export function cellsPerLine(strip: GreyImage, inkLeft: number, inkRight: number, inkHeight: number): 36 | 44 | undefined {
  const pitch = periodIn(columnProfile(strip), Math.max(0, Math.floor(inkLeft)), Math.min(strip.width, Math.ceil(inkRight)), Math.floor(0.55 * inkHeight), Math.ceil(1.6 * inkHeight));
  if (!(pitch > 0)) return undefined;
  const n = (inkRight - inkLeft) / pitch + 0.3;
  return Math.abs(n - 36) < Math.abs(n - 44) ? 36 : 44;
}

/**
 * How much the pitch changes along the line: the ratio of the pitch at its right end to the pitch at its left
 * end (1 without perspective). Every MRZ cell holds a glyph (fillers included), so the column profile of ink
 * is periodic at the local pitch; its autocorrelation in six windows along the line gives the pitch at each
 * place, and under perspective the square root of the pitch is linear along the line (for the map above,
 * pitch(x) ∝ (b − c·x)²). A window whose pitch strays from that line by more than 6 % is dropped (a window
 * of look-alike glyphs can lock onto a wrong period); a ratio within 4 % of 1 is taken as 1.
 */
export function pitchRatio(strip: GreyImage, inkLeft: number, inkRight: number, n: number): number {
  if (n < 12) return 1;
  const length = inkRight - inkLeft;
  const even = length / Math.max(1, n - 0.3);
  const profile = columnProfile(strip);
  const windows = 6;
  const span = Math.min(length / 2, 7 * even);
  let samples: { x: number; root: number }[] = [];
  const lo = Math.max(2, Math.floor(0.72 * even));
  const hi = Math.ceil(1.4 * even);
  for (let k = 0; k < windows; k++) {
    const centre = inkLeft + span / 2 + ((length - span) * k) / (windows - 1);
    const pitch = periodIn(profile, Math.max(0, Math.round(centre - span / 2)), Math.min(strip.width, Math.round(centre + span / 2)), lo, hi);
    if (pitch > 0) samples.push({ x: centre, root: Math.sqrt(pitch) });
  }
  let alpha = 0;
  let beta = 0;
  for (let round = 0; round < 3; round++) {
    if (samples.length < 4) return 1;
    const mx = samples.reduce((s, p) => s + p.x, 0) / samples.length;
    const mr = samples.reduce((s, p) => s + p.root, 0) / samples.length;
    let sxy = 0;
    let sxx = 0;
    for (const p of samples) {
      sxy += (p.x - mx) * (p.root - mr);
      sxx += (p.x - mx) ** 2;
    }
    beta = sxx > 0 ? sxy / sxx : 0;
    alpha = mr - beta * mx;
    const kept = samples.filter((p) => Math.abs((p.root / (alpha + beta * p.x)) ** 2 - 1) <= 0.06);
    if (kept.length === samples.length) break;
    samples = kept;
  }
  const ratio = ((alpha + beta * inkRight) / (alpha + beta * inkLeft)) ** 2;
  if (!(ratio > 0.6 && ratio < 1.67) || Math.abs(ratio - 1) < 0.04) return 1;
  return ratio;
}

/**
 * The first grid of a line: from the first glyph's centre to the last's, its pitch changing by `ratio` from
 * the left end to the right (`pitchRatio`). The end centres lie half a glyph in from the ink ends, an OCR-B
 * glyph being about 0.74 of its height wide, and glyphs shrink with the square root of the pitch (their
 * height follows the depth, the pitch its square).
 */
export function gridFromInk(inkLeft: number, inkRight: number, n: number, inkHeight: number, ratio = 1): CellGrid {
  const half = 0.37 * inkHeight;
  const q = Math.sqrt(ratio);
  // √pitch ∝ 1 + s·(x − inkLeft), with s from the ratio: relative change of √pitch per pixel.
  const s = (q - 1) / Math.max(1, inkRight - inkLeft);
  const scale = (x: number) => (1 + s * (x - inkLeft)) / (1 + s * ((inkRight - inkLeft) / 2));
  const x0 = inkLeft + half * scale(inkLeft);
  const xn = inkRight - half * scale(inkRight);
  // −c/b equals the slope of √pitch over its value at x = 0 (pitch(x) ∝ (b − c·x)²).
  const slope = s / (1 - s * inkLeft);
  const b = (xn - x0) / ((n - 1) * (1 + slope * xn));
  return { a: x0, b, c: -b * slope };
}

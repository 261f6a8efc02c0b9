/**
 * Finds the MRZ on a whole document photo or scan: estimates the page skew, finds text bands along it and picks
 * the group of 1–3 long, evenly pitched lines that an MRZ is (docs/mrz-formats.md §2: 3 × 30, 2 × 36, 2 × 44, and
 * the one-line CS permit §3.3). Pure: grey pixels in, geometry in source-pixel coordinates out.
 */
import { downscale, integral, otsu, strokeContrast, type GreyImage } from './raster.ts';

export type MrzWidth = 30 | 36 | 44;

export interface MrzLineGeometry {
  /** Left end of the line's ink, at its vertical centre (source pixels). */
  readonly x: number;
  readonly y: number;
  /** Ink extent along the text direction and ink height across it (source pixels). */
  readonly length: number;
  readonly height: number;
  /** Glyph blobs counted along the line (a hint of its character count). */
  readonly blobs: number;
}

export interface MrzLocation {
  /** Text direction angle in degrees (image y axis down; positive = descending to the right). */
  readonly angleDeg: number;
  readonly lines: readonly MrzLineGeometry[];
  /** Characters per line, from the line count and the pitch/height ratio. */
  readonly width: MrzWidth;
}

export type LocateResult =
  | { readonly ok: true; readonly location: MrzLocation }
  | { readonly ok: false; readonly reason: 'no-text' | 'no-mrz'; readonly message: string };

/** Working resolution: long side of the analysed image. MRZ glyphs stay ≥ 10 px high on a full page. */
const WORK_SIZE = 1000;

interface Band {
  r0: number;
  r1: number;
  xa: number;
  xb: number;
  blobs: number;
  /** Median distance between neighbouring glyph starts (the character pitch), 0 when unknown. */
  pitch: number;
  /** Share of neighbouring glyph starts one pitch (±25 %) apart: printed text is regular, noise is not. */
  regular: number;
}

/**
 * Dark-pixel mask: darker than the window mean by more than an Otsu threshold over those contrasts, and a
 * stroke (raster.ts `strokeContrast`): paper on both sides along a row or a column. The second test removes
 * what the first finds along the rim of any large dark area, such as the table next to a page edge, which
 * would otherwise merge with an MRZ line printed close to that edge.
 */
export function darkPixels(img: GreyImage, radius: number): { xs: Int32Array; ys: Int32Array; count: number } {
  const sat = integral(img);
  const stroke = strokeContrast(img);
  const contrast = new Uint8Array(img.width * img.height);
  const hist = new Float64Array(256);
  const sw = img.width + 1;
  for (let y = 0; y < img.height; y++) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(img.height, y + radius + 1);
    for (let x = 0; x < img.width; x++) {
      const x0 = x - radius < 0 ? 0 : x - radius;
      const x1 = x + radius + 1 > img.width ? img.width : x + radius + 1;
      const mean = (sat[y1 * sw + x1]! - sat[y0 * sw + x1]! - sat[y1 * sw + x0]! + sat[y0 * sw + x0]!) / ((x1 - x0) * (y1 - y0));
      const c = mean - img.data[y * img.width + x]!;
      const v = c <= 0 || stroke[y * img.width + x]! < STROKE_MIN ? 0 : c >= 255 ? 255 : Math.round(c);
      contrast[y * img.width + x] = v;
      if (v > 4) hist[v]!++;
    }
  }
  const t = Math.max(24, otsu(hist));
  let count = 0;
  for (let i = 0; i < contrast.length; i++) if (contrast[i]! > t) count++;
  const xs = new Int32Array(count);
  const ys = new Int32Array(count);
  let k = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (contrast[y * img.width + x]! > t) {
        xs[k] = x;
        ys[k] = y;
        k++;
      }
    }
  }
  return { xs, ys, count };
}

/** Grey levels a pixel must lie below the paper on both sides to count as a stroke. */
const STROKE_MIN = 8;

function profileScore(xs: Int32Array, ys: Int32Array, n: number, angle: number, size: number, profile: Float64Array): number {
  const s = Math.sin(angle);
  const c = Math.cos(angle);
  profile.fill(0);
  for (let i = 0; i < n; i++) {
    const r = Math.round(ys[i]! * c - xs[i]! * s) + size;
    profile[r]!++;
  }
  let score = 0;
  for (let i = 0; i < profile.length; i++) score += profile[i]! * profile[i]!;
  return score;
}

/**
 * Text direction (radians, −90° ≤ θ < 90°) maximising the sharpness of the projection of dark pixels across it.
 * Every direction is tried, so a page turned by any angle is found; θ and θ + 180° project alike, and which of
 * the two is upright is decided later from the glyphs themselves (read-mrz-image.ts).
 */
export function estimateSkew(xs: Int32Array, ys: Int32Array, n: number, size: number): number {
  const profile = new Float64Array(size * 3);
  const rad = Math.PI / 180;
  // Coarse: every 2°, on a sample of the pixels; then 0.5° and 0.1° around the best on all of them.
  const step = Math.max(1, Math.floor(n / 20000));
  const sx = new Int32Array(Math.ceil(n / step));
  const sy = new Int32Array(sx.length);
  for (let i = 0, k = 0; i < n; i += step, k++) {
    sx[k] = xs[i]!;
    sy[k] = ys[i]!;
  }
  let best = 0;
  let bestScore = -1;
  for (let d = -90; d < 90; d += 2) {
    const sc = profileScore(sx, sy, sx.length, d * rad, size, profile);
    if (sc > bestScore) {
      bestScore = sc;
      best = d;
    }
  }
  for (const [span, inc] of [[2, 0.5], [0.5, 0.1]] as const) {
    bestScore = -1;
    const centre = best;
    for (let d = centre - span; d <= centre + span + 1e-9; d += inc) {
      const sc = profileScore(xs, ys, n, d * rad, size, profile);
      if (sc > bestScore) {
        bestScore = sc;
        best = d;
      }
    }
  }
  const wrapped = best >= 90 ? best - 180 : best < -90 ? best + 180 : best;
  return wrapped * rad;
}

/**
 * Lines printed close together (line spacing 1.2 glyph heights) can merge into one run of the projection; a
 * valley deeper than half the lower of the peaks on either side separates them again.
 */
function splitAtValleys(profile: Float64Array, r0: number, r1: number): [number, number][] {
  if (r1 - r0 < 8) return [[r0, r1]];
  let cut = -1;
  let cutDepth = 0;
  for (let r = r0 + 3; r <= r1 - 3; r++) {
    const v = profile[r]!;
    if (v > profile[r - 1]! || v > profile[r + 1]!) continue;
    let left = 0;
    for (let k = r0; k < r; k++) left = Math.max(left, profile[k]!);
    let right = 0;
    for (let k = r + 1; k <= r1; k++) right = Math.max(right, profile[k]!);
    const depth = Math.min(left, right) - v;
    if (v < 0.5 * Math.min(left, right) && depth > cutDepth) {
      cut = r;
      cutDepth = depth;
    }
  }
  if (cut < 0) return [[r0, r1]];
  return [...splitAtValleys(profile, r0, cut - 1), ...splitAtValleys(profile, cut + 1, r1)];
}

function findBands(xs: Int32Array, ys: Int32Array, n: number, angle: number, size: number): Band[] {
  const s = Math.sin(angle);
  const c = Math.cos(angle);
  const rows = size * 3;
  const profile = new Float64Array(rows);
  for (let i = 0; i < n; i++) profile[Math.round(ys[i]! * c - xs[i]! * s) + size]!++;
  const smooth = new Float64Array(rows);
  for (let r = 1; r < rows - 1; r++) smooth[r] = (profile[r - 1]! + profile[r]! + profile[r + 1]!) / 3;
  let max = 0;
  for (const v of smooth) max = Math.max(max, v);
  const threshold = max * 0.12;
  const runs: [number, number][] = [];
  for (let r = 0; r < rows; r++) {
    if (smooth[r]! <= threshold) continue;
    const r0 = r;
    while (r < rows && smooth[r]! > threshold) r++;
    if (r - r0 >= 4) runs.push(...splitAtValleys(smooth, r0, r - 1));
  }
  const bands: Band[] = runs.map(([r0, r1]) => ({ r0: r0 - size, r1: r1 - size, xa: 0, xb: 0, blobs: 0, pitch: 0, regular: 0 }));
  // Per band: ink columns along the text direction, the longest chain of glyph blobs.
  const cols = new Map<Band, Uint16Array>();
  const colSize = size * 3;
  for (const b of bands) cols.set(b, new Uint16Array(colSize));
  const byRow = new Int32Array(rows).fill(-1);
  bands.forEach((b, k) => {
    for (let r = b.r0; r <= b.r1; r++) byRow[r + size] = k;
  });
  for (let i = 0; i < n; i++) {
    const r = Math.round(ys[i]! * c - xs[i]! * s) + size;
    const k = byRow[r]!;
    if (k < 0) continue;
    const xp = Math.round(xs[i]! * c + ys[i]! * s) + size;
    cols.get(bands[k]!)![xp]!++;
  }
  for (const b of bands) {
    const col = cols.get(b)!;
    const h = b.r1 - b.r0 + 1;
    const minInk = Math.max(2, Math.round(h * 0.22));
    let best = { xa: 0, xb: 0, blobs: 0, starts: [] as number[] };
    let cur = { xa: -1, xb: -1, blobs: 0, starts: [] as number[] };
    let lastInk = -1e9;
    for (let x = 0; x < colSize; x++) {
      if (col[x]! < minInk) continue;
      if (x - lastInk > 1.6 * h) {
        if (cur.blobs > best.blobs) best = cur;
        cur = { xa: x, xb: x, blobs: 1, starts: [x] };
      } else if (x - lastInk > 1) {
        cur.blobs++;
        cur.starts.push(x);
      }
      cur.xb = x;
      lastInk = x;
    }
    if (cur.blobs > best.blobs) best = cur;
    b.xa = best.xa - size;
    b.xb = best.xb - size;
    b.blobs = best.blobs;
    const steps: number[] = [];
    for (let k = 1; k < best.starts.length; k++) {
      const d = best.starts[k]! - best.starts[k - 1]!;
      if (d > 0.5 * h && d < 1.5 * h) steps.push(d);
    }
    steps.sort((p, q) => p - q);
    b.pitch = steps.length >= 5 ? steps[Math.floor(steps.length / 2)]! : 0;
    const all = best.starts.length - 1;
    b.regular = all > 0 && b.pitch > 0 ? steps.filter((d) => Math.abs(d - b.pitch) <= 0.25 * b.pitch).length / all : 0;
  }
  return bands;
}

/** Long and thin like an MRZ line. Blur merges filler runs into one blob, so few blobs are allowed here; a
 * group still needs one line with many glyphs (see `anchors`). */
function mrzLike(b: Band): boolean {
  const h = b.r1 - b.r0 + 1;
  const ratio = (b.xb - b.xa + 1) / h;
  return b.blobs >= 5 && ratio >= 16 && ratio <= 75;
}

function anchors(b: Band): boolean {
  return b.blobs >= 18 && b.regular >= 0.5;
}

/**
 * Characters per line: 3 lines or 1 line → 30; 2 lines → 36 or 44, from the glyph count and the pitch implied
 * by the measured ink height (≈ 1.1 × pitch after thresholding). Blur merges glyphs, so counts only undercount.
 */
export function chooseWidth(lineCount: number, length: number, height: number, blobs: number, pitch = 0): MrzWidth {
  if (lineCount !== 2) return 30;
  // The glyph-start spacing measures the pitch directly; without enough of it, fall back on the counts.
  const n = pitch > 0 ? length / pitch + 0.3 : Math.max(blobs, length / (height / 1.1));
  return Math.abs(n - 36) < Math.abs(n - 44) ? 36 : 44;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const v = [...values].sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)]!;
}

/** Scale factor from the source image to the working image `locateMrz` analyses. */
export function workScale(width: number, height: number): number {
  return Math.min(1, WORK_SIZE / Math.max(width, height));
}

/** The best group of 1–3 consecutive MRZ-like bands whose spacing and left edge agree; empty when none. */
function bestGroupOf(bands: readonly Band[]): Band[] {
  let bestGroup: Band[] = [];
  let bestScore = -1;
  for (let i = 0; i < bands.length; i++) {
    const group = [bands[i]!];
    for (let j = i + 1; j < bands.length && group.length < 3; j++) {
      const prev = group[group.length - 1]!;
      const b = bands[j]!;
      const h = prev.r1 - prev.r0 + 1;
      const gap = b.r0 - prev.r1;
      const hb = b.r1 - b.r0 + 1;
      const spacing = (b.r0 + b.r1) / 2 - (prev.r0 + prev.r1) / 2;
      // MRZ lines share glyph height and left margin, about 1.5 glyph heights apart (4.2 mm pitch, §2);
      // printers vary the spacing from about 1.2 to 2.4 glyph heights.
      // Every MRZ line runs the zone's full width (fillers pad it), so a shorter line of text is not one.
      const la = prev.xb - prev.xa;
      const lb = b.xb - b.xa;
      if (gap > 2.4 * h || spacing > 3 * h || Math.abs(b.xa - prev.xa) > 2 * h || hb < 0.65 * h || hb > h / 0.65 || Math.abs(la - lb) > 0.2 * Math.max(la, lb)) break;
      group.push(b);
    }
    if (!group.some(anchors)) continue;
    // Score a group by its glyph count, but never more glyphs than its length allows at the measured pitch
    // (background noise next to a line adds blobs, not pitch-regular glyphs).
    const score = group.reduce((a, b) => a + Math.min(b.blobs, b.pitch > 0 ? (b.xb - b.xa) / b.pitch + 1 : b.blobs) * (b.pitch > 0 ? 1 : 0.5), 0) + i * 1e-3;
    if (score > bestScore) {
      bestScore = score;
      bestGroup = group;
    }
  }
  return bestGroup;
}

/**
 * The zone's own direction. A page photographed at an angle is a trapezoid: its lines converge, and the
 * page-wide direction can be a few degrees off the MRZ's, enough to smear a 44-character line across its
 * neighbour. So the dark pixels around the group found are projected again within ±4° of the page's
 * direction, and the bands are found again along the zone's own.
 */
function refineGroup(xs: Int32Array, ys: Int32Array, count: number, angle: number, size: number, group: readonly Band[]): { angle: number; group: Band[] } | undefined {
  const h = Math.max(...group.map((b) => b.r1 - b.r0 + 1));
  const r0 = Math.min(...group.map((b) => b.r0)) - 2 * h;
  const r1 = Math.max(...group.map((b) => b.r1)) + 2 * h;
  const x0 = Math.min(...group.map((b) => b.xa)) - 2 * h;
  const x1 = Math.max(...group.map((b) => b.xb)) + 2 * h;
  const s = Math.sin(angle);
  const c = Math.cos(angle);
  const keep: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = ys[i]! * c - xs[i]! * s;
    const x = xs[i]! * c + ys[i]! * s;
    if (r >= r0 && r <= r1 && x >= x0 && x <= x1) keep.push(i);
  }
  if (keep.length < 50) return undefined;
  const lx = Int32Array.from(keep, (i) => xs[i]!);
  const ly = Int32Array.from(keep, (i) => ys[i]!);
  const profile = new Float64Array(size * 3);
  const rad = Math.PI / 180;
  let best = angle;
  let bestScore = -1;
  for (let d = -4; d <= 4 + 1e-9; d += 0.1) {
    const sc = profileScore(lx, ly, lx.length, angle + d * rad, size, profile);
    if (sc > bestScore) {
      bestScore = sc;
      best = angle + d * rad;
    }
  }
  const regroup = bestGroupOf(findBands(lx, ly, lx.length, best, size).filter(mrzLike));
  return regroup.length >= group.length ? { angle: best, group: regroup } : undefined;
}

/**
 * `work` may be passed when the caller already has the source downscaled by `workScale` (libvips does it off
 * the JavaScript thread); otherwise it is computed here.
 */
export function locateMrz(img: GreyImage, work: GreyImage = downscale(img, workScale(img.width, img.height))): LocateResult {
  const scale = work.width / img.width;
  const size = Math.max(work.width, work.height);
  const radius = Math.max(6, Math.round(size / 60));
  const { xs, ys, count } = darkPixels(work, radius);
  if (count < 200) return { ok: false, reason: 'no-text', message: 'no printed text found in the image' };
  const pageAngle = estimateSkew(xs, ys, count, size);
  const bands = findBands(xs, ys, count, pageAngle, size).filter(mrzLike);
  if (bands.length === 0) return { ok: false, reason: 'no-mrz', message: 'no machine-readable zone found in the image' };
  const found = bestGroupOf(bands);
  if (found.length === 0) return { ok: false, reason: 'no-mrz', message: 'no machine-readable zone found in the image' };
  const { angle, group: bestGroup } = refineGroup(xs, ys, count, pageAngle, size, found) ?? { angle: pageAngle, group: found };
  const s = Math.sin(angle);
  const c = Math.cos(angle);
  const lines: MrzLineGeometry[] = bestGroup.map((b) => {
    const r = (b.r0 + b.r1) / 2;
    const xw = b.xa * c - r * s;
    const yw = b.xa * s + r * c;
    return { x: xw / scale, y: yw / scale, length: (b.xb - b.xa + 1) / scale, height: (b.r1 - b.r0 + 1) / scale, blobs: b.blobs };
  });
  const avgLen = lines.reduce((a, l) => a + l.length, 0) / lines.length;
  const avgH = lines.reduce((a, l) => a + l.height, 0) / lines.length;
  return { ok: true, location: { angleDeg: (angle * 180) / Math.PI, lines, width: chooseWidth(lines.length, avgLen, avgH, Math.max(...lines.map((l) => l.blobs)), median(bestGroup.map((b) => b.pitch).filter((p) => p > 0)) / scale) } };
}

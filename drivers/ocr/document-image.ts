/**
 * Synthetic document images for the OCR bench, tests and the fake camera: a whole document page (visual zone
 * text, a photo area, the MRZ printed in OCR-B from apt `fonts-ocr-b`) lying on a scanner bed or in a camera
 * frame, then degraded (rotation, blur, noise, uneven light, JPEG). Deterministic for a given `rng`.
 *
 * Geometry: ICAO 9303 prints the MRZ in OCR-B size 1 at 10 characters per inch (2.54 mm pitch), lines about
 * 4 mm apart near the bottom edge; documents are ID-1 (TD1, 85.6 × 54 mm), ID-2 (TD2/MRV-B, 105 × 74 mm) and
 * ID-3 (TD3/MRV-A, 125 × 88 mm) (docs/mrz-formats.md §2: line counts and widths).
 */
import sharp from 'sharp';
import { seededRng, type Rng } from '../mrz/index.ts';
import { applyHomography, homographyFromPoints, type Point } from './homography.ts';

export type ImageQuality = 'clean' | 'degraded' | 'hard';

export interface DocumentImageOptions {
  readonly rng: Rng;
  /** Sampling resolution of the scan or photo (300 or 150 in the bench). */
  readonly dpi: number;
  readonly quality: ImageQuality;
  /** Surname / given names printed in the visual zone (defaults to placeholder text). */
  readonly vizLines?: readonly string[];
  /** One capture or print variation at the strength of `quality` (the OCR bench's calibration sets). */
  readonly variation?: CaptureVariation;
}

/**
 * What real captures vary (docs/ocr.md, Benchmark). Each is drawn here with this generator's own means (SVG,
 * libvips, a pixel warp for perspective); the bench's independent generator draws the same list its own way.
 */
export const CAPTURE_VARIATIONS = ['pitch-height', 'stroke', 'margins', 'line-spacing', 'guilloche', 'holographic', 'glare', 'perspective', 'rotation', 'defocus', 'motion', 'low-light', 'jpeg', 'thumb'] as const;
export type CaptureVariation = (typeof CAPTURE_VARIATIONS)[number];

export interface DocumentImage {
  /** JPEG bytes of the whole frame. */
  readonly image: Buffer;
  readonly width: number;
  readonly height: number;
  /** What was applied, for the bench report and debugging. */
  readonly params: { readonly angleDeg: number; readonly blur: number; readonly noise: number; readonly jpegQuality: number };
}

const MM_PER_INCH = 25.4;

function docSizeMm(width: number): { w: number; h: number } {
  if (width === 30) return { w: 85.6, h: 54 };
  if (width === 36) return { w: 105, h: 74 };
  return { w: 125, h: 88 };
}

function between(rng: Rng, a: number, b: number): number {
  return a + (b - a) * rng();
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface Degradation {
  angleDeg: number;
  blur: number;
  noise: number;
  light: number;
  jpegQuality: number;
  texture: boolean;
}

function degradation(rng: Rng, quality: ImageQuality): Degradation {
  const sign = rng() < 0.5 ? -1 : 1;
  switch (quality) {
    case 'clean':
      return { angleDeg: sign * between(rng, 0, 1), blur: 0, noise: between(rng, 0, 3), light: between(rng, 0, 0.05), jpegQuality: 92, texture: false };
    case 'degraded':
      return { angleDeg: sign * between(rng, 0.5, 4), blur: between(rng, 0.5, 1.1), noise: between(rng, 5, 12), light: between(rng, 0.15, 0.35), jpegQuality: Math.round(between(rng, 60, 80)), texture: rng() < 0.5 };
    case 'hard':
      return { angleDeg: sign * between(rng, 2, 8), blur: between(rng, 1.0, 1.6), noise: between(rng, 12, 22), light: between(rng, 0.35, 0.55), jpegQuality: Math.round(between(rng, 35, 55)), texture: true };
  }
}

/**
 * How the page is printed: ICAO 9303's nominal geometry by default (pitch 2.54 mm, OCR-B cap height ≈ 2.5 mm,
 * lines 4.2 mm apart); a variation moves it the way other printers do.
 */
interface Print {
  readonly pitchMm: number;
  readonly fontMm: number;
  readonly lineGapMm: number;
  /** Baseline of the last MRZ line above the page's bottom edge. */
  readonly bottomMm: number;
  /** Left end of the MRZ; null centres it. */
  readonly leftMm: number | null;
  /** Extra stroke half-width (mm): > 0 bolder, < 0 thinner. */
  readonly strokeMm: number;
  /** Guilloche darkness 0..1 (0: none). */
  readonly guilloche: number;
  readonly holographic: number;
  /** Glare and thumb strength (0..2), −1 for none. */
  readonly glare: number;
  readonly thumb: number;
}

const NOMINAL: Print = { pitchMm: 2.54, fontMm: 3.45, lineGapMm: 4.2, bottomMm: 4.2, leftMm: null, strokeMm: 0, guilloche: 0, holographic: 0, glare: -1, thumb: -1 };
/** OCR-B's cap height and advance per em (measured on the font). */
const OCR_B_CAP_PER_EM = 0.72;

function printFor(rng: Rng, width: number, variation: CaptureVariation, level: 0 | 1 | 2, texture: boolean): Print {
  const { w: wMm } = docSizeMm(width);
  const at = <T>(values: readonly [T, T, T]): T => values[level];
  const ratio = variation === 'pitch-height' ? (rng() < 0.5 ? between(rng, 0.8, 0.85) : between(rng, 1.2, 1.25)) : between(rng, 0.85, 1.2);
  const edge = variation === 'margins' ? at([2.2, 1.4, 0.8]) : 2.5;
  const pitchMm = Math.min(between(rng, 2.3, 2.6), (wMm - 2 * edge) / width);
  const cap = Math.max(1.8, Math.min(3.1, pitchMm / ratio));
  const lineGapMm = variation === 'line-spacing' ? cap * (rng() < 0.5 ? at([1.45, 1.3, 1.2]) : at([2.0, 2.2, 2.4])) : Math.max(1.4 * cap, between(rng, 3.6, 4.8));
  const lineMm = (width - 1) * pitchMm + 0.62 * cap;
  return {
    pitchMm,
    fontMm: cap / OCR_B_CAP_PER_EM,
    lineGapMm,
    bottomMm: variation === 'margins' ? at([2.5, 1.5, 0.8]) : between(rng, 3, 6),
    leftMm: variation === 'margins' ? (rng() < 0.5 ? edge : wMm - edge - lineMm) : null,
    strokeMm: variation === 'stroke' ? (rng() < 0.5 ? -1 : 1) * at([0.03, 0.06, 0.09]) : between(rng, -0.02, 0.04),
    guilloche: variation === 'guilloche' ? at([0.4, 0.6, 0.8]) : texture ? 0.3 : 0,
    holographic: variation === 'holographic' ? at([0.12, 0.22, 0.32]) : 0,
    glare: variation === 'glare' ? level : -1,
    thumb: variation === 'thumb' ? level : -1,
  };
}

/** The document itself, upright, as SVG at `pxPerMm`. */
function documentSvg(lines: readonly string[], pxPerMm: number, rng: Rng, print: Print, vizLines: readonly string[]): { svg: string; w: number; h: number } {
  const width = lines[0]?.length ?? 44;
  const { w: wMm, h: hMm } = docSizeMm(width);
  const w = Math.round(wMm * pxPerMm);
  const h = Math.round(hMm * pxPerMm);
  const pitch = print.pitchMm * pxPerMm;
  const fontSize = print.fontMm * pxPerMm; // OCR-B cap height ≈ 0.72 em → ≈ 2.5 mm nominal, within ICAO's range
  const lineGap = print.lineGapMm * pxPerMm;
  const left = print.leftMm !== null ? print.leftMm * pxPerMm : ((wMm - width * print.pitchMm) / 2) * pxPerMm;
  const bottom = h - print.bottomMm * pxPerMm;
  const tint = `rgb(${Math.round(between(rng, 225, 250))},${Math.round(between(rng, 225, 245))},${Math.round(between(rng, 215, 240))})`;
  const parts: string[] = [`<rect width="${w}" height="${h}" rx="${3 * pxPerMm}" fill="${tint}"/>`];
  const defs: string[] = [];
  if (print.guilloche > 0) {
    // Guilloche-like security print: fine wavy lines across the page, including under the MRZ.
    // 0.3 is the degraded and hard sets' texture; stronger values darken it towards a deep blue.
    const m = Math.max(0, (print.guilloche - 0.3) / 0.7);
    const colour = `rgb(${Math.round(between(rng, 150, 200) * (1 - m) + 40 * m)},${Math.round(between(rng, 160, 210) * (1 - m) + 60 * m)},${Math.round(between(rng, 190, 230) * (1 - m) + 150 * m)})`;
    const count = print.guilloche > 0.35 ? 48 : 28;
    for (let k = 0; k < count; k++) {
      const y0 = (k / count) * h;
      const amp = between(rng, 2, 6) * pxPerMm;
      const per = between(rng, 15, 35) * pxPerMm;
      let d = `M0 ${y0.toFixed(1)}`;
      for (let x = 0; x <= w; x += pxPerMm * 2) d += ` L${x} ${(y0 + amp * Math.sin((x / per) * 2 * Math.PI + k)).toFixed(1)}`;
      parts.push(`<path d="${d}" stroke="${colour}" stroke-width="${(0.12 * pxPerMm).toFixed(2)}" fill="none"/>`);
    }
  }
  if (print.holographic > 0) {
    // Iridescent overlay: a rainbow band sweeping across the page and a lattice of translucent rings.
    defs.push(`<linearGradient id="holo" x1="0" y1="0" x2="1" y2="${between(rng, 0.2, 0.8).toFixed(2)}"><stop offset="0" stop-color="#f55"/><stop offset="0.25" stop-color="#fd4"/><stop offset="0.5" stop-color="#4e8"/><stop offset="0.75" stop-color="#49f"/><stop offset="1" stop-color="#c5f"/></linearGradient>`);
    parts.push(`<rect width="${w}" height="${h}" fill="url(#holo)" opacity="${print.holographic.toFixed(2)}"/>`);
    for (let y = 6 * pxPerMm; y < h; y += 11 * pxPerMm) {
      for (let x = 6 * pxPerMm; x < w; x += 13 * pxPerMm) parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${(3.5 * pxPerMm).toFixed(1)}" fill="none" stroke="url(#holo)" stroke-width="${(0.5 * pxPerMm).toFixed(1)}" opacity="${(print.holographic * 1.5).toFixed(2)}"/>`);
    }
  }
  // Photo area and visual zone.
  const photoW = wMm * 0.26 * pxPerMm;
  const photoH = photoW * 1.28;
  const photoX = 5 * pxPerMm;
  const photoY = Math.max(3 * pxPerMm, bottom - (lines.length + 1) * lineGap - photoH - 2 * pxPerMm);
  parts.push(`<rect x="${photoX}" y="${photoY}" width="${photoW}" height="${photoH}" fill="rgb(150,160,170)"/>`);
  parts.push(`<ellipse cx="${photoX + photoW / 2}" cy="${photoY + photoH * 0.42}" rx="${photoW * 0.28}" ry="${photoH * 0.26}" fill="rgb(205,170,150)"/>`);
  parts.push(`<rect x="${photoX + photoW * 0.15}" y="${photoY + photoH * 0.72}" width="${photoW * 0.7}" height="${photoH * 0.28}" fill="rgb(60,70,90)"/>`);
  const vx = photoX + photoW + 4 * pxPerMm;
  const small = 1.8 * pxPerMm;
  const big = 2.6 * pxPerMm;
  parts.push(`<text x="${vx}" y="${3 * pxPerMm + big}" font-family="DejaVu Sans" font-weight="bold" font-size="${big}" fill="rgb(40,40,90)">${width === 30 ? 'IDENTITY CARD' : 'PASSPORT / PASSEPORT'}</text>`);
  const viz = vizLines.length > 0 ? vizLines : ['Surname / Nom', 'SPECIMEN', 'Given names / Prénoms', 'SAMPLE', 'Date of birth', '01 JAN 1980'];
  viz.forEach((t, k) => {
    const label = k % 2 === 0;
    const y = 3 * pxPerMm + big + (k + 1) * (label ? 2.6 : 2.9) * pxPerMm + 1.5 * pxPerMm;
    if (y < photoY + photoH) parts.push(`<text x="${vx}" y="${y}" font-family="DejaVu Sans" font-size="${label ? small * 0.8 : small}" fill="rgb(${label ? '80,80,120' : '20,20,20'})">${escapeXml(t)}</text>`);
  });
  // MRZ: one glyph per cell so the pitch is exact; stroke weight changed by a morphology filter on its group.
  const radius = Math.abs(print.strokeMm) * pxPerMm;
  if (radius >= 0.3) defs.push(`<filter id="weight"><feMorphology operator="${print.strokeMm > 0 ? 'dilate' : 'erode'}" radius="${radius.toFixed(2)}"/></filter>`);
  parts.push(`<g${radius >= 0.3 ? ' filter="url(#weight)"' : ''}>`);
  lines.forEach((line, i) => {
    const y = bottom - (lines.length - 1 - i) * lineGap;
    const xs = Array.from(line, (_, j) => (left + j * pitch).toFixed(1)).join(' ');
    parts.push(`<text x="${xs}" y="${y.toFixed(1)}" font-family="OCR B" font-size="${fontSize.toFixed(1)}" fill="rgb(18,18,22)">${escapeXml(line)}</text>`);
  });
  parts.push('</g>');
  const mrzTop = bottom - (lines.length - 1) * lineGap - fontSize * OCR_B_CAP_PER_EM;
  if (print.thumb >= 0) {
    // A thumb holding the card, over the visual zone; at the hard level its tip stops just above the MRZ.
    const rx = [7, 9, 11][print.thumb]! * pxPerMm;
    const ry = [11, 14, 16][print.thumb]! * pxPerMm;
    const tipY = mrzTop - [6, 3, 0.8][print.thumb]! * pxPerMm;
    const cx = rng() < 0.5 ? between(rng, 0.05, 0.3) * w : between(rng, 0.7, 0.95) * w;
    defs.push(`<filter id="soft"><feGaussianBlur stdDeviation="${(0.6 * pxPerMm).toFixed(1)}"/></filter>`);
    parts.push(`<ellipse cx="${(cx + 0.8 * pxPerMm).toFixed(1)}" cy="${(tipY - ry + 0.5 * pxPerMm).toFixed(1)}" rx="${rx.toFixed(1)}" ry="${ry.toFixed(1)}" fill="rgb(0,0,0)" opacity="0.3" filter="url(#soft)"/>`);
    parts.push(`<ellipse cx="${cx.toFixed(1)}" cy="${(tipY - ry).toFixed(1)}" rx="${rx.toFixed(1)}" ry="${ry.toFixed(1)}" fill="rgb(${Math.round(between(rng, 195, 225))},${Math.round(between(rng, 150, 170))},${Math.round(between(rng, 125, 140))})"/>`);
  }
  if (print.glare >= 0) {
    // Laminate glare: a soft white highlight; degraded reaches the MRZ's top line, hard lies across the MRZ.
    const cy = [photoY + photoH / 2, mrzTop, mrzTop + lineGap / 2][print.glare]!;
    defs.push('<radialGradient id="glare"><stop offset="0" stop-color="#fff" stop-opacity="1"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient>');
    parts.push(`<ellipse cx="${(between(rng, 0.25, 0.75) * w).toFixed(1)}" cy="${cy.toFixed(1)}" rx="${(between(rng, 14, 26) * pxPerMm).toFixed(1)}" ry="${(between(rng, 5, 9) * pxPerMm).toFixed(1)}" fill="url(#glare)" opacity="${[0.6, 0.65, 0.75][print.glare]}"/>`);
  }
  return { svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs>${defs.join('')}</defs>${parts.join('')}</svg>`, w, h };
}

/** A blur along one direction: a normalised line kernel for libvips' convolution. */
function motionKernel(length: number, angleDeg: number): { width: number; height: number; kernel: number[]; scale: number } {
  const size = Math.max(3, 2 * Math.ceil(length / 2) + 1);
  const c = (size - 1) / 2;
  const a = (angleDeg * Math.PI) / 180;
  const kernel = new Array<number>(size * size).fill(0);
  for (let t = -length / 2; t <= length / 2; t += 0.25) {
    const x = Math.round(c + t * Math.cos(a));
    const y = Math.round(c + t * Math.sin(a));
    kernel[y * size + x]! += 1;
  }
  return { width: size, height: size, kernel, scale: kernel.reduce((p, q) => p + q, 0) };
}

/** Inverse-maps the frame through a perspective (page corners moved by `jitter` of the page size). */
function warpPerspective(raw: Buffer, W: number, H: number, rng: Rng, jitter: number, bg: number): Buffer {
  const src: Point[] = [[0, 0], [W, 0], [W, H], [0, H]];
  // A tilted camera: one side nearer (larger) than the opposite one, plus some wobble per corner.
  const near = (rng() < 0.5 ? -1 : 1) * jitter;
  const horizontal = rng() < 0.5;
  const dst = src.map(([x, y]): Point => {
    const sx = x === 0 ? -1 : 1;
    const sy = y === 0 ? -1 : 1;
    const grow = 1 + (horizontal ? sx : sy) * near;
    const dx = (W / 2) * sx * (horizontal ? 1 : grow) + between(rng, -1, 1) * jitter * 0.3 * W;
    const dy = (H / 2) * sy * (horizontal ? grow : 1) + between(rng, -1, 1) * jitter * 0.3 * H;
    return [W / 2 + dx * 0.85, H / 2 + dy * 0.85];
  });
  const inverse = homographyFromPoints(dst, src);
  if (!inverse) return raw;
  const out = Buffer.alloc(raw.length, bg);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const [u, v] = applyHomography(inverse, x + 0.5, y + 0.5);
      const x0 = Math.floor(u - 0.5);
      const y0 = Math.floor(v - 0.5);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= W || y0 + 1 >= H) continue;
      const fx = u - 0.5 - x0;
      const fy = v - 0.5 - y0;
      for (let c = 0; c < 3; c++) {
        const p = (y0 * W + x0) * 3 + c;
        const top = raw[p]! * (1 - fx) + raw[p + 3]! * fx;
        const bottom = raw[p + W * 3]! * (1 - fx) + raw[p + W * 3 + 3]! * fx;
        out[(y * W + x) * 3 + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return out;
}

/** Renders `lines` (a generated MRZ) on a document page in a frame and degrades it per `quality`. */
export async function renderDocumentImage(lines: readonly string[], options: DocumentImageOptions): Promise<DocumentImage> {
  const { rng: main, dpi, quality } = options;
  const pxPerMm = dpi / MM_PER_INCH;
  const d = degradation(main, quality);
  // A variation draws from its own stream, so the sets without one stay exactly as they were.
  const variation = options.variation;
  const rng = variation ? seededRng(Math.floor(main() * 4294967296)) : main;
  const level = ({ clean: 0, degraded: 1, hard: 2 } as const)[quality];
  const print = variation ? printFor(rng, lines[0]?.length ?? 44, variation, level, d.texture) : { ...NOMINAL, guilloche: d.texture ? 0.3 : 0 };
  const at = <T>(values: readonly [T, T, T]): T => values[level];
  if (variation === 'rotation') d.angleDeg = level === 0 ? (rng() < 0.5 ? -1 : 1) * between(rng, 2, 8) : level === 1 ? (rng() < 0.5 ? -1 : 1) * between(rng, 8, 25) : [180, 180, 90, 270][Math.floor(rng() * 4)]! + between(rng, -3, 3);
  const glyphPx = print.fontMm * OCR_B_CAP_PER_EM * pxPerMm;
  if (variation === 'defocus') d.blur = glyphPx * at([0.04, 0.07, 0.1]);
  if (variation === 'jpeg') d.jpegQuality = Math.round(at([between(rng, 70, 95), between(rng, 45, 70), between(rng, 30, 45)]));
  const doc = documentSvg(lines, pxPerMm, main, print, options.vizLines ?? []);
  // Frame: scanner bed / camera field around the document, document placed off-centre.
  const marginX = Math.round(between(main, 8, 25) * pxPerMm);
  const marginY = Math.round(between(main, 8, 25) * pxPerMm);
  const frameW = doc.w + marginX + Math.round(between(main, 8, 25) * pxPerMm);
  const frameH = doc.h + marginY + Math.round(between(main, 8, 25) * pxPerMm);
  const bg = Math.round(between(main, 40, 120));
  const rotated = await sharp(Buffer.from(doc.svg))
    .rotate(d.angleDeg, { background: { r: bg, g: bg, b: bg, alpha: 1 } })
    .flatten({ background: { r: bg, g: bg, b: bg } })
    .png()
    .toBuffer({ resolveWithObject: true });
  const left = Math.max(0, Math.min(frameW - rotated.info.width, marginX - Math.round((rotated.info.width - doc.w) / 2)));
  const top = Math.max(0, Math.min(frameH - rotated.info.height, marginY - Math.round((rotated.info.height - doc.h) / 2)));
  const W = Math.max(frameW, rotated.info.width);
  const H = Math.max(frameH, rotated.info.height);
  let pipeline = sharp({ create: { width: W, height: H, channels: 3, background: { r: bg, g: bg, b: bg } } })
    .composite([{ input: rotated.data, left, top }]);
  let raw: Buffer = await pipeline.removeAlpha().raw().toBuffer();
  if (raw.length !== W * H * 3) throw new Error(`renderDocumentImage: unexpected raw size ${raw.length} for ${W}x${H}x3`);
  if (variation === 'perspective') raw = warpPerspective(raw, W, H, rng, at([0.03, 0.07, 0.12]), bg);
  if (d.blur > 0) raw = await sharp(raw, { raw: { width: W, height: H, channels: 3 } }).blur(d.blur).removeAlpha().raw().toBuffer();
  if (variation === 'motion') raw = await sharp(raw, { raw: { width: W, height: H, channels: 3 } }).convolve(motionKernel(glyphPx * at([0.1, 0.2, 0.3]), between(rng, 0, 180))).removeAlpha().raw().toBuffer();
  // Low light: a short exposure amplified back, so the sensor noise grows with the gain.
  const exposure = variation === 'low-light' ? at([0.5, 0.3, 0.18]) : 1;
  const noise = variation === 'low-light' ? at([6, 12, 20]) : d.noise;
  // Uneven light: a linear gradient plus a soft shadow blob; then Gaussian-ish sensor noise.
  const gx = between(main, -1, 1);
  const gy = between(main, -1, 1);
  const sx = between(main, 0, W);
  const sy = between(main, 0, H);
  const sr = between(main, 0.2, 0.5) * Math.max(W, H);
  const out = Buffer.alloc(raw.length);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const dist = Math.hypot(x - sx, y - sy) / sr;
      const shade = 1 - d.light * (0.5 + 0.5 * ((gx * (x / W - 0.5) + gy * (y / H - 0.5)))) - d.light * 0.6 * Math.exp(-dist * dist);
      const n = noise * (main() + main() + main() - 1.5) * 1.4;
      const o = (y * W + x) * 3;
      for (let c = 0; c < 3; c++) {
        const v = exposure === 1 ? raw[o + c]! * shade + n : (raw[o + c]! * shade * exposure + n * exposure) * (0.85 / exposure);
        out[o + c] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  pipeline = sharp(out, { raw: { width: W, height: H, channels: 3 } });
  const image = await pipeline.jpeg({ quality: d.jpegQuality }).toBuffer();
  return { image, width: W, height: H, params: { angleDeg: d.angleDeg, blur: d.blur, noise: d.noise, jpegQuality: d.jpegQuality } };
}

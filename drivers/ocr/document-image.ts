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
import type { Rng } from '../mrz/index.ts';

export type ImageQuality = 'clean' | 'degraded' | 'hard';

export interface DocumentImageOptions {
  readonly rng: Rng;
  /** Sampling resolution of the scan or photo (300 or 150 in the bench). */
  readonly dpi: number;
  readonly quality: ImageQuality;
  /** Surname / given names printed in the visual zone (defaults to placeholder text). */
  readonly vizLines?: readonly string[];
}

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

/** The document itself, upright, as SVG at `pxPerMm`. */
function documentSvg(lines: readonly string[], pxPerMm: number, rng: Rng, texture: boolean, vizLines: readonly string[]): { svg: string; w: number; h: number } {
  const width = lines[0]?.length ?? 44;
  const { w: wMm, h: hMm } = docSizeMm(width);
  const w = Math.round(wMm * pxPerMm);
  const h = Math.round(hMm * pxPerMm);
  const pitch = 2.54 * pxPerMm;
  const fontSize = 3.45 * pxPerMm; // OCR-B cap height ≈ 0.7 em → ≈ 2.4 mm, within ICAO's 2.0–3.0 mm
  const lineGap = 4.2 * pxPerMm;
  const left = (wMm - width * 2.54) / 2 * pxPerMm;
  const bottom = h - 4.2 * pxPerMm;
  const tint = `rgb(${Math.round(between(rng, 225, 250))},${Math.round(between(rng, 225, 245))},${Math.round(between(rng, 215, 240))})`;
  const parts: string[] = [`<rect width="${w}" height="${h}" rx="${3 * pxPerMm}" fill="${tint}"/>`];
  if (texture) {
    // Guilloche-like security print: fine wavy lines across the page, including under the MRZ.
    const colour = `rgb(${Math.round(between(rng, 150, 200))},${Math.round(between(rng, 160, 210))},${Math.round(between(rng, 190, 230))})`;
    for (let k = 0; k < 28; k++) {
      const y0 = (k / 28) * h;
      const amp = between(rng, 2, 6) * pxPerMm;
      const per = between(rng, 15, 35) * pxPerMm;
      let d = `M0 ${y0.toFixed(1)}`;
      for (let x = 0; x <= w; x += pxPerMm * 2) d += ` L${x} ${(y0 + amp * Math.sin((x / per) * 2 * Math.PI + k)).toFixed(1)}`;
      parts.push(`<path d="${d}" stroke="${colour}" stroke-width="${(0.12 * pxPerMm).toFixed(2)}" fill="none"/>`);
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
  // MRZ: one glyph per cell so the pitch is exactly 10 cpi.
  lines.forEach((line, i) => {
    const y = bottom - (lines.length - 1 - i) * lineGap;
    const xs = Array.from(line, (_, j) => (left + j * pitch).toFixed(1)).join(' ');
    parts.push(`<text x="${xs}" y="${y.toFixed(1)}" font-family="OCR B" font-size="${fontSize.toFixed(1)}" fill="rgb(18,18,22)">${escapeXml(line)}</text>`);
  });
  return { svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${parts.join('')}</svg>`, w, h };
}

/** Renders `lines` (a generated MRZ) on a document page in a frame and degrades it per `quality`. */
export async function renderDocumentImage(lines: readonly string[], options: DocumentImageOptions): Promise<DocumentImage> {
  const { rng, dpi, quality } = options;
  const pxPerMm = dpi / MM_PER_INCH;
  const d = degradation(rng, quality);
  const doc = documentSvg(lines, pxPerMm, rng, d.texture, options.vizLines ?? []);
  // Frame: scanner bed / camera field around the document, document placed off-centre.
  const marginX = Math.round(between(rng, 8, 25) * pxPerMm);
  const marginY = Math.round(between(rng, 8, 25) * pxPerMm);
  const frameW = doc.w + marginX + Math.round(between(rng, 8, 25) * pxPerMm);
  const frameH = doc.h + marginY + Math.round(between(rng, 8, 25) * pxPerMm);
  const bg = Math.round(between(rng, 40, 120));
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
  let raw = await pipeline.removeAlpha().raw().toBuffer();
  if (d.blur > 0) raw = await sharp(raw, { raw: { width: W, height: H, channels: 3 } }).blur(d.blur).removeAlpha().raw().toBuffer();
  if (raw.length !== W * H * 3) throw new Error(`renderDocumentImage: unexpected raw size ${raw.length} for ${W}x${H}x3`);
  // Uneven light: a linear gradient plus a soft shadow blob; then Gaussian-ish sensor noise.
  const gx = between(rng, -1, 1);
  const gy = between(rng, -1, 1);
  const sx = between(rng, 0, W);
  const sy = between(rng, 0, H);
  const sr = between(rng, 0.2, 0.5) * Math.max(W, H);
  const out = Buffer.alloc(raw.length);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const dist = Math.hypot(x - sx, y - sy) / sr;
      const shade = 1 - d.light * (0.5 + 0.5 * ((gx * (x / W - 0.5) + gy * (y / H - 0.5)))) - d.light * 0.6 * Math.exp(-dist * dist);
      const n = d.noise * (rng() + rng() + rng() - 1.5) * 1.4;
      const o = (y * W + x) * 3;
      for (let c = 0; c < 3; c++) {
        const v = raw[o + c]! * shade + n;
        out[o + c] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  pipeline = sharp(out, { raw: { width: W, height: H, channels: 3 } });
  const image = await pipeline.jpeg({ quality: d.jpegQuality }).toBuffer();
  return { image, width: W, height: H, params: { angleDeg: d.angleDeg, blur: d.blur, noise: d.noise, jpegQuality: d.jpegQuality } };
}

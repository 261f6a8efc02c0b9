/**
 * The OCR bench's second, independent image generator. It shares no code with drivers/ocr/document-image.ts:
 * the MRZ text is composed here from its own name and number pools with its own 7-3-1 check digits
 * (ICAO 9303-3 §4.9), and the page is drawn, photographed and degraded by ImageMagick (`convert`, a child
 * process: FreeType glyphs, ImageMagick's own perspective resampling, blur and noise) instead of librsvg and
 * libvips. Its purpose is to report on pages the engine was never calibrated on (docs/ocr.md, Benchmark).
 *
 * Every image has one primary variation, applied at the strength of its quality level, on top of a base that
 * always varies what printers vary (pitch-to-height ratio 0.85–1.2, glyph height, stroke weight, margins, line
 * spacing, ink colour, the OCR-B cut) and mild capture noise. The levels were fixed before the first
 * measurement and are not changed to suit the engine.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { parseMrz } from '../../drivers/mrz/index.ts';

const run = promisify(execFile);

export const MAGICK_FORMATS = ['TD3', 'TD1', 'TD2', 'MRVA', 'MRVB', 'CN_EEP_1LINE'] as const;
export type MagickFormat = (typeof MAGICK_FORMATS)[number];

export const VARIATIONS = [
  'pitch-height',
  'stroke',
  'margins',
  'line-spacing',
  'guilloche',
  'holographic',
  'glare',
  'perspective',
  'rotation',
  'defocus',
  'motion',
  'low-light',
  'jpeg',
  'thumb',
] as const;
export type Variation = (typeof VARIATIONS)[number];
export type Level = 'clean' | 'degraded' | 'hard';
const LEVEL_INDEX: Record<Level, 0 | 1 | 2> = { clean: 0, degraded: 1, hard: 2 };

/** xorshift128+-style generator in 32-bit halves: reproducible, and unrelated to the first generator's. */
export function xorshiftRandom(seed: number): () => number {
  let s0 = (seed ^ 0x9e3779b9) >>> 0 || 1;
  let s1 = (Math.imul(seed, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0 || 2;
  return () => {
    let x = s0;
    const y = s1;
    s0 = y;
    x ^= x << 23;
    x ^= x >>> 17;
    x ^= y ^ (y >>> 26);
    s1 = x >>> 0;
    return ((s0 + s1) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const range = (r: Random, lo: number, hi: number) => lo + (hi - lo) * r();
const oneOf = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const sign = (r: Random) => (r() < 0.5 ? -1 : 1);
/** The value for a level, from the clean, degraded and hard ones. */
const lv = <T>(level: 0 | 1 | 2, values: readonly [T, T, T]): T => values[level];

// ---------------------------------------------------------------------------------------------------------
// MRZ text (ICAO 9303-4 §4.2 TD3, 9303-5 TD1, 9303-6 TD2, 9303-7 MRV-A/B; the CS permit as docs/mrz.md)

const SURNAMES = ['MUELLER', 'DA SILVA', 'OLIVEIRA', 'WANG', 'LI', 'ZHANG', 'CHEN', 'NGUYEN', 'SMITH', 'O BRIEN', 'VAN DER BERG', 'KOWALSKA', 'GARCIA LOPEZ', 'HOANG', 'SANTOS', 'FERREIRA', 'OUYANG', 'SZCZEPANSKI', 'AL HASHEMI', 'MACDONALD', 'DUPONT', 'ROSSI', 'YAMAMOTO', 'KIM', 'HERNANDEZ', 'IVANOVA', 'PAPADOPOULOS', 'WOJCIECHOWSKI', 'LEUNG', 'CHAN', 'XU', 'AU', 'NG', 'O', 'BJOERK'];
const GIVEN = ['ANA', 'JOAO PEDRO', 'XIAOMING', 'MEI LING', 'JOHN PAUL', 'MARIA DA CONCEICAO', 'WEI', 'HUI MIN', 'SOPHIE', 'MOHAMMED', 'KATARZYNA', 'JEAN LUC', 'YUKI', 'MIN JUN', 'OLGA', 'CHRISTOPHER ALEXANDER', 'LUIS MIGUEL', 'ZI XUAN', 'KA WAI', 'HELENA', 'BO', 'QI', 'ALEXANDRA VICTORIA'];
const STATES = ['CHN', 'PRT', 'BRA', 'D<<', 'FRA', 'GBR', 'USA', 'NLD', 'JPN', 'KOR', 'VNM', 'PHL', 'AUS', 'CAN', 'ESP', 'ITA', 'POL', 'IND', 'MAC', 'HKG', 'TWN', 'SGP', 'THA', 'MOZ', 'AGO', 'CPV', 'UTO', 'ZAF', 'MEX', 'SWE', 'CHE', 'RUS'];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** ICAO 9303-3 §4.9: weights 7, 3, 1 repeating; A = 10 … Z = 35, filler 0. */
export function icaoCheck(s: string): string {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : 0;
    sum += v * [7, 3, 1][i % 3]!;
  }
  return String(sum % 10);
}

const pad = (s: string, n: number) => (s + '<'.repeat(n)).slice(0, n);

function nameField(r: Random, width: number): string {
  const surname = oneOf(r, SURNAMES).replace(/ /g, '<');
  const given = (r() < 0.6 ? oneOf(r, GIVEN) : `${oneOf(r, GIVEN)} ${oneOf(r, GIVEN)}`).replace(/ /g, '<');
  return pad(r() < 0.05 ? surname : `${surname}<<${given}`, width);
}

function yymmdd(r: Random, fromYear: number, toYear: number): string {
  const y = Math.floor(range(r, fromYear, toYear + 1));
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * (m === 2 ? 28 : 30));
  return `${String(y % 100).padStart(2, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
}

function documentNumber(r: Random): string {
  const kind = r();
  if (kind < 0.4) return Array.from({ length: 9 }, () => String(Math.floor(r() * 10))).join('');
  if (kind < 0.8) return oneOf(r, ['E', 'G', 'K', 'C', 'P', 'X']) + Array.from({ length: 8 }, () => String(Math.floor(r() * 10))).join('');
  return pad(Array.from({ length: 6 + Math.floor(r() * 4) }, () => oneOf(r, [...ALNUM])).join(''), 9);
}

function optional(r: Random, width: number): string {
  if (r() < 0.55) return '<'.repeat(width);
  const len = 1 + Math.floor(r() * width);
  return pad(Array.from({ length: len }, () => oneOf(r, [...ALNUM])).join(''), width);
}

/** A valid MRZ of `format`, its check digits computed here; the engine's strict parse must accept it. */
export function composeMrz(format: MagickFormat, r: Random): string[] {
  const num = documentNumber(r);
  const birth = yymmdd(r, 1940, 2019);
  const expiry = yymmdd(r, 2024, 2036);
  const sex = oneOf(r, ['M', 'F', 'F', 'M', '<', 'X']);
  const issuer = oneOf(r, STATES);
  const nat = r() < 0.7 ? issuer : oneOf(r, STATES);
  const nd = num + icaoCheck(num);
  const bd = birth + icaoCheck(birth);
  const ed = expiry + icaoCheck(expiry);
  let lines: string[];
  switch (format) {
    case 'TD3': {
      const opt = optional(r, 14);
      const optCheck = opt === '<'.repeat(14) ? (r() < 0.5 ? '<' : '0') : icaoCheck(opt);
      const l2 = `${nd}${nat}${bd}${sex}${ed}${opt}${optCheck}`;
      lines = [`P${oneOf(r, ['<', '<', '<', 'O', 'D'])}${issuer}${nameField(r, 39)}`, l2 + icaoCheck(nd + bd + ed + opt + optCheck)];
      break;
    }
    case 'TD1': {
      const o1 = optional(r, 15);
      const o2 = optional(r, 11);
      const l1 = `${oneOf(r, ['I<', 'ID', 'A<', 'C<', 'IR'])}${issuer}${nd}${o1}`;
      const l2 = `${bd}${sex}${ed}${nat}${o2}`;
      lines = [l1, l2 + icaoCheck(nd + o1 + bd + ed + o2), nameField(r, 30)];
      break;
    }
    case 'TD2': {
      const o = optional(r, 7);
      // IDFRA on 2 × 36 is the old French card, not a TD2 (docs/mrz.md): such a card says I<FRA here.
      const code = oneOf(r, ['I<', 'ID', 'AC', 'C<']);
      lines = [`${code === 'ID' && issuer === 'FRA' ? 'I<' : code}${issuer}${nameField(r, 31)}`, `${nd}${nat}${bd}${sex}${ed}${o}${icaoCheck(nd + bd + ed + o)}`];
      break;
    }
    case 'MRVA':
      lines = [`V<${issuer}${nameField(r, 39)}`, `${nd}${nat}${bd}${sex}${ed}${optional(r, 16)}`];
      break;
    case 'MRVB':
      lines = [`V<${issuer}${nameField(r, 31)}`, `${nd}${nat}${bd}${sex}${ed}${optional(r, 8)}`];
      break;
    case 'CN_EEP_1LINE': {
      const cn = `C${Array.from({ length: 8 }, () => String(Math.floor(r() * 10))).join('')}`;
      const c = cn + icaoCheck(cn);
      lines = [`CS${c}<${ed}<${bd}<${icaoCheck(c + ed + bd)}`];
      break;
    }
  }
  const check = parseMrz(lines, { mode: 'strict', now: new Date('2026-06-01T00:00:00Z') });
  if (!check.ok || !check.valid) throw new Error(`composeMrz made an MRZ the engine rejects (${format}): ${lines.join(' / ')}`);
  return lines;
}

// ---------------------------------------------------------------------------------------------------------
// Page and capture

const FONT_DIR = '/usr/share/fonts/opentype/ocr-b';
/** Regular and "Sharp" cuts of OCR-B (Debian fonts-ocr-b). */
const MRZ_FONTS = [`${FONT_DIR}/OCRB.otf`, `${FONT_DIR}/OCRBS.otf`];
/** OCR-B's advance and cap height per em, measured on the font: 0.72 and 0.72. */
const ADVANCE_PER_EM = 0.72;
const CAP_PER_EM = 0.72;
/** Pixels per millimetre the page is drawn at, before the capture resamples it. */
const PAGE_PX_MM = 12;

export interface MagickSample {
  readonly truth: readonly string[];
  readonly format: MagickFormat;
  readonly variation: Variation;
  readonly level: Level;
  /** What was drawn, for the bench's per-variation report and for looking at a miss. */
  readonly params: Readonly<Record<string, number | string>>;
}

interface Page {
  readonly wMm: number;
  readonly hMm: number;
  readonly args: string[];
  /** Where the MRZ block lies on the page (mm), for placing glare and thumbs relative to it. */
  readonly mrzTopMm: number;
}

const mm = (v: number) => (v * PAGE_PX_MM).toFixed(1);
const rgb = (r: number, g: number, b: number, a = 1) => (a >= 1 ? `rgb(${r | 0},${g | 0},${b | 0})` : `rgba(${r | 0},${g | 0},${b | 0},${a.toFixed(3)})`);
const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/%/g, '%%');

function pageSize(format: MagickFormat): { w: number; h: number } {
  if (format === 'TD1' || format === 'CN_EEP_1LINE') return { w: 85.6, h: 54 };
  if (format === 'TD2' || format === 'MRVB') return { w: 105, h: 74 };
  return { w: 125, h: 88 };
}

function guillocheArgs(r: Random, wMm: number, hMm: number, strength: number): string[] {
  const out: string[] = [];
  const hue = oneOf(r, [[90, 120, 200], [60, 150, 110], [190, 90, 140], [150, 120, 60]] as const);
  const mix = (c: number) => 245 - (245 - c) * strength;
  const curves = 26 + Math.floor(r() * 20);
  for (let k = 0; k < curves; k++) {
    // Interleaved sine rosettes: two incommensurate frequencies, like a guilloche engine's wheels.
    const y0 = range(r, -5, hMm + 5);
    const a1 = range(r, 1.5, 6);
    const a2 = range(r, 0.5, 2.5);
    const p1 = range(r, 12, 40);
    const p2 = range(r, 3, 9);
    const ph = range(r, 0, 6.3);
    const pts: string[] = [];
    for (let x = -2; x <= wMm + 2; x += 0.5) pts.push(`${mm(x)},${mm(y0 + a1 * Math.sin((x / p1) * 6.283 + ph) + a2 * Math.sin((x / p2) * 6.283 + k))}`);
    out.push('-stroke', rgb(mix(hue[0]), mix(hue[1]), mix(hue[2])), '-strokewidth', (range(r, 0.06, 0.16) * PAGE_PX_MM).toFixed(2), '-fill', 'none', '-draw', `polyline ${pts.join(' ')}`);
  }
  return out;
}

function holographicArgs(r: Random, wMm: number, hMm: number, opacity: number): string[] {
  const out: string[] = ['-stroke', 'none'];
  const rainbow = [[255, 80, 80], [255, 200, 60], [80, 220, 120], [60, 160, 255], [200, 90, 255]] as const;
  // Translucent iridescent emblems in a repeating pattern, and a few broad colour sweeps.
  for (let y = range(r, 0, 8); y < hMm; y += range(r, 9, 14)) {
    for (let x = range(r, 0, 10); x < wMm; x += range(r, 11, 16)) {
      const c = oneOf(r, rainbow);
      const s = range(r, 2.5, 4.5);
      const star = Array.from({ length: 10 }, (_, i) => {
        const rad = i % 2 === 0 ? s : s * 0.45;
        const a = (i / 10) * 6.283;
        return `${mm(x + rad * Math.cos(a))},${mm(y + rad * Math.sin(a))}`;
      });
      out.push('-fill', rgb(c[0], c[1], c[2], opacity), '-draw', `polygon ${star.join(' ')}`);
    }
  }
  for (let k = 0; k < 3; k++) {
    const c = oneOf(r, rainbow);
    out.push('-fill', rgb(c[0], c[1], c[2], opacity * 0.6), '-draw', `ellipse ${mm(range(r, 0, wMm))},${mm(range(r, 0, hMm))} ${mm(range(r, 15, 40))},${mm(range(r, 6, 15))} 0,360`);
  }
  return out;
}

function drawPage(r: Random, format: MagickFormat, lines: readonly string[], variation: Variation, level: 0 | 1 | 2, params: Record<string, number | string>): Page {
  const { w: wMm, h: hMm } = pageSize(format);
  const n = lines[0]!.length;
  // Printer geometry: pitch-to-height ratio, pitch, margins, line spacing, stroke.
  const extreme = variation === 'pitch-height';
  const ratio = extreme ? (r() < 0.5 ? range(r, 0.8, 0.85) : range(r, 1.2, 1.25)) : range(r, 0.85, 1.2);
  const leftMin = variation === 'margins' ? lv(level, [2.2, 1.4, 0.8]) : 2.5;
  const maxPitch = Math.min(2.75, (wMm - 2 * leftMin) / n);
  let pitch = range(r, Math.min(2.3, maxPitch), maxPitch);
  let cap = pitch / ratio;
  if (cap > 3.1) {
    cap = 3.1;
    pitch = cap * ratio;
  }
  if (cap < 1.8) {
    cap = 1.8;
    pitch = Math.min(maxPitch, cap * ratio);
  }
  const spacing =
    variation === 'line-spacing' ? cap * (r() < 0.5 ? lv(level, [1.45, 1.3, 1.2]) : lv(level, [2.0, 2.2, 2.4])) : Math.max(cap * 1.4, range(r, 3.6, 4.8));
  const bottom = variation === 'margins' ? lv(level, [2.5, 1.5, 0.8]) : range(r, 3, 6);
  const lineWidth = (n - 1) * pitch + cap * 0.62;
  const left = variation === 'margins' ? (r() < 0.5 ? leftMin : wMm - leftMin - lineWidth) : Math.max(leftMin, (wMm - lineWidth) / 2 + range(r, -2, 2));
  const strokeMm = variation === 'stroke' ? sign(r) * lv(level, [0.03, 0.06, 0.09]) : range(r, -0.02, 0.04);
  const font = oneOf(r, MRZ_FONTS);
  const em = cap / CAP_PER_EM;
  const ink = oneOf(r, [[20, 20, 24], [30, 32, 48], [45, 45, 45], [15, 20, 40]] as const);
  Object.assign(params, { ratio: +ratio.toFixed(3), pitchMm: +pitch.toFixed(3), capMm: +cap.toFixed(3), spacingMm: +spacing.toFixed(2), bottomMm: +bottom.toFixed(2), leftMm: +left.toFixed(2), strokeMm: +strokeMm.toFixed(3), font: font.slice(FONT_DIR.length + 1) });

  const paper = [range(r, 228, 250), range(r, 226, 246), range(r, 214, 240)] as const;
  const args: string[] = ['-size', `${mm(wMm)}x${mm(hMm)}`, `xc:${rgb(paper[0], paper[1], paper[2])}`];
  // Background print: a faint guilloche on every page; the variation makes it strong and crosses the MRZ.
  const gStrength = variation === 'guilloche' ? lv(level, [0.35, 0.55, 0.75]) : range(r, 0.08, 0.2);
  args.push(...guillocheArgs(r, wMm, hMm, gStrength));
  if (variation === 'holographic') args.push(...holographicArgs(r, wMm, hMm, lv(level, [0.12, 0.22, 0.32])));
  // Visual zone: photo, headings, fields.
  const photoW = wMm * range(r, 0.22, 0.28);
  const photoH = photoW * 1.3;
  const mrzTop = hMm - bottom - (lines.length - 1) * spacing - cap;
  const photoY = Math.max(4, Math.min(mrzTop - photoH - 3, range(r, 4, 12)));
  const photoX = range(r, 3, 7);
  args.push('-stroke', 'none', '-fill', rgb(range(r, 120, 180), range(r, 130, 180), range(r, 140, 190)), '-draw', `rectangle ${mm(photoX)},${mm(photoY)} ${mm(photoX + photoW)},${mm(photoY + photoH)}`);
  args.push('-fill', rgb(210, range(r, 160, 185), 150), '-draw', `ellipse ${mm(photoX + photoW / 2)},${mm(photoY + photoH * 0.4)} ${mm(photoW * 0.27)},${mm(photoH * 0.25)} 0,360`);
  args.push('-fill', rgb(50, 60, 85), '-draw', `ellipse ${mm(photoX + photoW / 2)},${mm(photoY + photoH)} ${mm(photoW * 0.42)},${mm(photoH * 0.3)} 180,360`);
  const vx = photoX + photoW + range(r, 3, 6);
  args.push('-font', 'DejaVu-Sans-Bold', '-pointsize', mm(2.4), '-fill', rgb(40, 50, 110), '-annotate', `+${mm(vx)}+${mm(range(r, 5, 7))}`, format === 'CN_EEP_1LINE' ? 'EXIT-ENTRY PERMIT' : format.startsWith('MRV') ? 'VISA' : format === 'TD3' ? 'PASSPORT' : 'IDENTITY CARD');
  const labels = ['Surname', 'Given names', 'Nationality', 'Date of birth', 'Sex', 'Date of expiry'];
  let y = range(r, 10, 12);
  for (const label of labels) {
    if (y > mrzTop - 3) break;
    args.push('-font', 'DejaVu-Sans', '-pointsize', mm(1.5), '-fill', rgb(90, 90, 130), '-annotate', `+${mm(vx)}+${mm(y)}`, label);
    args.push('-pointsize', mm(2.1), '-fill', rgb(25, 25, 25), '-annotate', `+${mm(vx)}+${mm(y + 2.6)}`, escapeText(oneOf(r, [...SURNAMES, ...GIVEN, '12 MAR 1985', 'F', 'M', '07 SEP 2031'])));
    y += range(r, 5.2, 6.5);
  }
  if (format === 'CN_EEP_1LINE' || r() < 0.2) args.push('-font', 'Noto-Sans-CJK-SC', '-pointsize', mm(2.6), '-fill', rgb(30, 30, 30), '-annotate', `+${mm(vx)}+${mm(Math.min(mrzTop - 4, y))}`, oneOf(r, ['往来港澳通行证', '中华人民共和国', '张伟', '李小明']));
  // The MRZ on its own layer, so stroke weight can be changed by morphology without touching the page.
  const disk = (Math.abs(strokeMm) * PAGE_PX_MM).toFixed(2);
  const mrzLayer = ['(', '-size', `${mm(wMm)}x${mm(hMm)}`, 'xc:none', '-font', font, '-pointsize', mm(em), '-kerning', mm(pitch - ADVANCE_PER_EM * em), '-fill', rgb(ink[0], ink[1], ink[2]), '-stroke', 'none'];
  lines.forEach((line, i) => mrzLayer.push('-annotate', `+${mm(left)}+${mm(hMm - bottom - (lines.length - 1 - i) * spacing)}`, escapeText(line)));
  if (Math.abs(strokeMm) * PAGE_PX_MM >= 0.5) mrzLayer.push('-morphology', strokeMm > 0 ? 'Dilate' : 'Erode', `Disk:${disk}`);
  mrzLayer.push(')', '-compose', 'Over', '-composite');
  args.push(...mrzLayer);
  // A thumb over the visual zone, with its shadow; the hard level reaches down towards the MRZ.
  if (variation === 'thumb') {
    const rx = lv(level, [7, 9, 11]);
    const ry = lv(level, [11, 14, 16]);
    const ang = range(r, -25, 25);
    const a = (ang * Math.PI) / 180;
    // The lowest point of the rotated ellipse sits this far above the MRZ's top (the thumb never covers it).
    const clearance = lv(level, [6, 3, 0.8]);
    const ty = mrzTop - clearance - Math.sqrt((rx * Math.sin(a)) ** 2 + (ry * Math.cos(a)) ** 2);
    const tx = r() < 0.5 ? range(r, 0, wMm * 0.35) : range(r, wMm * 0.65, wMm);
    const thumb = (dx: number, dy: number, colour: string) => ['(', '-size', `${mm(wMm)}x${mm(hMm)}`, 'xc:none', '-fill', colour, '-draw', `translate ${mm(tx + dx)},${mm(ty + dy)} rotate ${ang.toFixed(1)} ellipse 0,0 ${mm(rx)},${mm(ry)} 0,360`];
    args.push(...thumb(1, 0.6, 'rgba(0,0,0,0.3)'), '-blur', `0x${mm(0.8)}`, ')', '-compose', 'Over', '-composite');
    args.push(...thumb(0, 0, rgb(range(r, 200, 230), range(r, 150, 175), range(r, 120, 145))), '-blur', `0x${mm(0.3)}`, ')', '-compose', 'Over', '-composite');
    params['thumbClearanceMm'] = clearance;
  }
  // Laminate glare: a soft specular ellipse; degraded and hard reach the MRZ lines, never to white.
  if (variation === 'glare') {
    const gy = lv(level, [photoY + photoH / 2, mrzTop - 1, mrzTop + cap]);
    const peak = lv(level, [0.6, 0.6, 0.7]);
    args.push('(', '-size', `${mm(wMm)}x${mm(hMm)}`, 'xc:black', '-fill', 'white', '-draw', `ellipse ${mm(range(r, wMm * 0.25, wMm * 0.75))},${mm(gy)} ${mm(range(r, 10, 22))},${mm(range(r, 3, 6))} 0,360`, '-blur', `0x${mm(2.5)}`, '-evaluate', 'multiply', peak.toFixed(2), ')', '-compose', 'Screen', '-composite');
    params['glarePeak'] = peak;
  }
  // Rounded corners.
  args.push('(', '-size', `${mm(wMm)}x${mm(hMm)}`, 'xc:none', '-fill', 'white', '-draw', `roundrectangle 0,0 ${mm(wMm)},${mm(hMm)} ${mm(3)},${mm(3)}`, ')', '-compose', 'DstIn', '-composite');
  return { wMm, hMm, args, mrzTopMm: mrzTop };
}

interface Capture {
  /** Frame size in pixels. */
  readonly w: number;
  readonly h: number;
  /** Page corners (top-left, top-right, bottom-right, bottom-left) in frame pixels. */
  readonly corners: readonly (readonly [number, number])[];
  readonly background: string;
  readonly pxPerMm: number;
}

function place(r: Random, page: Page, variation: Variation, level: 0 | 1 | 2, params: Record<string, number | string>): Capture {
  const phoneOnly: readonly Variation[] = ['perspective', 'glare', 'thumb', 'defocus', 'motion', 'low-light'];
  const rotation = variation === 'rotation';
  const scanner = rotation && level === 2 ? true : phoneOnly.includes(variation) ? false : r() < 0.5;
  let angle: number;
  if (rotation) angle = level === 0 ? sign(r) * range(r, 2, 8) : level === 1 ? sign(r) * range(r, 8, 25) : oneOf(r, [180, 180, 90, 270]) + range(r, -3, 3);
  else angle = scanner ? range(r, -2, 2) : range(r, -5, 5);
  const jitter = variation === 'perspective' ? lv(level, [0.03, 0.07, 0.12]) : scanner ? 0 : range(r, 0, 0.02);
  let w: number;
  let h: number;
  let pxPerMm: number;
  if (scanner) {
    const dpi = variation === 'pitch-height' ? lv(level, [300, 200, 150]) : oneOf(r, [150, 200, 300]);
    pxPerMm = dpi / 25.4;
    const side = Math.max(page.wMm, page.hMm) + range(r, 16, 30);
    w = Math.round(side * pxPerMm);
    h = Math.round(side * pxPerMm * range(r, 0.8, 1));
    params['capture'] = `scan ${dpi} dpi`;
  } else {
    [w, h] = oneOf(r, [[1600, 1200], [1280, 960], [1920, 1080]] as const);
    const fill = variation === 'pitch-height' ? lv(level, [0.85, 0.7, 0.55]) : range(r, 0.55, 0.9);
    pxPerMm = (w * fill) / page.wMm;
    params['capture'] = `phone ${w}x${h}, page ${(fill * 100).toFixed(0)} % of width`;
  }
  params['angleDeg'] = +angle.toFixed(1);
  params['pxPerMm'] = +pxPerMm.toFixed(2);
  // Corners of the page around its centre, rotated, then each pushed by the perspective jitter.
  const cx = w / 2 + range(r, -0.05, 0.05) * w;
  const cy = h / 2 + range(r, -0.05, 0.05) * h;
  const a = (angle * Math.PI) / 180;
  const hw = (page.wMm * pxPerMm) / 2;
  const hh = (page.hMm * pxPerMm) / 2;
  // A tilted phone: one side of the page nearer than the other (a trapezoid), plus independent wobble.
  const near = sign(r) * jitter;
  const axis = r() < 0.5;
  const corners = ([[-1, -1], [1, -1], [1, 1], [-1, 1]] as const).map(([sx, sy]) => {
    const grow = 1 + (axis ? sx : sy) * near;
    const x = sx * hw * (axis ? 1 : grow) + range(r, -1, 1) * jitter * 0.3 * hw;
    const y = sy * hh * (axis ? grow : 1) + range(r, -1, 1) * jitter * 0.3 * hh;
    return [cx + x * Math.cos(a) - y * Math.sin(a), cy + x * Math.sin(a) + y * Math.cos(a)] as const;
  });
  params['perspective'] = +jitter.toFixed(3);
  const background = scanner ? oneOf(r, ['rgb(250,250,250)', 'rgb(30,30,30)', 'rgb(235,235,228)']) : oneOf(r, ['rgb(120,90,60)', 'rgb(70,70,75)', 'rgb(160,160,150)', 'rgb(40,45,60)']);
  return { w, h, corners, background, pxPerMm };
}

function complete(file: string): boolean {
  if (!existsSync(file)) return false;
  const bytes = readFileSync(file);
  return bytes.length > 4 && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9;
}

/** Renders one sample to `outFile` (JPEG). `seed` fixes everything, ImageMagick's own noise included. */
export async function renderMagickSample(options: { seed: number; format: MagickFormat; variation: Variation; level: Level; outFile: string; reuse?: boolean }): Promise<MagickSample> {
  const r = xorshiftRandom(options.seed);
  for (let i = 0; i < 4; i++) r();
  const level = LEVEL_INDEX[options.level];
  const { variation, format } = options;
  const truth = composeMrz(format, r);
  const params: Record<string, number | string> = {};
  const page = drawPage(r, format, truth, variation, level, params);
  const cap = place(r, page, variation, level, params);
  const W = page.wMm * PAGE_PX_MM;
  const H = page.hMm * PAGE_PX_MM;
  const src = [[0, 0], [W, 0], [W, H], [0, H]];
  const map = src.map(([x, y], i) => `${x},${y} ${cap.corners[i]![0].toFixed(1)},${cap.corners[i]![1].toFixed(1)}`).join('  ');
  const capPx = Number(params['capMm']) * cap.pxPerMm;
  const args: string[] = ['-seed', String(options.seed % 2147483647), ...page.args];
  args.push('-background', 'none', '-virtual-pixel', 'transparent', '-define', `distort:viewport=${cap.w}x${cap.h}+0+0`, '-distort', 'Perspective', map);
  // The surface under the page: a colour with a little texture.
  args.push('(', '-size', `${Math.ceil(cap.w / 16)}x${Math.ceil(cap.h / 16)}`, `xc:${cap.background}`, '-attenuate', '0.4', '+noise', 'Gaussian', '-resize', `${cap.w}x${cap.h}!`, ')', '+swap', '-compose', 'Over', '-composite');
  // Uneven light across the frame.
  const dim = Math.round(range(r, 70, 95));
  args.push('(', '-size', `${cap.w}x${cap.h}`, '-define', `gradient:angle=${Math.round(range(r, 0, 360))}`, `gradient:white-gray${dim}`, ')', '-compose', 'Multiply', '-composite');
  // Optics: everything is a little soft; the variations blur more, relative to the glyph height.
  const base = range(r, 0.2, 0.6);
  if (variation === 'defocus') {
    const sigma = capPx * lv(level, [0.04, 0.07, 0.1]);
    args.push('-blur', `0x${sigma.toFixed(2)}`);
    params['blurPx'] = +sigma.toFixed(2);
  } else args.push('-blur', `0x${base.toFixed(2)}`);
  if (variation === 'motion') {
    const len = capPx * lv(level, [0.1, 0.2, 0.3]);
    args.push('-motion-blur', `0x${(len / 2).toFixed(2)}+${Math.round(range(r, 0, 360))}`);
    params['motionPx'] = +len.toFixed(2);
  }
  // Sensor: low light is a short exposure amplified back, so its noise grows with the gain.
  if (variation === 'low-light') {
    const exposure = lv(level, [0.5, 0.3, 0.18]);
    args.push('-evaluate', 'multiply', exposure.toFixed(2), '-attenuate', lv(level, [0.6, 0.9, 1.2]).toFixed(2), '+noise', 'Gaussian', '-evaluate', 'multiply', (0.85 / exposure).toFixed(2));
    params['exposure'] = exposure;
  } else {
    args.push('-attenuate', range(r, 0.15, 0.4).toFixed(2), '+noise', 'Gaussian');
  }
  const quality = variation === 'jpeg' ? Math.round(lv(level, [range(r, 70, 95), range(r, 45, 70), range(r, 30, 45)])) : Math.round(range(r, 72, 95));
  params['jpegQuality'] = quality;
  args.push('-quality', String(quality), '-sampling-factor', '4:2:0', options.outFile);
  // A complete JPEG left by an earlier, interrupted run of the same seed is the same image: keep it.
  if (!(options.reuse && complete(options.outFile))) await run('convert', args, { maxBuffer: 1 << 20 });
  return { truth, format, variation, level: options.level, params };
}

/**
 * The OCR pipeline for one image: decode → locate the MRZ band → deskew and normalise each line → recognise
 * (one call for all lines) → place glyphs in the fixed cells → the MRZ engine's lenient parse → per-field
 * confidence. The recogniser is injected so the pipeline runs the same in the worker, the bench and tests.
 */
import sharp from 'sharp';
import { parseMrz, type MrzCorrection, type MrzResult } from '../mrz/index.ts';
import { assignCells, fillFillerGaps, placeOnCentres, type CellRead, type RecognisedSymbol } from './cells.ts';
import { cellsPerLine, gridFromInk, pitchRatio } from './cell-grid.ts';
import { assessFields, DEFAULT_POLICY, type ConfidencePolicy } from './field-confidence.ts';
import { locateMrz, workScale } from './locate-mrz.ts';
import { repairSingleEdit, type Alternatives } from './single-edit-repair.ts';
import { constrainCells, fitCellGrids, scoreOnGrids, type CellClass, type ClassifiedCells } from './cell-classifier.ts';
import type { TemplateBank } from './cell-scores.ts';
import { preferListedValues } from './listed-values.ts';
import { composeLines, extractQuad, sharpen, TARGET_INK_HEIGHT, toPgm, turnStrip, type LineStrip } from './normalise-line.ts';
import { bandQuad, sameHeight } from './line-geometry.ts';
import { upsideDown } from './orientation.ts';
import type { GreyImage } from './raster.ts';

export type OcrErrorCode = 'undecodable-image' | 'no-text' | 'no-mrz' | 'unreadable';

export interface OcrTiming {
  readonly decode: number;
  readonly locate: number;
  readonly normalise: number;
  /** Recognition, cell placement, verification and parsing (one or two passes). */
  readonly recognise: number;
  readonly parse: number;
  readonly total: number;
}

/** What one image gives. `verified` is the only flag a caller may treat as "read correctly". */
export interface OcrMrzRead {
  readonly ok: boolean;
  readonly error: { readonly code: OcrErrorCode; readonly message: string } | null;
  /** The MRZ lines after cell placement and the engine's lenient repair (empty when not ok). */
  readonly lines: readonly string[];
  /** The lines as recognised, before repair (`?` = nothing read in that cell). */
  readonly recognisedLines: readonly string[];
  /** Per-character confidence 0..1 aligned with `lines`; a repaired character keeps its OCR confidence. */
  readonly confidence: readonly (readonly number[])[];
  readonly parse: MrzResult | null;
  /** Minimum character confidence per field (summary names: surname, givenNames, documentNumber, …). */
  readonly fieldConfidence: Readonly<Record<string, number>>;
  /** Fields the traveller must confirm before they are used (never empty when `verified` is false). */
  readonly needsConfirmation: readonly string[];
  /** Every check digit passes, nothing is ambiguous and no field needs confirmation. */
  readonly verified: boolean;
  /** Every change made to the recognised characters: the engine's repairs plus the OCR layer's own. */
  readonly corrections: readonly MrzCorrection[];
  readonly timingMs: OcrTiming;
  /** How the zone looked, for a live camera's advice to the traveller (docs/ocr.md "Live capture"); null when no zone was found. */
  readonly frame: FrameLook | null;
}

export interface FrameLook {
  /** Median glyph height of the zone's lines in image pixels. */
  readonly glyphPx: number;
  /** Largest share of a line washed out by a reflection (normalise-line.ts). */
  readonly washedOut: number;
}

export type RecogniseFn = (pgm: Buffer) => Promise<{ symbols: RecognisedSymbol[] }>;

export interface ReadOptions {
  readonly now?: Date;
  /** OCR-B templates for the cell classifier (cell-scores.ts), rendered once per worker. */
  readonly templates: TemplateBank;
  readonly policy?: ConfidencePolicy;
  /** Wall clock for timings (injected; defaults to performance.now). */
  readonly clock?: () => number;
}

/**
 * Decodes to one channel: the brightest of red, green and blue. MRZ ink is black, while security print
 * (guilloche, holograms) is coloured and bright in at least one channel, so it fades into the paper here,
 * where a luminance conversion would keep it as grey lines across the glyphs. Grey scans are unchanged.
 */
export async function decodeGrey(image: Buffer): Promise<GreyImage> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const n = info.width * info.height;
  if (info.channels === 1) return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  if (info.channels !== 3) throw new Error(`decodeGrey: unexpected ${info.channels} channels`);
  const out = new Uint8Array(n);
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const r = data[o]!;
    const g = data[o + 1]!;
    const b = data[o + 2]!;
    out[i] = r > g ? (r > b ? r : b) : g > b ? g : b;
  }
  return { data: out, width: info.width, height: info.height };
}

/** The source and its working-size copy for localisation, both decoded and resized by libvips. */
async function decodeBoth(image: Buffer): Promise<{ grey: GreyImage; work: GreyImage }> {
  const grey = await decodeGrey(image);
  const scale = workScale(grey.width, grey.height);
  if (scale >= 1) return { grey, work: grey };
  const width = Math.max(1, Math.round(grey.width * scale));
  const height = Math.max(1, Math.round(grey.height * scale));
  const { data } = await sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } }).resize(width, height, { fit: 'fill' }).median(3).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { grey, work: { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width, height } };
}

function failed(code: OcrErrorCode, message: string, timing: OcrTiming, recognised: string[] = [], confidence: number[][] = [], frame: FrameLook | null = null): OcrMrzRead {
  return { ok: false, error: { code, message }, lines: [], recognisedLines: recognised, confidence, parse: null, fieldConfidence: {}, needsConfirmation: [], verified: false, corrections: [], timingMs: timing, frame };
}

interface Pass {
  readonly cells: CellRead;
  readonly parse: MrzResult;
  readonly ocrCorrections: MrzCorrection[];
  /** Cells whose character the classifier chose over the recogniser's on a close call (1-based). */
  readonly replaced: { line: number; column: number }[];
}

/** One recognition of the strips: compose, recognise, place in cells, verify confusables, parse, repair. */
async function readPass(strips: readonly LineStrip[], width: number, recognise: RecogniseFn, options: ReadOptions, sharpened: boolean): Promise<Pass> {
  const composed = composeLines(sharpened ? strips.map((s) => ({ ...s, image: sharpen(s.image) })) : strips);
  const { symbols } = await recognise(toPgm(composed.image));
  // The grid is measured from each line first (strips are stacked left-aligned, so their x is the composed
  // image's); the recogniser's glyphs refine it, then the templates fit it, and the glyphs are placed again
  // on the fitted grid, so each vote lands in the cell the templates read.
  // Lines of one zone lie on one page, so they share its foreshortening: the median over the lines is used.
  const ratios = strips.map((s) => pitchRatio(s.image, s.inkLeft, s.inkRight, width)).sort((a, b) => a - b);
  // (Of two, the one nearer 1: a straight grid is the safer guess.)
  const mid = ratios.length % 2 === 1 ? [ratios[(ratios.length - 1) / 2]!] : [ratios[ratios.length / 2 - 1]!, ratios[ratios.length / 2]!];
  const ratio = mid.reduce((a, b) => (Math.abs(Math.log(b)) < Math.abs(Math.log(a)) ? b : a));
  const grids = strips.map((s) => gridFromInk(s.inkLeft, s.inkRight, width, TARGET_INK_HEIGHT, ratio));
  const first = fillFillerGaps(assignCells(symbols, composed.spans, width, grids));
  // The classifier always looks at the unsharpened strips: its templates are plain OCR-B renderings.
  const plain = sharpened ? composeLines(strips) : composed;
  const { half, fits } = fitCellGrids(plain.image, plain.spans, first, options.templates, grids);
  const placed: CellRead = (() => {
    const rows = composed.spans.map((span, li) => placeOnCentres(symbols, span, fits[li]!.centres));
    return { lines: rows.map((r) => r.line), confidence: rows.map((r) => r.confidence), centres: rows.map((r) => r.centres) };
  })();
  const filled = fillFillerGaps(placed);
  const ocrCorrections: MrzCorrection[] = [];
  filled.lines.forEach((line, li) => {
    const before = placed.lines[li]!;
    for (let i = 0; i < line.length; i++) {
      if (before[i] !== line[i]) ocrCorrections.push({ line: li + 1, column: i + 1, from: '?', to: line[i]!, field: 'filler-run', reason: 'fixed-filler', verified: false });
    }
  });
  let cells: CellRead = filled;
  const replaced: { line: number; column: number }[] = [];
  const nowOpt = options.now ? { now: options.now } : {};
  let layout = parseMrz(filled.lines, { mode: 'lenient', ...nowOpt });
  let alternatives: Alternatives | undefined;
  const scored = scoreOnGrids(half, fits, filled, options.templates);
  // A recogniser that lost the line can leave text no format matches: the classifier's unconstrained
  // reading then gives the layout.
  if (!layout.ok) layout = parseMrz(constrainCells(scored).lines, { mode: 'lenient', ...nowOpt });
  if (layout.ok) {
    let classified = constrainCells(scored, cellClasses(layout, filled.lines));
    let stated = preferListedValues(classified, layout);
    // A listed first letter can change the format (a visa read as W… is not a passport): lay out again.
    const relaid = parseMrz(stated.cells.lines, { mode: 'lenient', ...nowOpt });
    if (relaid.ok && relaid.format !== layout.format) {
      layout = relaid;
      classified = constrainCells(scored, cellClasses(layout, filled.lines));
      stated = preferListedValues(classified, layout);
    }
    for (const [li, i, from, to] of [...classified.replaced, ...stated.replaced]) {
      ocrCorrections.push({ line: li + 1, column: i + 1, from, to, field: 'filler-run', reason: 'character-class', verified: false });
      // A close call the classifier decided against the recogniser is a change the check digits must absorb.
      if (from !== '?' && (stated.cells.confidence[li]?.[i] ?? 0) < 1) replaced.push({ line: li + 1, column: i + 1 });
    }
    cells = stated.cells;
    alternatives = alternativesOf(stated.cells);
  }
  let parse = parseMrz(cells.lines, { mode: 'lenient', ...nowOpt });
  const single = repairSingleEdit(cells.lines, parse, options.now, alternatives);
  if (single.corrections.length > 0) {
    const classRepairs = parse.corrections;
    parse = parseMrz(single.lines, { mode: 'lenient', ...nowOpt });
    ocrCorrections.push(...single.corrections, ...classRepairs);
  }
  return { cells, parse, ocrCorrections, replaced };
}

/** The classifier's runners-up, as edits and what each costs against the cell's chosen character. */
function alternativesOf(cells: ClassifiedCells): Alternatives {
  return (line, column) => {
    const c = cells.candidates[line - 1]?.[column - 1];
    if (!c || c.chars.length === 0) return undefined;
    const chosen = cells.lines[line - 1]?.[column - 1];
    const k = c.chars.indexOf(chosen ?? '');
    const top = k >= 0 ? c.scores[k]! : c.scores[0]!;
    return [...c.chars].map((to, j) => ({ to, loss: top - c.scores[j]! }));
  };
}

const DIGIT_FIELDS = /Date$|CheckDigit$/;
const ALPHA_FIELDS = new Set(['name', 'issuer', 'nationality', 'documentCode', 'sex']);

/** Per cell: the character class its field allows, from the first parse's layout. */
export function cellClasses(parse: MrzResult, lines: readonly string[]): (CellClass | undefined)[][] {
  const out = lines.map((l) => new Array<CellClass | undefined>(l.length).fill(undefined));
  for (const [name, f] of Object.entries(parse.fields)) {
    const cls: CellClass = name === 'sex' ? 'sex' : DIGIT_FIELDS.test(name) ? 'digit' : ALPHA_FIELDS.has(name) ? 'alpha' : 'alnum';
    const row = out[f.line - 1];
    if (!row) continue;
    for (let c = f.start; c <= f.end; c++) if (c - 1 < row.length) row[c - 1] = cls;
  }
  return out;
}

export async function readMrzImage(image: Buffer, recognise: RecogniseFn, options: ReadOptions): Promise<OcrMrzRead> {
  const clock = options.clock ?? (() => performance.now());
  const t0 = clock();
  let grey: GreyImage;
  let work: GreyImage;
  try {
    ({ grey, work } = await decodeBoth(image));
  } catch (e) {
    const t = clock() - t0;
    return failed('undecodable-image', `the image could not be decoded: ${(e as Error).message}`, { decode: t, locate: 0, normalise: 0, recognise: 0, parse: 0, total: t });
  }
  const t1 = clock();
  const located = locateMrz(grey, work);
  const t2 = clock();
  if (!located.ok) return failed(located.reason, located.message, { decode: t1 - t0, locate: t2 - t1, normalise: 0, recognise: 0, parse: 0, total: t2 - t0 });
  const { location } = located;
  const upright = sameHeight(location.lines.map((l) => bandQuad(l, (location.angleDeg * Math.PI) / 180))).map((q) => extractQuad(grey, q));
  // The projection cannot tell a page from the same page upside down; the glyphs can.
  // Two lines hold 36 or 44 characters: the strips' own period decides (the locator's blob count is a guess).
  const measured = upright.length === 2 ? cellsPerLine(upright[0]!.image, upright[0]!.inkLeft, upright[0]!.inkRight, TARGET_INK_HEIGHT) : undefined;
  const width = measured ?? location.width;
  const strips = upsideDown(upright, width, options.templates) ? upright.map(turnStrip).reverse() : upright;
  const t3 = clock();
  let best = await readPass(strips, width, recognise, options, false);
  // Retry once, on a sharpened rendering, when the check digits do not hold; keep whichever reading has fewer
  // failing checks (the first on a tie), so the retry can only help.
  if (!best.parse.ok || !best.parse.valid || best.parse.ambiguous) {
    const retry = await readPass(strips, width, recognise, options, true);
    const failing = (r: MrzResult) => (r.ok ? r.checks.filter((c) => c.status !== 'valid' && c.status !== 'absent').length + (r.ambiguous ? 0.5 : 0) : 99);
    if (failing(retry.parse) < failing(best.parse)) best = retry;
  }
  const t4 = clock();
  const { cells, parse, ocrCorrections, replaced } = best;
  const t5 = clock();
  const timing = { decode: t1 - t0, locate: t2 - t1, normalise: t3 - t2, recognise: t4 - t3, parse: t5 - t4, total: t5 - t0 };
  const heights = location.lines.map((l) => l.height).sort((a, b) => a - b);
  const frame: FrameLook = { glyphPx: heights[Math.floor(heights.length / 2)]!, washedOut: Math.max(...strips.map((s) => s.washedOut ?? 0)) };
  if (!parse.ok) return failed('unreadable', `the recognised text is not an MRZ: ${parse.error?.message ?? 'unknown'}`, timing, cells.lines, cells.confidence, frame);
  // Attribute filler-gap fills to the parse field they landed in, so that field is not treated as proven.
  const fieldAt = (line: number, column: number): string =>
    Object.entries(parse.fields).find(([, f]) => f.line === line && f.start <= column && column <= f.end)?.[0] ?? 'filler-run';
  const attributed = ocrCorrections.map((c) => (c.field === 'filler-run' ? { ...c, field: fieldAt(c.line, c.column), verified: parse.fields[fieldAt(c.line, c.column)]?.check === 'valid' } : c));
  const { fieldConfidence, needsConfirmation } = assessFields(parse, cells.confidence, attributed, options.policy ?? DEFAULT_POLICY, replaced);
  return {
    ok: true,
    error: null,
    lines: parse.lines,
    recognisedLines: cells.lines,
    confidence: cells.confidence,
    parse,
    fieldConfidence,
    needsConfirmation,
    verified: parse.valid && !parse.ambiguous && needsConfirmation.length === 0,
    corrections: [...attributed, ...parse.corrections],
    timingMs: timing,
    frame,
  };
}

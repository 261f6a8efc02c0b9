/**
 * Places recognised glyphs into the MRZ's fixed character cells. OCR-B in the MRZ has a fixed pitch (10 cpi,
 * docs/mrz-formats.md §2 gives the fixed line widths), so a glyph's cell follows from its x position between the
 * line's first and last glyph: dropped or doubled fillers, the LSTM/legacy engines' commonest failure
 * (docs/toolchain.md "OCR engines"), cannot shift the rest of the line.
 */
import { fitGridRobust, gridCentres, type CellGrid } from './cell-grid.ts';
import { leastSquaresLine } from './line-fit.ts';

/** One recognised glyph in the composed image's pixel coordinates; confidence 0..1. */
export interface RecognisedSymbol {
  readonly text: string;
  readonly confidence: number;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface LineSpan {
  readonly top: number;
  readonly bottom: number;
  readonly inkLeft: number;
  readonly inkRight: number;
}

export interface CellRead {
  /** One string per MRZ line, exactly `width` characters; `?` marks a cell nothing was read in. */
  readonly lines: string[];
  /** Per-character confidence 0..1 (0 for `?`). */
  readonly confidence: number[][];
  /** Per cell: the x centre of its glyph in the composed image (read, or predicted from the pitch). */
  readonly centres?: number[][];
}

const MRZ_CHAR = /^[A-Z0-9<]$/;

/** The recognised MRZ characters whose centre lies in the line's vertical span. */
function symbolsIn(symbols: readonly RecognisedSymbol[], span: LineSpan): RecognisedSymbol[] {
  return symbols.filter((s) => {
    const cy = (s.y0 + s.y1) / 2;
    return cy >= span.top && cy < span.bottom && MRZ_CHAR.test(s.text);
  });
}

/**
 * Puts each glyph in the nearest of the given cell centres (within half a pitch), the more confident of two
 * in one cell winning; a cell nothing landed in is `?`.
 */
export function placeOnCentres(symbols: readonly RecognisedSymbol[], span: LineSpan, centres: readonly number[]): { line: string; confidence: number[]; centres: number[] } {
  const n = centres.length;
  const chars = new Array<string>(n).fill('?');
  const conf = new Array<number>(n).fill(0);
  const at = [...centres];
  for (const s of symbolsIn(symbols, span)) {
    const cx = (s.x0 + s.x1) / 2;
    let k = 0;
    while (k + 1 < n && Math.abs(centres[k + 1]! - cx) < Math.abs(centres[k]! - cx)) k++;
    const pitch = n < 2 ? Infinity : k + 1 < n ? centres[k + 1]! - centres[k]! : centres[k]! - centres[k - 1]!;
    if (Math.abs(cx - centres[k]!) > 0.5 * pitch) continue;
    if (chars[k] === '?' || s.confidence > conf[k]!) {
      chars[k] = s.text;
      conf[k] = s.confidence;
      at[k] = cx;
    }
  }
  return { line: chars.join(''), confidence: conf, centres: at };
}

/**
 * With `grids` (one per line, cell-grid.ts, measured from the strip itself): glyphs go to the nearest cell of
 * the grid, which is then fitted again through the glyphs placed (a projective fit, so perspective is kept)
 * and the glyphs placed once more. Without: the grid comes from the glyphs' own spacing, as a straight line.
 */
export function assignCells(symbols: readonly RecognisedSymbol[], spans: readonly LineSpan[], width: number, grids?: readonly CellGrid[]): CellRead {
  if (grids) {
    const placed = spans.map((span, li) => {
      let grid = grids[li]!;
      let out = placeOnCentres(symbols, span, gridCentres(grid, width));
      const pitch = Math.abs(grid.b);
      const points = out.centres.flatMap((x, i) => (out.line[i] === '?' ? [] : [{ i, x }]));
      const refit = fitGridRobust(points, width, 0.3 * pitch, 8, grid.c);
      if (refit && refit.support >= Math.max(8, 0.5 * points.length)) {
        grid = refit.grid;
        out = placeOnCentres(symbols, span, gridCentres(grid, width));
      }
      // Centres: where a glyph was read, else where the grid predicts one.
      return out;
    });
    return { lines: placed.map((p) => p.line), confidence: placed.map((p) => p.confidence), centres: placed.map((p) => p.centres) };
  }
  const lines: string[] = [];
  const confidence: number[][] = [];
  const centres: number[][] = [];
  for (const span of spans) {
    const chars: string[] = new Array<string>(width).fill('?');
    const conf: number[] = new Array<number>(width).fill(0);
    const inLine = symbolsIn(symbols, span);
    // Glyph centres run from (inkLeft + half a glyph) to (inkRight − half a glyph). OCR-B glyphs are about
    // 0.7 of the pitch wide, so with pitch p: inkRight − inkLeft ≈ (width − 1) p + 0.7 p.
    const inkPitch = (span.inkRight - span.inkLeft) / (width - 0.3);
    // The ink extent can include a smudge past the last glyph; the spacing of neighbouring glyphs cannot.
    let pitch = glyphPitch(inLine, inkPitch);
    let firstCentre = span.inkLeft + 0.35 * pitch;
    // Refine the grid by least squares of glyph centre on cell index: a pitch off by 1 % drifts half a cell
    // over a 44-character line.
    for (let iter = 0; iter < 2; iter++) {
      const pts = inLine
        .map((s) => {
          const x = (s.x0 + s.x1) / 2;
          return { x, i: Math.round((x - firstCentre) / pitch) };
        })
        .filter((p) => p.i >= 0 && p.i < width);
      if (pts.length < 8) break;
      const line = leastSquaresLine(pts);
      if (!line) break;
      if (line.slope < 0.8 * inkPitch || line.slope > 1.25 * inkPitch) break;
      pitch = line.slope;
      firstCentre = line.intercept;
    }
    const centre: number[] = Array.from({ length: width }, (_, i) => firstCentre + i * pitch);
    for (const s of inLine) {
      const cx = (s.x0 + s.x1) / 2;
      const cell = Math.round((cx - firstCentre) / pitch);
      if (cell < 0 || cell >= width) continue;
      if (chars[cell] === '?' || s.confidence > conf[cell]!) {
        chars[cell] = s.text;
        conf[cell] = s.confidence;
        centre[cell] = cx;
      }
    }
    lines.push(chars.join(''));
    confidence.push(conf);
    centres.push(centre);
  }
  return { lines, confidence, centres };
}

/** Median centre distance of neighbouring glyphs one cell apart; falls back to the ink-extent estimate. */
function glyphPitch(symbols: readonly RecognisedSymbol[], inkPitch: number): number {
  const xs = symbols.map((s) => (s.x0 + s.x1) / 2).sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < xs.length; i++) {
    const g = xs[i]! - xs[i - 1]!;
    if (g > 0.75 * inkPitch && g < 1.25 * inkPitch) gaps.push(g);
  }
  if (gaps.length < 8) return inkPitch;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]!;
}

/**
 * Fills unread cells that sit inside a run of fillers with a filler (a blank cell between two `<` is a filler
 * the recogniser skipped), at low confidence so that the field still counts as uncertain.
 */
export function fillFillerGaps(read: CellRead): CellRead {
  const confidence = read.confidence.map((c) => [...c]);
  const lines = read.lines.map((line, li) => {
    const chars = [...line];
    for (let i = 0; i < chars.length; i++) {
      if (chars[i] !== '?') continue;
      let l = i - 1;
      while (l >= 0 && chars[l] === '?') l--;
      let r = i + 1;
      while (r < chars.length && chars[r] === '?') r++;
      const leftFiller = l < 0 ? false : chars[l] === '<';
      const rightFiller = r >= chars.length ? leftFiller : chars[r] === '<';
      if (leftFiller && rightFiller) {
        chars[i] = '<';
        confidence[li]![i] = 0.5;
      }
    }
    return chars.join('');
  });
  return { lines, confidence, ...(read.centres ? { centres: read.centres } : {}) };
}

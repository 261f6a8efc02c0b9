/**
 * Which way up the zone is. The text direction found by projection (locate-mrz.ts) holds for a page and for
 * the same page turned by 180° — on a flatbed a passport is as often upside down as not — so the glyphs
 * decide: every cell of the longest line is matched against the OCR-B templates both ways round, and the way
 * the glyphs match better is upright. A filler `<` turned round is a `>`, no MRZ character at all.
 */
import { MRZ_ALPHABET, scoreCell, type TemplateBank } from './cell-scores.ts';
import { turnStrip, type LineStrip } from './normalise-line.ts';
import { downscale } from './raster.ts';

/** Mean best template score over the line's cells, on an even grid over its ink (quarter resolution). */
export function glyphLikeness(strip: LineStrip, cells: number, bank: TemplateBank): number {
  const quarter = downscale(downscale(strip.image, 0.5), 0.5);
  const set = bank.coarse;
  const plain = Math.max(0, set.variants.findIndex((v) => v.factor === 1 && v.blur === 0 && v.weight === 0));
  const pitch = (strip.inkRight - strip.inkLeft) / 4 / Math.max(1, cells - 0.3);
  const cy = quarter.height / 2;
  let sum = 0;
  for (let i = 0; i < cells; i++) {
    const scores = scoreCell(quarter, strip.inkLeft / 4 + (0.35 + i) * pitch, cy, set, plain, 2, 1);
    let best = -1;
    for (let c = 0; c < MRZ_ALPHABET.length; c++) best = Math.max(best, scores[c]!);
    sum += best;
  }
  return sum / cells;
}

/** True when the strips read better turned round (the caller then turns them and reverses their order). */
export function upsideDown(strips: readonly LineStrip[], cells: number, bank: TemplateBank): boolean {
  const longest = strips.reduce((a, b) => (b.inkRight - b.inkLeft > a.inkRight - a.inkLeft ? b : a));
  return glyphLikeness(turnStrip(longest), cells, bank) > glyphLikeness(longest, cells, bank);
}

/**
 * The geometry of one MRZ line in the source image: its glyph band as a quadrilateral (top-left, top-right,
 * bottom-right, bottom-left), which normalise-line.ts maps onto an upright strip.
 */
import type { Point } from './homography.ts';
import type { MrzLineGeometry } from './locate-mrz.ts';

/** The line's glyph band in source pixels, in reading order. */
export interface LineQuad {
  readonly tl: Point;
  readonly tr: Point;
  readonly br: Point;
  readonly bl: Point;
}

/** The band the locator found (locate-mrz.ts: along the zone's own direction, from the line's first ink to its last). */
export function bandQuad(line: MrzLineGeometry, angleRad: number): LineQuad {
  const c = Math.cos(angleRad);
  const s = Math.sin(angleRad);
  const at = (along: number, across: number): Point => [line.x + along * c - across * s, line.y + along * s + across * c];
  return { tl: at(0, -line.height / 2), tr: at(line.length, -line.height / 2), br: at(line.length, line.height / 2), bl: at(0, line.height / 2) };
}

/**
 * The lines of one zone are printed in one size, but a line of digits measures taller than a line of letters
 * and fillers (OCR-B digits stand 0.77 em, capitals 0.72, a filler 0.64): each band is set to the zone's
 * median height around its own centre line, so every strip comes out at one scale.
 */
export function sameHeight(quads: readonly LineQuad[]): LineQuad[] {
  const len = (p: Point, q: Point) => Math.hypot(p[0] - q[0], p[1] - q[1]);
  const heights = quads.map((q) => (len(q.tl, q.bl) + len(q.tr, q.br)) / 2).sort((a, b) => a - b);
  const target = heights[Math.floor(heights.length / 2)]!;
  return quads.map((q) => {
    const edge = (top: Point, bottom: Point): [Point, Point] => {
      const h = len(top, bottom) || 1;
      const mx = (top[0] + bottom[0]) / 2;
      const my = (top[1] + bottom[1]) / 2;
      const ux = (bottom[0] - top[0]) / h;
      const uy = (bottom[1] - top[1]) / h;
      return [[mx - (ux * target) / 2, my - (uy * target) / 2], [mx + (ux * target) / 2, my + (uy * target) / 2]];
    };
    const [tl, bl] = edge(q.tl, q.bl);
    const [tr, br] = edge(q.tr, q.br);
    return { tl, tr, br, bl };
  });
}

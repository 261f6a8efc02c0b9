import { DelimitedSplitter, framerFromSplitter } from './delimited-splitter.ts';
import { asciiBytes, CR, ETX, frameError, splitLines, STX, type Framer, type FramerOptions } from './framer.ts';

/**
 * DESKO CUTE serial framing (docs/devices.md §1.3, DESKODOC 7000310001 "Misc. Reader Interface
 * Specification for CUTE System" 2.12): `<SODO><STX> line1 <CR> line2 <CR> [line3 <CR>] <ETX><EODO>`,
 * up to 1024 ASCII chars, lines 7–44 chars.
 * GAP: the byte values of SODn/EODn were not captured from the spec; the device letter `O` (OCR) is the
 * default for both and the integrator can set the bytes the unit is configured with.
 * "Data is output … irrespective of any … recognition or content errors": check digits are the parser's job.
 */
export interface DeskoOptions extends FramerOptions {
  readonly sod?: number;
  readonly eod?: number;
}

export const deskoDefaultSod = 0x4f; // 'O'
export const deskoDefaultEod = 0x4f; // 'O'

export function createDeskoFramer(options: DeskoOptions = {}): Framer {
  const sod = options.sod ?? deskoDefaultSod;
  const eod = options.eod ?? deskoDefaultEod;
  return framerFromSplitter(new DelimitedSplitter({ ...options, start: [sod, STX], end: [ETX, eod] }), (body) => {
    const lines = splitLines(body);
    if (lines === undefined) return { error: frameError('BAD_PAYLOAD', 'control byte inside a DESKO frame') };
    if (lines.length === 0) return { error: frameError('BAD_PAYLOAD', 'empty DESKO frame') };
    return { lines };
  });
}

export function encodeDesko(lines: readonly string[], options: { sod?: number; eod?: number } = {}): Uint8Array {
  const body = lines.flatMap((line) => [...asciiBytes(line), CR]);
  return Uint8Array.from([options.sod ?? deskoDefaultSod, STX, ...body, ETX, options.eod ?? deskoDefaultEod]);
}

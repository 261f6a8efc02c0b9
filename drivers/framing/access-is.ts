import { DelimitedSplitter, framerFromSplitter } from './delimited-splitter.ts';
import { asciiBytes, CR, ETX, frameError, FS, GS, splitLines, STX, type Framer, type FramerOptions } from './framer.ts';

/**
 * Access-IS OCR readers (docs/devices.md §1.2). Serial/CDC: a read starts with FS (0x1C) and ends with
 * GS (0x1D), lines split on CR. The reassembled HID stream frames the same MRZ as `1C 02 … 03 1D` (FS STX …
 * ETX GS, at most 3 lines). One framer accepts both: the STX after FS and the ETX before GS are optional.
 * MSR (`0E 02 … 03 0F`) and barcode (`1E 02 id … 03 1F`) frames are not documents and count as noise here.
 */
export function createAccessIsFramer(options: FramerOptions = {}): Framer {
  return framerFromSplitter(new DelimitedSplitter({ ...options, start: [FS], end: [GS] }), (body) => {
    let from = 0;
    let to = body.length;
    if (body[0] === STX) from = 1;
    if (to > from && body[to - 1] === ETX) to -= 1;
    const lines = splitLines(body.subarray(from, to));
    if (lines === undefined) return { error: frameError('BAD_PAYLOAD', 'control byte inside an OCR frame') };
    if (lines.length === 0) return { error: frameError('BAD_PAYLOAD', 'empty OCR frame') };
    if (lines.length > 3) return { error: frameError('BAD_PAYLOAD', `OCR frame with ${lines.length} lines (at most 3)`) };
    return { lines };
  });
}

/** `1C 02 line1 CR line2 [CR line3] 03 1D`, the HID form (which the serial form's parser also accepts). */
export function encodeAccessIs(lines: readonly string[]): Uint8Array {
  const body: number[] = [];
  lines.forEach((line, i) => {
    if (i > 0) body.push(CR);
    body.push(...asciiBytes(line));
  });
  return Uint8Array.from([FS, STX, ...body, ETX, GS]);
}

/**
 * GB18030 encoding for Chinese receipt and boarding-pass text. `@point-of-sale/receipt-printer-encoder`
 * only knows single-byte code pages (its `codepage-encoder` has no GBK/GB18030; Chinese comes out as `?`),
 * while Chinese-firmware ESC/POS printers take GB18030 double bytes in Chinese character mode (FS &;
 * docs/devices.md §3.3: node-escpos defaults to GB18030 for this reason).
 *
 * Node has no GB18030 *encoder*, only the WHATWG decoder (WHATWG Encoding Standard §11.2, which follows
 * GB 18030-2022), so the table is built once per encoder by decoding every two-byte code and the four-byte
 * BMP range, then inverting. Characters outside the BMP use the standard's linear four-byte mapping from
 * U+10000 (GB 18030-2005 §6.3.3: 0x90308130).
 *
 * Every Unicode scalar value has a code except 19 private-use ones that GB 18030-2022 gave up when it moved
 * their characters to standard code points (U+E5E5, U+E78D–U+E796, U+E81E, U+E826, U+E82B, U+E82C, U+E832,
 * U+E843, U+E854, U+E864): no byte sequence decodes to them, so they are sent as `?`.
 */
export interface Gb18030Encoder {
  /** Bytes for `text`; what the encoding cannot represent (lone surrogates, the 19 code points above) becomes `?`. */
  encode(text: string): Uint8Array;
}

/** Four-byte codes of the BMP: 0x81308130 … 0x8431A439, 39,420 of them (GB 18030-2005 §6.3.2). */
const fourByteBmpCodes = 39_420;

/** Decodes `codes` in one call; each code must come back as exactly one character, or the table would shift. */
function decodeEach(decoder: TextDecoder, codes: readonly number[][]): string[] {
  const chars = [...decoder.decode(Uint8Array.from(codes.flat()))];
  if (chars.length !== codes.length) throw new Error(`GB18030 table: ${codes.length} codes decoded to ${chars.length} characters`);
  return chars;
}

function buildTable(): Map<number, number[]> {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<number, number[]>();
  const add = (codes: readonly number[][], chars: readonly string[], replacementIsValid: boolean) => {
    chars.forEach((ch, i) => {
      const cp = ch.codePointAt(0) as number;
      // A two-byte code that decodes to U+FFFD is unassigned; in the four-byte BMP range every code is assigned,
      // and 0x8431A437 is U+FFFD itself.
      if (cp === 0xfffd && !replacementIsValid) return;
      // The first code found wins: two-byte codes before the four-byte ones that decode to the same character.
      if (!table.has(cp)) table.set(cp, codes[i] as number[]);
    });
  };
  // Two-byte codes: lead 0x81–0xFE, trail 0x40–0x7E and 0x80–0xFE.
  const pairs: number[][] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) pairs.push([lead, trail]);
  }
  add(pairs, decodeEach(decoder, pairs), false);
  const quads: number[][] = [];
  for (let index = 0; index < fourByteBmpCodes; index++) quads.push(fourByteCode(0x81, index));
  add(quads, decodeEach(decoder, quads), true);
  return table;
}

/** The `index`-th four-byte code after [first, 0x30, 0x81, 0x30]: bytes 2 and 4 run 0x30–0x39, byte 3 0x81–0xFE. */
function fourByteCode(first: number, index: number): number[] {
  return [first + Math.floor(index / 12600), 0x30 + (Math.floor(index / 1260) % 10), 0x81 + (Math.floor(index / 10) % 126), 0x30 + (index % 10)];
}

export function createGb18030Encoder(): Gb18030Encoder {
  let table: Map<number, number[]> | null = null;
  return {
    encode(text: string): Uint8Array {
      const out: number[] = [];
      for (const ch of text) {
        const cp = ch.codePointAt(0) ?? 0x3f;
        if (cp < 0x80) {
          out.push(cp);
          continue;
        }
        if (cp >= 0x10000) {
          out.push(...fourByteCode(0x90, cp - 0x10000));
          continue;
        }
        table ??= buildTable();
        out.push(...(table.get(cp) ?? [0x3f]));
      }
      return Uint8Array.from(out);
    },
  };
}

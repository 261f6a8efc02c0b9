/**
 * GB18030 encoding for Chinese receipt and boarding-pass text. `@point-of-sale/receipt-printer-encoder`
 * only knows single-byte code pages (its `codepage-encoder` has no GBK/GB18030; Chinese comes out as `?`),
 * while Chinese-firmware ESC/POS printers take GB18030 double bytes in Chinese character mode
 * (docs/devices.md §3.3: node-escpos defaults to GB18030 for this reason).
 *
 * Node has no GB18030 *encoder*, only the WHATWG decoder, so the table is built once per encoder by decoding
 * every two-byte code and the four-byte BMP range, then inverting. Characters outside the BMP use the
 * standard's linear four-byte mapping from U+10000 (GB 18030-2005 §6.3.3: 0x90308130).
 */
export interface Gb18030Encoder {
  /** Bytes for `text`; characters the encoding cannot represent (lone surrogates) become `?`. */
  encode(text: string): Uint8Array;
}

function buildTable(): Map<number, number[]> {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<number, number[]>();
  // Two-byte codes: lead 0x81–0xFE, trail 0x40–0x7E and 0x80–0xFE.
  const pairs: number[][] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) pairs.push([lead, trail]);
  }
  const twoByte = [...decoder.decode(new Uint8Array(pairs.flat()))];
  twoByte.forEach((ch, i) => {
    const cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp !== 0xfffd && !table.has(cp)) table.set(cp, pairs[i] as number[]);
  });
  // Four-byte BMP codes: 0x81308130 … 0x8431A439 (39,420 codes).
  const quads: number[][] = [];
  for (let index = 0; index < 39420; index++) {
    const b4 = index % 10;
    const b3 = Math.floor(index / 10) % 126;
    const b2 = Math.floor(index / 1260) % 10;
    const b1 = Math.floor(index / 12600);
    quads.push([0x81 + b1, 0x30 + b2, 0x81 + b3, 0x30 + b4]);
  }
  const fourByte = [...decoder.decode(new Uint8Array(quads.flat()))];
  fourByte.forEach((ch, i) => {
    const cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp !== 0xfffd && !table.has(cp)) table.set(cp, quads[i] as number[]);
  });
  return table;
}

function supplementary(cp: number): number[] {
  const index = cp - 0x10000;
  return [0x90 + Math.floor(index / 12600), 0x30 + (Math.floor(index / 1260) % 10), 0x81 + (Math.floor(index / 10) % 126), 0x30 + (index % 10)];
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
          out.push(...supplementary(cp));
          continue;
        }
        table ??= buildTable();
        out.push(...(table.get(cp) ?? [0x3f]));
      }
      return Uint8Array.from(out);
    },
  };
}

/**
 * GBK → MRZ letter code of Chinese names (docs/mrz-formats.md §3.1): each GBK byte becomes two letters, one per
 * hex nibble, 0→A … F→P. Four letters make one two-byte character. Decoding stops at the first character
 * outside A–P; a decoding failure is reported, never thrown.
 */

export interface DecodedGbkName {
  /** The decoded characters, or null when nothing decodes. */
  readonly name: string | null;
  /** Letters consumed (a multiple of 4). */
  readonly letters: number;
  /** true when the letters did not form valid GBK. */
  readonly failed: boolean;
}

function nibble(code: number): number {
  return code >= 65 && code <= 80 ? code - 65 : -1; // 'A'..'P'
}

export function decodeGbkName(letters: string): DecodedGbkName {
  const bytes: number[] = [];
  let i = 0;
  for (; i + 1 < letters.length; i += 2) {
    const hi = nibble(letters.charCodeAt(i));
    const lo = nibble(letters.charCodeAt(i + 1));
    if (hi < 0 || lo < 0) break;
    bytes.push(hi * 16 + lo);
  }
  const usable = bytes.length - (bytes.length % 2);
  if (usable === 0) return { name: null, letters: 0, failed: false };
  // GBK double-byte range: lead 0x81–0xFE, trail 0x40–0xFE except 0x7F. Node's decoder silently drops some
  // invalid pairs even with `fatal`, so the ranges are checked here and the output length is verified.
  for (let i = 0; i < usable; i += 2) {
    const lead = bytes[i]!;
    const trail = bytes[i + 1]!;
    if (lead < 0x81 || lead > 0xfe || trail < 0x40 || trail > 0xfe || trail === 0x7f) return { name: null, letters: usable * 2, failed: true };
  }
  try {
    const name = new TextDecoder('gbk', { fatal: true }).decode(Uint8Array.from(bytes.slice(0, usable)));
    if (name.length !== usable / 2 || name.includes('\uFFFD')) return { name: null, letters: usable * 2, failed: true };
    return { name, letters: usable * 2, failed: false };
  } catch {
    return { name: null, letters: usable * 2, failed: true };
  }
}

/** GBK bytes → MRZ letters (generator; TextEncoder cannot encode GBK, so callers supply the bytes). */
export function encodeGbkBytes(bytes: readonly number[]): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(65 + (b >> 4), 65 + (b & 15));
  return out;
}

/** Whether every character is a GBK nibble letter A–P. */
export function isGbkLetters(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (nibble(text.charCodeAt(i)) < 0) return false;
  return true;
}

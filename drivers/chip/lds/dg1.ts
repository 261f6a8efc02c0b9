import { ChipProtocolError } from '../bytes.ts';
import { readTlv, requireTlv } from '../tlv.ts';

/** DG1 (ICAO 9303-10 §4.7.1): the MRZ as printed, one string, split here into its lines by document size. */
export function parseDg1(file: Uint8Array): string[] {
  const outer = readTlv(file);
  if (outer.tag !== 0x61) throw new ChipProtocolError('DG1 does not start with tag 61');
  const mrz = Buffer.from(requireTlv(outer.value, 0x5f1f, 'DG1 MRZ').value).toString('latin1');
  const width = mrz.length === 90 ? 30 : mrz.length === 72 ? 36 : mrz.length === 88 ? 44 : 0;
  if (!width) throw new ChipProtocolError(`DG1 MRZ of ${mrz.length} characters fits no document size`);
  const lines: string[] = [];
  for (let at = 0; at < mrz.length; at += width) lines.push(mrz.slice(at, at + width));
  return lines;
}

/**
 * Whether the printed MRZ (as the reader read it) is the chip's MRZ: the same lines, character for
 * character. An altered data page passes its check digits but not this comparison.
 */
export function sameMrz(printed: readonly string[], chip: readonly string[]): boolean {
  const norm = (lines: readonly string[]) => lines.map((l) => l.trim().toUpperCase()).join('\n');
  return norm(printed) === norm(chip);
}

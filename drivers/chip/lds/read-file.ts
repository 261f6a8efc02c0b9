import { SW } from '../apdu.ts';
import { ChipProtocolError, concat, uint } from '../bytes.ts';
import type { CardChannel } from '../card-channel.ts';
import { readTlvHeader, requireTlv, tlv } from '../tlv.ts';

/** Short-APDU chunk: the protected answer (DO87 + DO99 + DO8E + SW) still fits in 256 bytes. */
export const shortChunk = 0xdf;
/** Extended-length chunk, where the chip announced extended Lc/Le. */
export const extendedChunk = 0x1000;

/** A file the chip says it does not have (6A82). */
export class FileNotFoundError extends ChipProtocolError {}

async function readAt(channel: CardChannel, offset: number, length: number): Promise<Uint8Array> {
  // ISO/IEC 7816-4 §11.3.3: offsets past 32767 need READ BINARY with odd INS and an offset data object 54.
  const response =
    offset <= 0x7fff
      ? await channel.transmit({ cla: 0, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, le: length })
      : await channel.transmit({ cla: 0, ins: 0xb1, p1: 0, p2: 0, data: tlv(0x54, uint(offset, 3)), le: length });
  if (response.sw !== SW.ok && response.sw !== SW.endOfFile) throw new ChipProtocolError(`READ BINARY at ${offset} answered ${response.sw.toString(16).toUpperCase()}`);
  return offset <= 0x7fff ? response.data : requireTlv(response.data, 0x53, 'READ BINARY odd answer').value;
}

/**
 * Selects an elementary file and reads it whole: first its TLV header, then the rest in chunks (ICAO 9303-10
 * §3.6: files are read by offset; the first bytes give the length).
 */
export async function readFile(channel: CardChannel, fid: number): Promise<Uint8Array> {
  const select = await channel.transmit({ cla: 0, ins: 0xa4, p1: 0x02, p2: 0x0c, data: uint(fid, 2) });
  if (select.sw === SW.fileNotFound) throw new FileNotFoundError(`file ${fid.toString(16).padStart(4, '0')} not found`);
  if (select.sw !== SW.ok) throw new ChipProtocolError(`SELECT ${fid.toString(16).padStart(4, '0')} answered ${select.sw.toString(16).toUpperCase()}`);
  const head = await readAt(channel, 0, 8);
  const { header, length } = readTlvHeader(head);
  const total = header + length;
  const chunk = channel.extended ? extendedChunk : shortChunk;
  const parts = [head.subarray(0, Math.min(head.length, total))];
  for (let offset = parts[0]!.length; offset < total; ) {
    const part = await readAt(channel, offset, Math.min(chunk, total - offset));
    if (part.length === 0) throw new ChipProtocolError('chip returned no data before the end of the file');
    parts.push(part);
    offset += part.length;
  }
  return concat(...parts);
}

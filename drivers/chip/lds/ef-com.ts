import { requireTlv, readTlv } from '../tlv.ts';
import { dataGroupOfTag, fileInfo } from './files.ts';
import { ChipProtocolError } from '../bytes.ts';

/** EF.COM (ICAO 9303-10 §4.6.1): LDS version, Unicode version and the data groups present. */
export interface EfCom {
  readonly ldsVersion: string;
  readonly unicodeVersion: string;
  readonly dataGroups: readonly number[];
}

export function parseEfCom(file: Uint8Array): EfCom {
  const outer = readTlv(file);
  if (outer.tag !== fileInfo('COM').tag) throw new ChipProtocolError('EF.COM does not start with tag 60');
  const text = (tag: number, what: string) => Buffer.from(requireTlv(outer.value, tag, what).value).toString('latin1');
  const tags = requireTlv(outer.value, 0x5c, 'EF.COM tag list').value;
  const dataGroups = [...tags].map(dataGroupOfTag).filter((n): n is number => n !== undefined);
  return { ldsVersion: text(0x5f01, 'LDS version'), unicodeVersion: text(0x5f36, 'Unicode version'), dataGroups };
}

/**
 * The LDS1 files Passage reads (ICAO 9303-10 §4.6, table 40): short file identifier, file identifier and the
 * tag that opens the file. The application is selected by AID A0000002471001.
 */
export const ldsAid = Uint8Array.of(0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01);

/** EF.CardAccess lives under the master file, readable without access control (ICAO 9303-10 §3.11.2). */
export const cardAccessFid = 0x011c;

export type LdsFile = 'COM' | 'SOD' | `DG${number}`;

export interface LdsFileInfo {
  readonly fid: number;
  readonly tag: number;
}

const dgTags = [0x61, 0x75, 0x63, 0x76, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70] as const;

export function fileInfo(file: LdsFile): LdsFileInfo {
  if (file === 'COM') return { fid: 0x011e, tag: 0x60 };
  if (file === 'SOD') return { fid: 0x011d, tag: 0x77 };
  const n = Number(file.slice(2));
  const tag = dgTags[n - 1];
  if (!Number.isInteger(n) || tag === undefined) throw new RangeError(`no data group ${file}`);
  return { fid: 0x0100 + n, tag };
}

/** The data group number a tag in EF.COM's tag list stands for, or undefined. */
export function dataGroupOfTag(tag: number): number | undefined {
  const at = dgTags.indexOf(tag as (typeof dgTags)[number]);
  return at < 0 ? undefined : at + 1;
}

export function dataGroupTag(n: number): number {
  return fileInfo(`DG${n}`).tag;
}

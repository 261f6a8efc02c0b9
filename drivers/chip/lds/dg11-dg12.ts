import { ChipProtocolError } from '../bytes.ts';
import { readTlv, readTlvs } from '../tlv.ts';

/** DG11 additional personal details (ICAO 9303-10 §4.7.11), the fields a kiosk may show staff. */
export interface Dg11 {
  readonly fullName?: string;
  readonly personalNumber?: string;
  readonly fullDateOfBirth?: string;
  readonly placeOfBirth?: string;
  readonly address?: string;
  readonly telephone?: string;
  readonly profession?: string;
  readonly otherNames?: readonly string[];
}

/** DG12 additional document details (ICAO 9303-10 §4.7.12). */
export interface Dg12 {
  readonly issuingAuthority?: string;
  readonly dateOfIssue?: string;
  readonly endorsements?: string;
  readonly personalizationTime?: string;
}

const dg11Fields: Readonly<Record<number, keyof Omit<Dg11, 'otherNames'>>> = {
  0x5f0e: 'fullName',
  0x5f10: 'personalNumber',
  0x5f2b: 'fullDateOfBirth',
  0x5f11: 'placeOfBirth',
  0x5f42: 'address',
  0x5f12: 'telephone',
  0x5f13: 'profession',
};

const dg12Fields: Readonly<Record<number, keyof Dg12>> = {
  0x5f19: 'issuingAuthority',
  0x5f26: 'dateOfIssue',
  0x5f1b: 'endorsements',
  0x5f55: 'personalizationTime',
};

/** LDS text fields are UTF-8 (ICAO 9303-10 §4.7.11: "Unicode in UTF-8"); '<' separates name parts. */
function text(value: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(value);
}

function fields<T>(file: Uint8Array, tag: number, names: Readonly<Record<number, keyof T>>, what: string): Record<string, unknown> {
  const outer = readTlv(file);
  if (outer.tag !== tag) throw new ChipProtocolError(`${what} does not start with tag ${tag.toString(16)}`);
  const out: Record<string, unknown> = {};
  for (const t of readTlvs(outer.value)) {
    const name = names[t.tag];
    if (name) out[name as string] = text(t.value);
    if (t.tag === 0xa0) out.otherNames = readTlvs(t.value).filter((n) => n.tag === 0x5f0f).map((n) => text(n.value));
  }
  return out;
}

export function parseDg11(file: Uint8Array): Dg11 {
  return fields<Dg11>(file, 0x6b, dg11Fields, 'DG11') as Dg11;
}

export function parseDg12(file: Uint8Array): Dg12 {
  const out = fields<Dg12>(file, 0x6c, dg12Fields, 'DG12');
  delete out.otherNames;
  return out as Dg12;
}

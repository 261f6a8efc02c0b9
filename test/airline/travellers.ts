import type { TravelDocument } from '../../electron/airline/dcs-wire.ts';

/**
 * Verified documents for the seeded travellers (electron/airline/sim/seed.json). Names and numbers follow the
 * specimens in docs/mrz-formats.md §5 where one exists; expiry dates are far in the future so check-in passes.
 */
function doc(overrides: Partial<TravelDocument> & Pick<TravelDocument, 'surname' | 'givenNames' | 'documentNumber'>): TravelDocument {
  return {
    documentCode: 'P',
    issuer: 'UTO',
    nationality: 'UTO',
    birthDate: '1974-08-12',
    sex: 'F',
    expiryDate: '2034-04-15',
    holderVerified: true,
    nameTruncated: false,
    ...overrides,
  };
}

export const travellers = {
  anna: doc({ surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'L898902C3' }),
  erika: doc({ surname: 'MUSTERMANN', givenNames: 'ERIKA', documentNumber: 'C01X0006H', issuer: 'D', nationality: 'D', birthDate: '1964-08-12' }),
  jonas: doc({ surname: 'MUSTERMANN', givenNames: 'JONAS', documentNumber: 'C01X0007K', issuer: 'D', nationality: 'D', birthDate: '2016-03-01', sex: 'M' }),
  ceshi: doc({ surname: 'CESHI', givenNames: 'YANGBEN', documentNumber: 'G62292599', documentCode: 'PT', issuer: 'CHN', nationality: 'CHN', birthDate: '1983-10-29' }),
  chan: doc({ surname: 'CHAN', givenNames: 'TAI MAN', documentNumber: 'K12345678', issuer: 'CHN', nationality: 'CHN', birthDate: '1980-08-08', sex: 'M' }),
  loes: doc({ surname: 'MEULENDIJK', givenNames: 'LOES ALBERTINE', documentNumber: 'XX0000000', issuer: 'NLD', nationality: 'NLD', birthDate: '1971-10-19' }),
  smith: doc({ surname: 'SMITH', givenNames: 'JOHN ALBERT', documentNumber: 'A1234567', documentCode: 'P', issuer: 'CHE', nationality: 'CHE', birthDate: '1975-10-25', sex: 'M' }),
  stevenson: doc({ surname: 'STEVENSON', givenNames: 'PETER JOHN', documentNumber: 'D23145890', birthDate: '1934-07-12', sex: 'M' }),
  lin: doc({ surname: 'LIN', givenNames: 'CHIEN SHENG', documentNumber: 'M00000426', issuer: 'TWN', nationality: 'TWN', birthDate: '1968-03-02', sex: 'M' }),
} as const;

// ---- MRZ lines for the seeded travellers (TD3, docs/mrz-formats.md §2.1), for end-to-end tests -------------------

function value(ch: string): number {
  if (ch === '<') return 0;
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  return ch.charCodeAt(0) - 55;
}

/** ICAO 9303 check digit, weights 7-3-1 (docs/mrz-formats.md §1.2). */
export function checkDigit(text: string): string {
  let sum = 0;
  [...text].forEach((ch, i) => (sum += value(ch) * ([7, 3, 1][i % 3] as number)));
  return String(sum % 10);
}

const pad = (text: string, width: number) => text.padEnd(width, '<').slice(0, width);
const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);

/** The two TD3 lines a reader would deliver for a traveller's document. */
export function td3Lines(doc: TravelDocument): [string, string] {
  const name = `${doc.surname.replace(/[ -]/g, '<')}<<${doc.givenNames.replace(/[ -]/g, '<')}`;
  const line1 = pad(`${pad(doc.documentCode, 2)}${pad(doc.issuer, 3)}${name}`, 44);
  const number = pad(doc.documentNumber, 9);
  const birth = yymmdd(doc.birthDate);
  const expiry = yymmdd(doc.expiryDate);
  const personal = pad('', 14);
  const upper = `${number}${checkDigit(number)}`;
  const middle = `${birth}${checkDigit(birth)}`;
  const lower = `${expiry}${checkDigit(expiry)}`;
  const pn = `${personal}${checkDigit(personal)}`;
  const composite = checkDigit(`${upper}${middle}${lower}${pn}`);
  const line2 = `${upper}${pad(doc.nationality, 3)}${middle}${doc.sex}${lower}${pn}${composite}`;
  return [line1, line2];
}

import type { TravelDocument } from '../../electron/airline/dcs-wire.ts';

/**
 * Verified documents for the seeded travellers (electron/airline/sim/seed.json). Names and numbers follow the
 * specimens in mrz-formats.md §5 where one exists; expiry dates are far in the future so check-in passes.
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

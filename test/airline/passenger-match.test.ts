import { describe, expect, it } from 'vitest';
import type { BookingView } from '../../electron/airline/dcs-wire.ts';
import { findPassengerForDocument } from '../../electron/airline/passenger-match.ts';

function booking(names: [string, string, string | null][]): BookingView {
  return {
    pnr: 'FAM2PX',
    segments: [],
    passengers: names.map(([surname, givenNames, title], i) => ({
      id: `P${i + 1}`, surname, givenNames, title, type: 'ADT', ticketNumber: '9872400000021',
      bagAllowance: { pieces: 1, weightKg: 23 }, bagsChecked: 0, apisComplete: false, segments: [],
    })),
  } as unknown as BookingView;
}

describe('findPassengerForDocument', () => {
  const family = booking([['MUSTERMANN', 'ERIKA', 'MRS'], ['MUSTERMANN', 'JONAS', 'MSTR']]);

  it('picks the passenger whose name matches, not the one who only shares the surname', () => {
    expect(findPassengerForDocument(family, { surname: 'MUSTERMANN', givenNames: 'JONAS' })).toEqual({ kind: 'matched', passengerId: 'P2', match: { kind: 'exact' } });
  });
  it('matches CHAN<<TAI<MAN to CHAN/TAIMAN MR', () => {
    expect(findPassengerForDocument(booking([['CHAN', 'TAIMAN', 'MR']]), { surname: 'CHAN', givenNames: 'TAI MAN' })).toMatchObject({ kind: 'matched', passengerId: 'P1' });
  });
  it('returns near with the reason when only a near match exists', () => {
    expect(findPassengerForDocument(family, { surname: 'MUSTERMANN', givenNames: 'ERIKE' })).toEqual({ kind: 'near', passengerId: 'P1', match: { kind: 'near', reason: 'typo' } });
  });
  it('reports two equally good candidates as ambiguous', () => {
    const twins = booking([['LIN', 'MEIHUA', 'MS'], ['LIN', 'MEIHUA', 'MS']]);
    expect(findPassengerForDocument(twins, { surname: 'LIN', givenNames: 'MEI HUA' })).toEqual({ kind: 'ambiguous', passengerIds: ['P1', 'P2'] });
  });
  it('skips passengers already assigned a document', () => {
    const twins = booking([['LIN', 'MEIHUA', 'MS'], ['LIN', 'MEIHUA', 'MS']]);
    expect(findPassengerForDocument(twins, { surname: 'LIN', givenNames: 'MEIHUA' }, ['P1'])).toMatchObject({ kind: 'matched', passengerId: 'P2' });
  });
  it('returns none for a stranger', () => {
    expect(findPassengerForDocument(family, { surname: 'CHAN', givenNames: 'TAI MAN' })).toEqual({ kind: 'none' });
  });
});

describe('findPassengerForDocument: what is evidence', () => {
  it('does not take a shared surname alone as a candidate, so relatives are not "ambiguous"', () => {
    const family = booking([['MUSTERMANN', 'ERIKA', 'MRS'], ['MUSTERMANN', 'JONAS', 'MSTR']]);
    expect(findPassengerForDocument(family, { surname: 'MUSTERMANN', givenNames: 'MAX' })).toEqual({ kind: 'none' });
  });
  it('prefers the exact name over a rule-based match of another passenger', () => {
    const b = booking([['CHAN', 'TAIMAN', 'MR'], ['CHAN', 'TAI MAN', 'MR']]);
    expect(findPassengerForDocument(b, { surname: 'CHAN', givenNames: 'TAI MAN' })).toMatchObject({ kind: 'matched', passengerId: 'P2', match: { kind: 'exact' } });
  });
});

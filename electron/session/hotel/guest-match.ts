import type { MrzResult } from '../../../drivers/mrz/index.ts';
import type { ReservationGuest } from '../../hotel/hotel-pms.ts';

/** Names and numbers compared without case, spaces, hyphens, apostrophes or MRZ fillers. */
export function normalise(value: string): string {
  return value.toUpperCase().replace(/[\s<'’.-]+/g, '');
}

/**
 * Which guest of the reservation a document belongs to: the identification on the guest's profile first
 * (number, ignoring formatting), else the name (surname equal, given names equal or one a prefix of the other,
 * since the MRZ may truncate them, docs/mrz-formats.md §1.3). -1 when none.
 */
export function matchGuest(document: MrzResult, guests: readonly ReservationGuest[]): number {
  const number = normalise(document.documentNumber ?? '');
  if (number) {
    const byNumber = guests.findIndex((g) => g.document !== null && normalise(g.document.number) === number);
    if (byNumber >= 0) return byNumber;
  }
  const surname = normalise(document.surname ?? '');
  if (!surname) return -1;
  const given = normalise(document.givenNames ?? '');
  return guests.findIndex((g) => {
    if (g.document !== null && number && normalise(g.document.number) !== number) return false; // another document on file
    if (normalise(g.surname) !== surname) return false;
    const other = normalise(g.givenNames);
    return other.startsWith(given) || given.startsWith(other);
  });
}

/** The same physical document (one person, one document — docs/china-rules.md §2 一人一证). */
export function sameDocument(a: MrzResult, b: MrzResult): boolean {
  return normalise(a.documentNumber ?? '') !== '' && normalise(a.documentNumber ?? '') === normalise(b.documentNumber ?? '')
    && (a.issuer ?? '') === (b.issuer ?? '');
}

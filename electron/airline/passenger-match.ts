import type { BookingView } from './dcs-wire.ts';
import { isAcceptedMatch, matchName, type DocumentName, type NameMatch } from './name-match.ts';

export type PassengerMatch =
  /** One passenger is an accepted match (exact or match) for the document. */
  | { readonly kind: 'matched'; readonly passengerId: string; readonly match: NameMatch }
  /** The best candidate is only `near`: send the traveller to staff with the reason, never accept. */
  | { readonly kind: 'near'; readonly passengerId: string; readonly match: NameMatch }
  /** More than one passenger matches equally well (e.g. two travellers with the same name): ask staff. */
  | { readonly kind: 'ambiguous'; readonly passengerIds: readonly string[] }
  | { readonly kind: 'none' };

const kindRank: Readonly<Record<NameMatch['kind'], number>> = { exact: 30, match: 20, near: 10, none: 0 };
// Among near matches a spelling slip is stronger evidence than swapped names.
const nearRank: Readonly<Record<string, number>> = { typo: 4, initials: 3, swapped: 2 };

/** Sharing only the surname (a relative on the same booking) is no evidence at all that this is the passenger. */
const isCandidate = (match: NameMatch): boolean => match.kind !== 'none' && !(match.kind === 'near' && match.reason === 'surname-only');

function rank(match: NameMatch): number {
  return kindRank[match.kind] + (match.kind === 'near' ? (nearRank[match.reason] ?? 0) : 0);
}

/**
 * Which passenger of a booking a verified document belongs to: an exact name beats a rule-based match, which
 * beats a near one; two passengers equally good are `ambiguous` (never guessed); a shared surname alone is
 * `none`. Pure; the airport flow calls it for every document read (steps/lookup.ts, steps/passengers.ts) and
 * sends only `matched` passengers to check-in (the DCS checks the name again).
 */
export function findPassengerForDocument(booking: BookingView, document: DocumentName, exclude: readonly string[] = []): PassengerMatch {
  const scored = booking.passengers
    .filter((p) => !exclude.includes(p.id))
    .map((p) => ({ id: p.id, match: matchName(document, p) }))
    .filter((s) => isCandidate(s.match))
    .sort((a, b) => rank(b.match) - rank(a.match));
  const best = scored[0];
  if (!best) return { kind: 'none' };
  const tied = scored.filter((s) => rank(s.match) === rank(best.match));
  if (isAcceptedMatch(best.match)) {
    return tied.length > 1 ? { kind: 'ambiguous', passengerIds: tied.map((t) => t.id) } : { kind: 'matched', passengerId: best.id, match: best.match };
  }
  return tied.length > 1 ? { kind: 'ambiguous', passengerIds: tied.map((t) => t.id) } : { kind: 'near', passengerId: best.id, match: best.match };
}

import type { MrzResult } from '../../../../drivers/mrz/index.ts';
import type { HotelAction } from '../../../contract/hotel.ts';
import type { Reservation, ReservationGuest } from '../../../hotel/hotel-pms.ts';
import type { VerificationOutcome } from '../../verification.ts';
import { matchGuest, sameDocument } from '../guest-match.ts';
import { allVerified, go, stay, staffDesk, verify, type GuestSlot, type GuestsStep, type HotelFlowOptions, type HotelState, type HotelStep } from '../hotel-state.ts';
import { buildRegistration } from '../registration-record.ts';
import { afterGuests } from './face.ts';

/**
 * Every adult guest (docs/china-rules.md §1): each places their own document, which must belong to a guest
 * of the reservation (or to an adult place the booking does not name), be complete enough for the police
 * registration, and be verified by the identity platform.
 */

/**
 * Every adult on the booking, named or not; the traveller's own slot is verified already. null when the
 * traveller is not on the reservation (someone else's confirmation number).
 */
export function guestSlots(reservation: Reservation, document: MrzResult): GuestSlot[] | null {
  const adults = reservation.guests.filter((g) => g.ageCategory === 'adult');
  const selfIndex = matchGuest(document, adults);
  const named: GuestSlot[] = adults.map((profile, i) => ({
    profile,
    self: i === selfIndex,
    status: i === selfIndex ? 'verified' : 'waiting',
    document: i === selfIndex ? document : null,
  }));
  const unnamed = Math.max(0, reservation.adults - adults.length);
  const slots = [...named, ...Array.from({ length: unnamed }, (): GuestSlot => ({ profile: null, self: false, status: 'waiting', document: null }))];
  if (selfIndex >= 0) return slots;
  // Not named on the booking: an unnamed adult place may be theirs, but only if the booking has one.
  const free = slots.findIndex((s) => s.profile === null);
  if (free < 0) return null;
  return slots.map((s, i) => (i === free ? { ...s, self: true, status: 'verified', document } : s));
}

/** Whether a police registration can be built from this document (checked early, with a placeholder room). */
export function registrable(reservation: Reservation, slot: GuestSlot, document: MrzResult, options: HotelFlowOptions): boolean {
  return buildRegistration({
    registrationId: 'check',
    kioskId: options.kioskId,
    reservation,
    roomNumber: '0',
    arrivalAt: 0,
    document,
    profile: slot.profile,
    verification: { method: 'document-only', faceConsent: null, faceMatch: null },
  }).ok;
}

export const guestsStep = (): GuestsStep => ({ name: 'guests', problem: null, candidate: null });

export function onReservationAction(state: HotelState, action: HotelAction, options: HotelFlowOptions): HotelStep {
  if (action.type !== 'continue') return stay(state);
  return allVerified(state) ? afterGuests(state, options) : go(state, guestsStep());
}

export function onGuestsAction(state: HotelState, action: HotelAction, options: HotelFlowOptions): HotelStep {
  if (action.type === 'continue' && allVerified(state) && !state.requests.awaiting) return afterGuests(state, options);
  if (action.type === 'staffDesk') return staffDesk(state, 'notVerified');
  return stay(state);
}

export function onGuestUnreadable(state: HotelState): HotelStep {
  return state.step.name === 'guests' && !state.requests.awaiting ? go(state, { ...state.step, problem: 'unreadable' }) : stay(state);
}

export function onGuestDocument(state: HotelState, document: MrzResult, options: HotelFlowOptions): HotelStep {
  const step = state.step;
  if (step.name !== 'guests' || state.requests.awaiting || !state.reservation) return stay(state);
  const problem = (p: GuestsStep['problem']) => go(state, { ...step, problem: p });
  if (state.guests.some((g) => g.document && sameDocument(g.document, document))) return problem('alreadyScanned');
  const adults = state.guests.map((g) => g.profile).filter((p): p is ReservationGuest => p !== null);
  const named = matchGuest(document, adults);
  let slot = named >= 0 ? state.guests.findIndex((g) => g.profile === adults[named]) : -1;
  if (slot >= 0 && state.guests[slot]?.status === 'verified') return problem('alreadyScanned');
  if (slot < 0) slot = state.guests.findIndex((g) => g.profile === null && g.status !== 'verified');
  const target = state.guests[slot];
  if (!target) return problem('notOnReservation');
  if (!registrable(state.reservation, target, document, options)) return problem('incomplete');
  const guests = state.guests.map((g, i) => (i === slot ? { ...g, status: 'verifying' as const } : g));
  const next: HotelState = { ...state, guests, step: { name: 'guests', problem: null, candidate: { document, slot } } };
  if (!options.requireVerification) return onGuestVerified(next, { outcome: 'verified' });
  return verify(next, document);
}

export function onGuestVerified(state: HotelState, outcome: VerificationOutcome): HotelStep {
  const step = state.step;
  if (step.name !== 'guests' || !step.candidate) return stay(state);
  const candidate = step.candidate;
  const verified = outcome.outcome === 'verified';
  const guests = state.guests.map((g, i): GuestSlot => {
    if (i !== candidate.slot) return g;
    if (verified) return { ...g, status: 'verified', document: candidate.document };
    return { ...g, status: outcome.outcome === 'not_verified' ? 'notVerified' : 'waiting', document: null };
  });
  const problem = verified ? null : outcome.outcome === 'not_verified' ? 'notVerified' : 'unavailable';
  return go({ ...state, guests }, { name: 'guests', problem, candidate: null });
}

/** Back from the guests: those verified stay verified; a verification under way is dropped (its answer is stale). */
export function guestsBack(state: HotelState): HotelStep {
  return go({ ...state, guests: state.guests.map((g) => (g.status === 'verifying' ? { ...g, status: 'waiting' } : g)) }, { name: 'reservation' });
}

import type { AirportAction, AirportNotice } from '../../../contract/airport.ts';
import type { DcsError } from '../../../airline/airline-dcs.ts';
import type { BookingQuery, BookingView } from '../../../airline/dcs-wire.ts';
import { findPassengerForDocument } from '../../../airline/passenger-match.ts';
import type { BarcodeScan } from '../../../../drivers/scanner/barcode-scanner.ts';
import type { AirportReplies } from '../airport-calls.ts';
import { call, flightOf, go, lastTravelDate, refuse, stay, type AirportState, type AirportStep, type LookupStep } from '../airport-state.ts';
import { documentName, travelDocument } from '../travel-document.ts';

/**
 * Finding the booking: by the verified document first, else booking reference + surname on the touch keyboard
 * or a scanned barcode; several bookings → the traveller picks one. Entering a booking checks what it already
 * shows (the traveller on it, cancelled flight, check-in window, document expiry) before anyone scans more.
 */

export const lookupMenu = (notice: AirportNotice | null): LookupStep => ({ name: 'lookup', mode: 'menu', field: 'pnr', pnr: '', surname: '', notice });

const transportErrors: ReadonlySet<DcsError['code']> = new Set(['timeout', 'unavailable', 'protocol-error']);

export function search(state: AirportState, query: BookingQuery, step: AirportState['step']): AirportStep {
  return call({ ...state, step }, 'findBookings', { type: 'findBookings', query });
}

/** The first search: the verified document's number and name. */
export function searchByDocument(state: AirportState): AirportStep {
  const d = state.traveller.document;
  if (!d.documentNumber) return go(state, lookupMenu(null));
  return search(state, { kind: 'document', surname: d.surname ?? '', givenNames: d.givenNames ?? '', documentNumber: d.documentNumber }, { name: 'searching' });
}

export function onLookupAction(state: AirportState, step: LookupStep, action: AirportAction): AirportStep {
  if (state.requests.awaiting) return stay(state); // searching: the answer decides
  switch (action.type) {
    case 'useKeyboard':
      return go(state, { ...step, mode: 'keyboard', notice: null });
    case 'focus':
      return go(state, { ...step, field: action.field });
    case 'type': {
      const limit = step.field === 'pnr' ? 6 : 30;
      const value = step[step.field];
      if (value.length >= limit) return stay(state);
      const next = { ...step, [step.field]: value + action.char, notice: null };
      // A complete reference moves on to the surname, as a counter agent's form would.
      if (step.field === 'pnr' && next.pnr.length === 6) next.field = 'surname';
      return go(state, next);
    }
    case 'erase':
      return go(state, { ...step, [step.field]: step[step.field].slice(0, -1), notice: null });
    case 'search':
      if (!/^[A-Z0-9]{5,7}$/.test(step.pnr) || step.surname.length === 0) return stay(state);
      return search(state, { kind: 'pnr', pnr: step.pnr, surname: step.surname }, { ...step, notice: null });
    default:
      return stay(state);
  }
}

export function onScan(state: AirportState, scan: BarcodeScan): AirportStep {
  const step = state.step;
  if (step.name !== 'lookup' || state.requests.awaiting) return stay(state);
  return search(state, { kind: 'barcode', text: scan.text }, { ...step, notice: null });
}

export function onBookings(state: AirportState, reply: AirportReplies['findBookings']): AirportStep {
  const result = reply.result;
  if (result.ok) {
    const [booking, ...more] = result.value;
    if (!booking) return go(state, lookupMenu('notFound'));
    return more.length > 0 ? go(state, { name: 'chooseBooking', bookings: result.value }) : enterBooking(state, booking);
  }
  const code = result.error.code;
  const notice: AirportNotice =
    code === 'name-mismatch' ? 'nameMismatch' : code === 'unreadable-barcode' ? 'unreadableBarcode' : transportErrors.has(code) ? 'unavailable' : 'notFound';
  const step = state.step;
  // A failed manual search keeps what was typed so it can be corrected.
  if (step.name === 'lookup') return go(state, { ...step, notice });
  return go(state, lookupMenu(notice));
}

export function onChooseBooking(state: AirportState, bookings: readonly BookingView[], action: AirportAction): AirportStep {
  const chosen = action.type === 'chooseBooking' ? bookings.find((b) => b.pnr === action.pnr) : undefined;
  return chosen ? enterBooking(state, chosen) : stay(state);
}

/**
 * The booking's own rules, checked before anyone scans anything else. The traveller must be one passenger of
 * it by name (passenger-match.ts): an exact name beats a near one, two equally good passengers (the same name
 * twice on one booking) go to the counter, and a near name is never accepted.
 */
export function enterBooking(state: AirportState, booking: BookingView): AirportStep {
  const withBooking = { ...state, booking };
  const match = findPassengerForDocument(booking, documentName(state.traveller.document));
  if (match.kind === 'ambiguous') return refuse(withBooking, 'ambiguousPassenger');
  if (match.kind === 'near') return refuse(withBooking, 'nameMismatch');
  if (match.kind === 'none') return refuse(withBooking, 'notOnBooking');
  const cancelled = booking.segments.find((s) => s.status === 'cancelled');
  if (cancelled) return refuse(withBooking, 'flightCancelled', null, flightOf(cancelled));
  const first = booking.segments[0];
  if (first && first.checkIn.state === 'not-open') return refuse(withBooking, 'checkInNotOpen', first.checkIn.opensAt, flightOf(first));
  if (first && first.checkIn.state === 'closed') return refuse(withBooking, 'checkInClosed', first.checkIn.closesAt, flightOf(first));
  const expiry = state.traveller.document.expiryDate;
  if (!expiry || expiry < lastTravelDate(booking)) return refuse(withBooking, 'documentExpires');
  if (!travelDocument(state.traveller.document, state.traveller.verification === 'verified')) return refuse(withBooking, 'unavailable');
  const bags = Object.fromEntries(booking.passengers.map((p) => [p.id, p.bagsChecked]));
  return go(
    { ...withBooking, primaryId: match.passengerId, included: [{ passengerId: match.passengerId, ...state.traveller }], bags, checkIn: null, result: null },
    { name: 'booking' },
  );
}

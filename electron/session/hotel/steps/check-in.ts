import type { GuestRegistration } from '../../../hotel/guest-registration.ts';
import type { FlowContext } from '../../flow.ts';
import type { HotelResults } from '../hotel-calls.ts';
import { call, go, staffDesk, type HotelFlowOptions, type HotelState, type HotelStep } from '../hotel-state.ts';
import { buildRegistration } from '../registration-record.ts';

/**
 * The room, then every guest's police registration written to the outbox, then the PMS check-in
 * (docs/china-rules.md §1: registered before the guest is in house; electron/hotel/check-in.ts keeps the order).
 */

export function toCheckIn(state: HotelState): HotelStep {
  const reservation = state.reservation;
  if (!reservation) return staffDesk(state, 'checkInFailed');
  return call({ ...state, step: { name: 'checkingIn' } }, 'assignRoom', { type: 'assignRoom', reservationId: reservation.reservationId, roomNumber: reservation.roomNumber });
}

export function onRoomAssigned(state: HotelState, result: HotelResults['assignRoom'], context: FlowContext, options: HotelFlowOptions): HotelStep {
  if (!result.ok || !result.value.roomNumber) return staffDesk(state, 'checkInFailed');
  return register({ ...state, reservation: result.value, roomNumber: result.value.roomNumber }, context, options);
}

function register(state: HotelState, context: FlowContext, options: HotelFlowOptions): HotelStep {
  const reservation = state.reservation;
  const roomNumber = state.roomNumber;
  if (!reservation || !roomNumber) return staffDesk(state, 'checkInFailed');
  const registrations: GuestRegistration[] = [];
  for (const [i, guest] of state.guests.entries()) {
    if (!guest.document) return staffDesk(state, 'checkInFailed');
    const built = buildRegistration({
      // Deterministic per kiosk, reservation, guest and moment: a retried call re-uses the same IDs.
      registrationId: `${options.kioskId}-${reservation.reservationId}-${i + 1}-${context.now}`.replace(/[^A-Za-z0-9._:-]/g, '_').slice(0, 128),
      kioskId: options.kioskId,
      reservation,
      roomNumber,
      arrivalAt: context.now,
      document: guest.document,
      profile: guest.profile,
      verification: guest.self && state.face.consent
        ? { method: 'face-match', faceConsent: true, faceMatch: state.face.match }
        : { method: 'document-only', faceConsent: guest.self && options.faceCheck ? state.face.consent : null, faceMatch: null },
    });
    if (!built.ok) return staffDesk(state, 'cannotRegister');
    registrations.push(built.value);
  }
  const next = { ...state, arrivalAt: context.now, registrationIds: registrations.map((r) => r.registrationId) };
  return call(next, 'checkIn', { type: 'checkIn', reservationId: reservation.reservationId, registrations });
}

export function onCheckedIn(state: HotelState, result: HotelResults['checkIn'], options: HotelFlowOptions): HotelStep {
  // Outcome unknown (the PMS did not answer): the guest may be in house, so the deposit hold stays for staff.
  if (!result.ok) return staffDesk({ ...state, checkedIn: result.error.code === 'check-in-unknown' }, 'checkInFailed');
  return go({ ...state, checkedIn: true }, { name: 'keys', status: 'choose', count: Math.min(options.maxKeys, Math.max(1, state.guests.length)) });
}

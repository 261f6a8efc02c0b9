import type { HotelAction } from '../../../contract/hotel.ts';
import { maskDocumentNumber } from '../../../log/mask.ts';
import type { HotelResults } from '../hotel-calls.ts';
import { call, go, stay, type HotelState, type HotelStep, type KeysStep } from '../hotel-state.ts';

/** Key cards, then the registration slip (rendered with what the police outbox says at print time). */

export function onKeysAction(state: HotelState, step: KeysStep, action: HotelAction): HotelStep {
  if (state.requests.awaiting || !state.reservation) return stay(state);
  switch (action.type) {
    case 'setKeyCount':
      return step.status === 'choose' ? go(state, { ...step, count: Math.min(state.maxKeys, action.count) }) : stay(state);
    case 'encode': {
      // After the stock ran out mid-request, a retry makes only the cards still owed.
      const count = Math.max(1, step.count - state.keysIssued);
      return call({ ...state, step: { ...step, status: 'encoding' } }, 'encodeKeys', { type: 'encodeKeys', reservationId: state.reservation.reservationId, count });
    }
    case 'skipKeys':
      return step.status === 'stockEmpty' || step.status === 'failed' ? printSlip(state) : stay(state);
    default:
      return stay(state);
  }
}

export function onKeysEncoded(state: HotelState, step: KeysStep, result: HotelResults['encodeKeys']): HotelStep {
  if (result.ok) return printSlip({ ...state, keysIssued: state.keysIssued + result.value.count });
  return go({ ...state, keysIssued: state.keysIssued + (result.error.issued ?? 0) }, { ...step, status: result.error.code === 'stockEmpty' ? 'stockEmpty' : 'failed' });
}

export function printSlip(state: HotelState): HotelStep {
  const reservation = state.reservation;
  if (!reservation || !state.roomNumber) return go(state, { name: 'done' });
  const registered = state.guests.filter((g) => g.document !== null);
  return call({ ...state, step: { name: 'printing' } }, 'printSlip', {
    type: 'printSlip',
    slip: {
      hotelId: reservation.hotelId,
      confirmationNumber: reservation.confirmationNumber,
      roomNumber: state.roomNumber,
      arrival: new Date(state.arrivalAt ?? 0).toISOString(),
      departureDate: reservation.departureDate,
      guests: registered.map((g, i) => ({
        name: `${g.document?.surname ?? g.profile?.surname ?? ''} ${g.document?.givenNames ?? g.profile?.givenNames ?? ''}`.trim(),
        nameChinese: g.document?.nameChinese ?? g.profile?.nameChinese ?? null,
        documentRef: maskDocumentNumber(g.document?.documentNumber ?? ''),
        registrationId: state.registrationIds[i] ?? null,
      })),
      keys: state.keysIssued,
      deposit: state.authorisation && reservation.deposit ? reservation.deposit : null,
    },
  });
}

export function onSlipPrinted(state: HotelState, result: HotelResults['printSlip']): HotelStep {
  return go({ ...state, slipPrinted: result.ok }, { name: 'done' });
}

import type { MrzResult } from '../../../../drivers/mrz/index.ts';
import type { HotelAction } from '../../../contract/hotel.ts';
import { confirmationMaxLength } from '../../../contract/hotel.ts';
import type { Reservation } from '../../../hotel/hotel-pms.ts';
import type { HotelResults } from '../hotel-calls.ts';
import { call, go, stay, staffDesk, type ConfirmationStep, type HotelFlowOptions, type HotelState, type HotelStep, type SearchProblem } from '../hotel-state.ts';
import { guestSlots, registrable } from './guests.ts';

/**
 * Finding the reservation: by the traveller's document, then by their name, else the confirmation number typed
 * on the touch keyboard. Only a reservation due in today is taken, and only one the traveller is a guest of.
 */

export function findByDocument(state: HotelState): HotelStep {
  const number = state.traveller.document.documentNumber?.replace(/<+$/, '');
  if (!number) return go({ ...state, foundBy: 'confirmation' }, { name: 'confirmation', entry: '', problem: null });
  return call(state, 'findByDocument', { type: 'findReservations', query: { by: 'document', documentNumber: number } });
}

export function onConfirmationAction(state: HotelState, step: ConfirmationStep, action: HotelAction): HotelStep {
  if (state.requests.awaiting) return stay(state);
  switch (action.type) {
    case 'type':
      return step.entry.length >= confirmationMaxLength ? stay(state) : go(state, { ...step, entry: step.entry + action.char, problem: null });
    case 'erase':
      return go(state, { ...step, entry: step.entry.slice(0, -1), problem: null });
    case 'search':
      if (!step.entry) return stay(state);
      return call({ ...state, step: { ...step, problem: null } }, 'findByConfirmation', {
        type: 'findReservations',
        query: { by: 'confirmation', confirmationNumber: step.entry },
      });
    default:
      return stay(state);
  }
}

export function onFound(
  state: HotelState,
  kind: 'findByDocument' | 'findByName' | 'findByConfirmation',
  result: HotelResults['findReservations'],
  options: HotelFlowOptions,
): HotelStep {
  const entry = state.step.name === 'confirmation' ? state.step.entry : '';
  const toEntry = (problem: SearchProblem | null): HotelStep => go({ ...state, foundBy: 'confirmation' }, { name: 'confirmation', entry, problem });
  if (!result.ok) return toEntry(result.error.code === 'not-found' ? 'notFound' : 'unavailable');
  const found = result.value;
  const due = found.find((r) => r.status === 'due-in');
  if (!due) {
    if (found.length === 0 && kind === 'findByDocument') {
      // The profile may hold no document yet: try the traveller's name before asking for the number.
      const { surname, givenNames } = state.traveller.document;
      if (surname) return call(state, 'findByName', { type: 'findReservations', query: { by: 'name', surname, ...(givenNames ? { givenNames } : {}) } });
    }
    if (found.some((r) => r.status === 'checked-in')) return toEntry('alreadyCheckedIn');
    if (found.some((r) => r.status === 'cancelled')) return toEntry('cancelled');
    return toEntry(kind === 'findByConfirmation' ? 'notFound' : null);
  }
  return enterReservation(state, due, kind === 'findByConfirmation' ? 'confirmation' : 'document', options);
}

function enterReservation(state: HotelState, reservation: Reservation, foundBy: 'document' | 'confirmation', options: HotelFlowOptions): HotelStep {
  const document: MrzResult = state.traveller.document;
  const guests = guestSlots(reservation, document);
  if (!guests) return staffDesk({ ...state, reservation }, 'notOnReservation');
  const self = guests.find((g) => g.self);
  if (self && !registrable(reservation, self, document, options)) return staffDesk({ ...state, reservation }, 'cannotRegister');
  return go({ ...state, foundBy, reservation, guests }, { name: 'reservation' });
}

import type { HotelAction } from '../../../contract/hotel.ts';
import type { HotelResults } from '../hotel-calls.ts';
import { call, go, stay, staffDesk, type HotelFlowOptions, type HotelState, type HotelStep } from '../hotel-state.ts';
import { toDeposit } from './deposit.ts';

/**
 * The face check, only with explicit consent and with the staff desk as the equal alternative
 * (docs/china-rules.md §3). The capture goes to the platform once and is stored nowhere.
 */

export function afterGuests(state: HotelState, options: HotelFlowOptions): HotelStep {
  return options.faceCheck ? go(state, { name: 'face' }) : toDeposit(state);
}

export function onFaceAction(state: HotelState, action: HotelAction): HotelStep {
  if (state.requests.awaiting) return stay(state);
  if (action.type === 'consentFace') {
    return call({ ...state, face: { consent: true, match: null } }, 'faceMatch', { type: 'faceMatch', document: state.traveller.document, image: action.image ?? null });
  }
  if (action.type === 'staffDesk') return staffDesk({ ...state, face: { consent: false, match: null } }, 'declinedFace');
  return stay(state);
}

export function onFaceMatched(state: HotelState, result: HotelResults['faceMatch']): HotelStep {
  if (!result.ok) return staffDesk({ ...state, face: { consent: true, match: null } }, 'faceUnavailable');
  const next = { ...state, face: { consent: true, match: result.value.match } };
  return result.value.match ? toDeposit(next) : staffDesk(next, 'faceNotMatched');
}

export function faceBack(state: HotelState): HotelStep {
  return go({ ...state, face: { consent: null, match: null } }, state.guests.length > 1 ? { name: 'guests', problem: null, candidate: null } : { name: 'reservation' });
}

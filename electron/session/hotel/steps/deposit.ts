import type { HotelAction } from '../../../contract/hotel.ts';
import type { HotelResults } from '../hotel-calls.ts';
import { call, go, stay, staffDesk, type HotelState, type HotelStep } from '../hotel-state.ts';
import { toCheckIn } from './check-in.ts';

/** The deposit: a pre-authorisation on the guest's card, given back if the stay does not start here. */

export function toDeposit(state: HotelState): HotelStep {
  const deposit = state.reservation?.deposit;
  if (!deposit || deposit.amountMinor === 0) return toCheckIn(state);
  return go(state, { name: 'deposit', status: 'ready' });
}

export function onDepositAction(state: HotelState, action: HotelAction): HotelStep {
  const deposit = state.reservation?.deposit;
  if (state.requests.awaiting || !deposit || !state.reservation) return stay(state);
  if (action.type === 'pay') {
    return call({ ...state, step: { name: 'deposit', status: 'processing' } }, 'preauthorize', {
      type: 'preauthorize',
      reference: state.reservation.confirmationNumber,
      amountMinor: deposit.amountMinor,
      currency: deposit.currency,
    });
  }
  if (action.type === 'staffDesk') return staffDesk(state, 'paymentFailed');
  return stay(state);
}

export function onPreauthorized(state: HotelState, result: HotelResults['preauthorize']): HotelStep {
  if (!result.ok) return go(state, { name: 'deposit', status: result.error.code === 'declined' ? 'declined' : 'unavailable' });
  return toCheckIn({ ...state, authorisation: result.value.authorisation });
}

/** Back from the deposit, not while the card terminal is working. */
export function depositBack(state: HotelState): HotelStep {
  if (state.requests.awaiting) return stay(state);
  const to = state.face.consent === true ? { name: 'face' as const } : state.guests.length > 1 ? { name: 'guests' as const, problem: null, candidate: null } : { name: 'reservation' as const };
  return go({ ...state, face: { consent: null, match: null } }, to);
}

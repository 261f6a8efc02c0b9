import type { MrzResult } from '../../../../drivers/mrz/index.ts';
import type { AirportAction, AirportNotice } from '../../../contract/airport.ts';
import { findPassengerForDocument } from '../../../airline/passenger-match.ts';
import type { VerificationOutcome } from '../../verification.ts';
import { verify, bookingName, go, lastTravelDate, stay, type AirportState, type AirportStep, type IncludedPassenger, type PassengersStep } from '../airport-state.ts';
import { documentName, travelDocument } from '../travel-document.ts';
import { seatsStep } from './seats.ts';

/**
 * Who checks in: each further passenger places their own document, which names the passenger (the same
 * matching as for the traveller: exact beats near, two equal candidates go to the counter) and is verified.
 */

export const passengersStep = (notice: AirportNotice | null = null, noticeName: string | null = null): PassengersStep => ({
  name: 'passengers',
  reading: false,
  notice,
  noticeName,
  verifying: null,
});

function include(state: AirportState, passenger: IncludedPassenger): AirportStep {
  const included = [...state.included.filter((i) => i.passengerId !== passenger.passengerId), passenger];
  return go({ ...state, included }, passengersStep());
}

export function onPassengersAction(state: AirportState, step: PassengersStep, action: AirportAction): AirportStep {
  if (action.type === 'removePassenger' && action.passengerId !== state.primaryId && !step.verifying) {
    return go({ ...state, included: state.included.filter((i) => i.passengerId !== action.passengerId) }, passengersStep());
  }
  const first = state.booking?.segments[0];
  if (action.type === 'continue' && !step.verifying && first) return seatsStep(state, first.id, state.primaryId ?? '');
  return stay(state);
}

export function onReadStart(state: AirportState): AirportStep {
  const step = state.step;
  return step.name === 'passengers' && !step.verifying ? stay({ ...state, step: { ...step, reading: true, notice: null, noticeName: null } }) : stay(state);
}

export function onUnreadable(state: AirportState): AirportStep {
  return state.step.name === 'passengers' && !state.step.verifying ? go(state, passengersStep('documentUnreadable')) : stay(state);
}

/** A further passenger's document on the reader: which passenger, and may they check in? */
export function onPassengerDocument(state: AirportState, document: MrzResult, requireVerification: boolean): AirportStep {
  const booking = state.booking;
  if (!booking || state.step.name !== 'passengers' || state.step.verifying) return stay(state);
  const match = findPassengerForDocument(booking, documentName(document));
  if (match.kind === 'ambiguous') return go(state, passengersStep('passengerAmbiguous'));
  if (match.kind === 'none') return go(state, passengersStep('passengerNotOnBooking'));
  const passenger = booking.passengers.find((p) => p.id === match.passengerId);
  if (!passenger) return go(state, passengersStep('passengerNotOnBooking'));
  const label = bookingName(passenger);
  if (match.kind === 'near') return go(state, passengersStep('nameMismatch', label));
  if (state.included.some((i) => i.passengerId === passenger.id)) return go(state, passengersStep('passengerAlreadyAdded', label));
  if (!document.expiryDate || document.expiryDate < lastTravelDate(booking)) return go(state, passengersStep('passengerDocumentExpires', label));
  if (!travelDocument(document, false)) return go(state, passengersStep('documentUnreadable', label));
  // A session without an identity platform never answers a verify effect: the traveller's own
  // verification tells whether one is configured.
  if (state.traveller.verification === 'notChecked') {
    if (requireVerification) return go(state, passengersStep('passengerNotVerified', label));
    return include(state, { passengerId: passenger.id, document, verification: 'notChecked' });
  }
  return verify({ ...state, step: { ...passengersStep(), verifying: { passengerId: passenger.id, document } } }, document);
}

export function onPassengerVerified(state: AirportState, step: PassengersStep, outcome: VerificationOutcome): AirportStep {
  if (!step.verifying) return stay(state);
  const { passengerId, document } = step.verifying;
  const passenger = state.booking?.passengers.find((p) => p.id === passengerId);
  const label = passenger ? bookingName(passenger) : null;
  if (outcome.outcome === 'verified') return include(state, { passengerId, document, verification: 'verified' });
  return go(state, passengersStep(outcome.outcome === 'not_verified' ? 'passengerNotVerified' : 'passengerVerifyUnavailable', label));
}

import type { HotelAction } from '../../contract/hotel.ts';
import { exitWith, type FlowContext, type VerifiedTraveller } from '../flow.ts';
import { awaitedAs, noRequests, settled } from '../requests.ts';
import type { HotelReply } from './hotel-calls.ts';
import { go, stay, staffDesk, type HotelAwaited, type HotelFlow, type HotelFlowOptions, type HotelInput, type HotelState, type HotelStep } from './hotel-state.ts';
import { hotelView } from './hotel-view.ts';
import { onCheckedIn, onRoomAssigned } from './steps/check-in.ts';
import { depositBack, onDepositAction, onPreauthorized } from './steps/deposit.ts';
import { faceBack, onFaceAction, onFaceMatched } from './steps/face.ts';
import { guestsBack, onGuestDocument, onGuestsAction, onGuestUnreadable, onGuestVerified, onReservationAction } from './steps/guests.ts';
import { onKeysAction, onKeysEncoded, onSlipPrinted } from './steps/keys.ts';
import { findByDocument, onConfirmationAction, onFound } from './steps/reservation.ts';

export type { HotelFlowOptions, HotelInput, HotelState, HotelStep } from './hotel-state.ts';

/**
 * Hotel self registration as a pure flow (docs/hotel.md §1 OPERA front desk, docs/china-rules.md §1 China guest
 * registration), one file per step under steps/: reservation → every adult guest's document verified → face
 * check with consent or the staff desk → deposit pre-authorisation → room, police registration (outbox first)
 * and PMS check-in → key cards → registration slip → done. Replies whose request id is not the one awaited
 * are ignored.
 */
export function createHotelFlow(options: HotelFlowOptions): HotelFlow {
  return {
    start: (traveller) => start(traveller, options),
    reduce: (state, input, context) => reduce(state, input, context, options),
    view: hotelView,
    awaiting: (state) => state.requests.awaiting?.id ?? null,
    abandoned,
    // Once the PMS check-in is asked for, the stay exists: there is no step to go back to.
    canGoBack: (state) => !state.checkedIn && state.requests.awaiting?.kind !== 'checkIn',
  };
}

/** A guest who walks away after the PMS check-in has a room but maybe no keys: staff must know (no names). */
function abandoned(state: HotelState): string | null {
  const room = state.roomNumber ? `room ${state.roomNumber}` : 'a room';
  if (state.checkedIn && state.step.name !== 'done' && state.keysIssued === 0) {
    return `guest left checked in to ${room} without key cards (reservation ${state.reservation?.confirmationNumber ?? 'unknown'})`;
  }
  if (state.requests.awaiting?.kind === 'checkIn') return `guest left while the check-in for ${room} was being sent: check the PMS`;
  return null;
}

function start(traveller: VerifiedTraveller, options: HotelFlowOptions): HotelStep {
  const state: HotelState = {
    traveller,
    step: { name: 'finding' },
    requests: noRequests,
    foundBy: null,
    reservation: null,
    guests: [],
    face: { consent: null, match: null },
    authorisation: null,
    roomNumber: null,
    arrivalAt: null,
    registrationIds: [],
    checkedIn: false,
    maxKeys: options.maxKeys,
    keysIssued: 0,
    slipPrinted: false,
  };
  if (options.requireVerification && traveller.verification !== 'verified') return staffDesk(state, 'notVerified');
  return findByDocument(state);
}

function reduce(state: HotelState, input: HotelInput, context: FlowContext, options: HotelFlowOptions): HotelStep {
  switch (input.type) {
    case 'reply': {
      const kind = awaitedAs(state.requests, input.requestId);
      return kind === null ? stay(state) : onReply(settled(state), kind, input.reply, context, options);
    }
    case 'verification':
      return awaitedAs(state.requests, input.requestId) === 'verifyGuest' ? onGuestVerified(settled(state), input.outcome) : stay(state);
    case 'document':
      return onGuestDocument(state, input.document, options);
    case 'unreadable':
      return onGuestUnreadable(state);
    case 'back':
      return back(state);
    case 'action':
      return onAction(state, input.action, options);
    case 'readStart':
    case 'scan':
      return stay(state);
  }
}

/** The reply read as the kind it was awaited as; a reply of another call type (a runner bug) is a failure. */
function onReply(state: HotelState, kind: HotelAwaited, reply: HotelReply, context: FlowContext, options: HotelFlowOptions): HotelStep {
  const failed = { ok: false as const, error: { code: 'internal' } };
  const step = state.step;
  switch (kind) {
    case 'findByDocument':
    case 'findByName':
    case 'findByConfirmation':
      return onFound(state, kind, reply.type === 'findReservations' ? reply.result : failed, options);
    case 'faceMatch':
      return onFaceMatched(state, reply.type === 'faceMatch' ? reply.result : failed);
    case 'preauthorize':
      return onPreauthorized(state, reply.type === 'preauthorize' ? reply.result : failed);
    case 'assignRoom':
      return onRoomAssigned(state, reply.type === 'assignRoom' ? reply.result : failed, context, options);
    case 'checkIn':
      return onCheckedIn(state, reply.type === 'checkIn' ? reply.result : failed, options);
    case 'encodeKeys':
      return step.name === 'keys' ? onKeysEncoded(state, step, reply.type === 'encodeKeys' ? reply.result : failed) : stay(state);
    case 'printSlip':
      return onSlipPrinted(state, reply.type === 'printSlip' ? reply.result : failed);
    case 'verifyGuest':
      return stay(state); // answered through a `verification` input, never a reply
  }
}

function onAction(state: HotelState, action: HotelAction, options: HotelFlowOptions): HotelStep {
  const step = state.step;
  switch (step.name) {
    case 'confirmation':
      return onConfirmationAction(state, step, action);
    case 'reservation':
      return onReservationAction(state, action, options);
    case 'guests':
      return onGuestsAction(state, action, options);
    case 'face':
      return onFaceAction(state, action);
    case 'deposit':
      return onDepositAction(state, action);
    case 'keys':
      return onKeysAction(state, step, action);
    case 'done':
    case 'staffDesk':
      return action.type === 'finish' ? exitWith('done') : stay(state);
    case 'finding':
    case 'checkingIn':
    case 'printing':
      return stay(state);
  }
}

function back(state: HotelState): HotelStep {
  switch (state.step.name) {
    case 'finding':
    case 'confirmation':
    case 'staffDesk':
      return exitWith('cancel');
    case 'reservation':
      return state.foundBy === 'confirmation'
        ? go({ ...state, reservation: null, guests: [] }, { name: 'confirmation', entry: state.reservation?.confirmationNumber ?? '', problem: null })
        : exitWith('cancel');
    case 'guests':
      return guestsBack(state);
    case 'face':
      return faceBack(state);
    case 'deposit':
      return depositBack(state);
    case 'checkingIn':
    case 'keys':
    case 'printing':
    case 'done':
      // Checked in (or about to be): there is no going back from here.
      return stay(state);
  }
}

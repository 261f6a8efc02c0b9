import type { AirportAction } from '../../contract/airport.ts';
import { exitWith, type VerifiedTraveller } from '../flow.ts';
import { awaitedAs, noRequests, settled } from '../requests.ts';
import type { VerificationOutcome } from '../verification.ts';
import type { AirportReply } from './airport-calls.ts';
import { go, refuse, stay, type AirportAwaited, type AirportFlow, type AirportFlowOptions, type AirportInput, type AirportState, type AirportStep } from './airport-state.ts';
import { airportView } from './airport-view.ts';
import { onBagsAction, onDangerousGoodsAction } from './steps/bags.ts';
import { onCheckedIn, onCheckingInAction, onConfirmAction, onPrinters } from './steps/check-in.ts';
import { lookupMenu, onBookings, onChooseBooking, onLookupAction, onScan, searchByDocument } from './steps/lookup.ts';
import { onPassengerDocument, onPassengersAction, onPassengerVerified, onReadStart, onUnreadable, passengersStep } from './steps/passengers.ts';
import { onPrinted, onPrinterReady, onPrintingAction } from './steps/printing.ts';
import { onSeatChanged, onSeatMap, onSeatsAction, seatsStep } from './steps/seats.ts';

export type { AirportFlowOptions, AirportInput, AirportState, AirportStep } from './airport-state.ts';

/**
 * Airport self check-in as a pure state machine (electron/session/flow.ts), one file per step under steps/:
 * lookup (by the verified document, then booking reference + surname or a scanned barcode) → booking →
 * passengers (each further passenger places a document, which is verified) → seats → dangerous goods →
 * bags → confirm → check-in (once, idempotently) → printing (boarding passes, then bag tags) → done.
 *
 * The DCS decides; this machine only refuses early what the booking already shows (cancelled flight,
 * check-in window, document expiry) so the traveller is told before scanning everyone's documents, and it
 * never accepts a `near` name match (name-match.ts) — those go to the counter.
 */
export function createAirportFlow(options: AirportFlowOptions): AirportFlow {
  const maxAutoReprints = options.maxAutoReprints ?? 3;
  return {
    start: (traveller) => start(traveller, options),
    reduce: (state, input) => reduce(state, input, options, maxAutoReprints),
    view: airportView,
    awaiting: (state) => state.requests.awaiting?.id ?? null,
    canGoBack: (state) => !['checkingIn', 'printing', 'done'].includes(state.step.name) && state.requests.awaiting?.kind !== 'checkIn',
    abandoned,
  };
}

function start(traveller: VerifiedTraveller, options: AirportFlowOptions): AirportStep {
  const state: AirportState = {
    traveller,
    step: { name: 'searching' },
    booking: null,
    primaryId: null,
    included: [],
    bags: {},
    dangerousGoodsAcknowledged: false,
    checkIn: null,
    result: null,
    requests: noRequests,
  };
  if (options.requireVerification && traveller.verification !== 'verified') return refuse(state, 'notVerified');
  return searchByDocument(state);
}

function reduce(state: AirportState, input: AirportInput, options: AirportFlowOptions, maxAutoReprints: number): AirportStep {
  switch (input.type) {
    case 'action':
      return onAction(state, input.action, options);
    case 'back':
      return onBack(state);
    case 'reply': {
      const kind = awaitedAs(state.requests, input.requestId);
      return kind === null ? stay(state) : onReply(settled(state), kind, input.reply, maxAutoReprints);
    }
    case 'verification':
      return awaitedAs(state.requests, input.requestId) === 'verify' ? onVerification(settled(state), input.outcome) : stay(state);
    case 'readStart':
      return onReadStart(state);
    case 'unreadable':
      return onUnreadable(state);
    case 'document':
      return onPassengerDocument(state, input.document, options.requireVerification);
    case 'scan':
      return onScan(state, input.scan);
  }
}

function onVerification(state: AirportState, outcome: VerificationOutcome): AirportStep {
  return state.step.name === 'passengers' ? onPassengerVerified(state, state.step, outcome) : stay(state);
}

function onAction(state: AirportState, action: AirportAction, options: AirportFlowOptions): AirportStep {
  const step = state.step;
  if (action.type === 'finish') return step.name === 'refused' || step.name === 'done' ? exitWith('done') : stay(state);
  switch (step.name) {
    case 'lookup':
      return onLookupAction(state, step, action);
    case 'chooseBooking':
      return onChooseBooking(state, step.bookings, action);
    case 'booking':
      return action.type === 'continue' ? go(state, passengersStep()) : stay(state);
    case 'passengers':
      return onPassengersAction(state, step, action);
    case 'seats':
      return onSeatsAction(state, step, action);
    case 'dangerousGoods':
      return onDangerousGoodsAction(state, action);
    case 'bags':
      return onBagsAction(state, action);
    case 'confirm':
      return onConfirmAction(state, action, options);
    case 'checkingIn':
      return onCheckingInAction(state, step.failed, action);
    case 'printing':
      return onPrintingAction(state, step, action);
    default:
      return stay(state);
  }
}

/**
 * A reply to the awaited request, read as the kind it was awaited as. A reply of another type (a runner bug)
 * is a failure of that call, never a success.
 */
function onReply(state: AirportState, kind: AirportAwaited, reply: AirportReply, maxAutoReprints: number): AirportStep {
  const step = state.step;
  switch (kind) {
    case 'findBookings':
      return onBookings(state, reply.type === 'bookings' ? reply : { type: 'bookings', result: { ok: false, error: { code: 'protocol-error', message: 'no answer' } } });
    case 'seatMap':
      if (step.name !== 'seats') return go(state, step);
      return onSeatMap(state, step, reply.type === 'seatMap' ? reply : { type: 'seatMap', result: { ok: false, error: { code: 'protocol-error', message: 'no answer' } } });
    case 'changeSeat':
      if (step.name !== 'seats') return go(state, step);
      return onSeatChanged(state, step, reply.type === 'seat' ? reply : { type: 'seat', result: { ok: false, error: { code: 'protocol-error', message: 'no answer' } } });
    case 'printerStatus':
      return onPrinters(state, reply.type === 'printers' ? reply : { type: 'printers', ready: { receipt: false, bagTag: false } });
    case 'checkIn':
      return reply.type === 'checkIn' ? onCheckedIn(state, reply) : go(state, { name: 'checkingIn', failed: 'unavailable' });
    case 'print':
      if (step.name !== 'printing') return go(state, step);
      return onPrinted(state, step, reply.type === 'printed' ? reply : { type: 'printed', outcome: { ok: false, error: { code: 'SOFTWARE_ERROR' } } });
    case 'awaitPrinter':
      return step.name === 'printing' ? onPrinterReady(state, step, maxAutoReprints) : go(state, step);
    case 'verify':
      return go(state, step); // answered through a `verification` input, never a reply
  }
}

function onBack(state: AirportState): AirportStep {
  const step = state.step;
  const cancel = exitWith('cancel');
  // One step back from a booking (or a refusal of it) is finding another booking; the first step leaves.
  const beforeBooking = (): AirportStep => go(state, lookupMenu(null));
  switch (step.name) {
    case 'searching':
      return cancel;
    case 'lookup':
      if (state.requests.awaiting) return go(state, { ...step }); // abandon the search; its answer is now stale
      return step.mode === 'keyboard' ? go(state, lookupMenu(null)) : cancel;
    case 'chooseBooking':
    case 'booking':
      return beforeBooking();
    case 'refused':
      return state.result ? stay(state) : beforeBooking();
    case 'passengers':
      return go(state, { name: 'booking' });
    case 'seats':
      return go(state, passengersStep());
    case 'dangerousGoods': {
      const first = state.booking?.segments[0];
      return first ? seatsStep(state, first.id, state.primaryId ?? '') : stay(state);
    }
    case 'bags':
      return go(state, { name: 'dangerousGoods' });
    case 'confirm':
      return go(state, { name: 'bags', notice: null });
    case 'checkingIn':
      // While the DCS is being asked the answer must be awaited; after a failure the traveller may review.
      return step.failed ? go(state, { name: 'confirm' }) : stay(state);
    case 'printing':
    case 'done':
      return stay(state); // checked in: nothing to go back to
  }
}

function abandoned(state: AirportState): string | null {
  const booking = state.booking ? `booking ${state.booking.pnr}` : 'a booking';
  const step = state.step;
  if (step.name === 'printing' && step.printed < step.jobs.length) {
    return `traveller left checked in with ${step.jobs.length - step.printed} of ${step.jobs.length} boarding passes/bag tags unprinted (${booking})`;
  }
  if (state.requests.awaiting?.kind === 'checkIn') return `traveller left while the check-in was being sent (${booking}): check the DCS`;
  return null;
}

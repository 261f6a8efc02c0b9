import type { AirportAction } from '../../../contract/airport.ts';
import type { CheckInRequest } from '../../../airline/dcs-wire.ts';
import type { AirportReplies } from '../airport-calls.ts';
import { call, flightOf, go, refuse, stay, type AirportFlowOptions, type AirportState, type AirportStep, type PrintJob } from '../airport-state.ts';
import { travelDocument } from '../travel-document.ts';
import { printNext } from './printing.ts';
import { seatsStep } from './seats.ts';

/**
 * Confirm, then check in: the printers are asked first (nobody is checked in without a pass), then the DCS,
 * once, with an idempotency key that a retry of the same request reuses (docs/airline.md §6).
 */

function checkInRequest(state: AirportState): CheckInRequest | null {
  if (!state.booking) return null;
  const passengers = [];
  for (const i of state.included) {
    const document = travelDocument(i.document, i.verification === 'verified');
    if (!document) return null;
    passengers.push({ passengerId: i.passengerId, document, bags: state.bags[i.passengerId] ?? 0 });
  }
  if (passengers.length === 0) return null;
  return { pnr: state.booking.pnr, passengers, dangerousGoodsAcknowledged: state.dangerousGoodsAcknowledged };
}

const checkPrinters = (state: AirportState): AirportStep =>
  call({ ...state, step: { name: 'checkingIn', failed: null } }, 'printerStatus', { type: 'printerStatus' });

function sendCheckIn(state: AirportState): AirportStep {
  const checkIn = state.checkIn;
  if (!checkIn) return stay(state);
  return call({ ...state, step: { name: 'checkingIn', failed: null } }, 'checkIn', { type: 'checkIn', request: checkIn.request, idempotencyKey: checkIn.key });
}

export function onConfirmAction(state: AirportState, action: AirportAction, options: AirportFlowOptions): AirportStep {
  if (action.type !== 'confirm') return stay(state);
  const request = checkInRequest(state);
  if (!request) return refuse(state, 'unavailable');
  // Same request as before (a retry after a lost answer): same key, so the DCS checks in only once.
  const same = state.checkIn && JSON.stringify(state.checkIn.request) === JSON.stringify(request);
  const checkIn = same && state.checkIn ? state.checkIn : { key: options.newIdempotencyKey(), request };
  return checkPrinters({ ...state, checkIn });
}

export function onCheckingInAction(state: AirportState, failed: 'unavailable' | 'printer' | null, action: AirportAction): AirportStep {
  if (action.type !== 'retry' || !failed) return stay(state);
  return failed === 'printer' ? checkPrinters(state) : sendCheckIn(state);
}

/** Before checking in: the boarding-pass printer (and the bag-tag printer when bags go) must be ready. */
export function onPrinters(state: AirportState, reply: AirportReplies['printerStatus']): AirportStep {
  const bags = state.checkIn?.request.passengers.some((p) => p.bags > 0) ?? false;
  const ready = reply.ready.receipt && (!bags || reply.ready.bagTag);
  return ready ? sendCheckIn(state) : go(state, { name: 'checkingIn', failed: 'printer' });
}

export function onCheckedIn(state: AirportState, reply: AirportReplies['checkIn']): AirportStep {
  const result = reply.result;
  if (result.ok) {
    const value = result.value;
    const jobs: PrintJob[] = [
      ...value.boardingPasses.map((p): PrintJob => ({ kind: 'boardingPass', printer: 'receipt', passengerId: p.passengerId })),
      ...value.bagTags.map((t): PrintJob => ({ kind: 'bagTag', printer: 'bagTag', licensePlate: t.licensePlate })),
    ];
    const next = { ...state, result: value, booking: value.booking };
    if (jobs.length === 0) return go(next, { name: 'done' });
    return printNext(next, { name: 'printing', jobs, printed: 0, fault: null, autoReprints: 0 });
  }
  const { error } = result;
  const segment = state.booking?.segments.find((s) => s.id === error.segmentId) ?? state.booking?.segments[0];
  const flight = segment ? flightOf(segment) : null;
  switch (error.code) {
    case 'timeout':
    case 'unavailable':
    case 'protocol-error':
      return go(state, { name: 'checkingIn', failed: 'unavailable' });
    case 'holder-not-verified':
      return refuse(state, 'notVerified');
    case 'document-expires-before-travel':
      return refuse(state, 'documentExpires');
    case 'flight-cancelled':
      return refuse(state, 'flightCancelled', null, flight);
    case 'check-in-not-open':
      return refuse(state, 'checkInNotOpen', error.at ?? null, flight);
    case 'check-in-closed':
      return refuse(state, 'checkInClosed', error.at ?? null, flight);
    case 'name-mismatch':
      return refuse(state, 'nameMismatch');
    case 'bag-allowance-exceeded':
      return go(state, { name: 'bags', notice: 'bagAllowanceExceeded' });
    case 'dangerous-goods-not-acknowledged':
      return go({ ...state, dangerousGoodsAcknowledged: false }, { name: 'dangerousGoods' });
    case 'seat-unavailable':
      return seatsStep(state, segment?.id ?? '', state.primaryId ?? '', 'seatUnavailable');
    default:
      return refuse(state, 'unavailable');
  }
}

import type { MrzResult } from '../../../drivers/mrz/index.ts';
import type { AirportAction, AirportNotice, AirportRefusal, AirportView } from '../../contract/airport.ts';
import type { BookingView, CheckInRequest, CheckInResult, SeatMap } from '../../airline/dcs-wire.ts';
import { type FlowDefinition, type FlowInput, type FlowStep, type VerifiedTraveller } from '../flow.ts';
import { stepMoves, type Requests } from '../requests.ts';
import type { AirportCall, AirportPrinter, AirportReply } from './airport-calls.ts';

/** The airport flow's state: what the whole check-in shares, the step with what only it needs, the request awaited. */

export interface AirportFlowOptions {
  /** A traveller whose document the platform did not verify (`notChecked`) cannot check in. */
  readonly requireVerification: boolean;
  /** A fresh idempotency key for a new check-in request (injected: randomness stays outside the machine). */
  readonly newIdempotencyKey: () => string;
  /** How often a print job is retried by itself after the printer reports ready again. */
  readonly maxAutoReprints?: number;
}

export interface IncludedPassenger {
  readonly passengerId: string;
  readonly document: MrzResult;
  readonly verification: 'verified' | 'notChecked';
}

export type PrintJob =
  | { readonly kind: 'boardingPass'; readonly printer: 'receipt'; readonly passengerId: string }
  | { readonly kind: 'bagTag'; readonly printer: 'bagTag'; readonly licensePlate: string };

export type PrintFaultKind = 'paperOut' | 'offline' | 'fault';

export type LookupStep = {
  readonly name: 'lookup';
  readonly mode: 'menu' | 'keyboard';
  readonly field: 'pnr' | 'surname';
  readonly pnr: string;
  readonly surname: string;
  readonly notice: AirportNotice | null;
};
export type PassengersStep = {
  readonly name: 'passengers';
  readonly reading: boolean;
  readonly notice: AirportNotice | null;
  readonly noticeName: string | null;
  readonly verifying: { readonly passengerId: string; readonly document: MrzResult } | null;
};
export type SeatsStep = {
  readonly name: 'seats';
  readonly segmentId: string;
  readonly passengerId: string;
  readonly seatMap: SeatMap | null;
  readonly notice: AirportNotice | null;
};
export type PrintingStep = {
  readonly name: 'printing';
  readonly jobs: readonly PrintJob[];
  readonly printed: number;
  readonly fault: { readonly printer: AirportPrinter; readonly kind: PrintFaultKind } | null;
  readonly autoReprints: number;
};

export type AirportStepState =
  | { readonly name: 'searching' }
  | LookupStep
  | { readonly name: 'refused'; readonly reason: AirportRefusal; readonly at: string | null; readonly flight: string | null }
  | { readonly name: 'chooseBooking'; readonly bookings: readonly BookingView[] }
  | { readonly name: 'booking' }
  | PassengersStep
  | SeatsStep
  | { readonly name: 'dangerousGoods' }
  | { readonly name: 'bags'; readonly notice: AirportNotice | null }
  | { readonly name: 'confirm' }
  | { readonly name: 'checkingIn'; readonly failed: 'unavailable' | 'printer' | null }
  | PrintingStep
  | { readonly name: 'done' };

/** What an awaited request's reply is for. */
export type AirportAwaited = 'findBookings' | 'seatMap' | 'changeSeat' | 'printerStatus' | 'checkIn' | 'print' | 'awaitPrinter' | 'verify';

export interface AirportState {
  readonly traveller: VerifiedTraveller;
  readonly step: AirportStepState;
  readonly booking: BookingView | null;
  readonly primaryId: string | null;
  readonly included: readonly IncludedPassenger[];
  readonly bags: Readonly<Record<string, number>>;
  readonly dangerousGoodsAcknowledged: boolean;
  /** The check-in request last sent and its key: the same request is always retried with the same key. */
  readonly checkIn: { readonly key: string; readonly request: CheckInRequest } | null;
  readonly result: CheckInResult | null;
  readonly requests: Requests<AirportAwaited>;
}

export type AirportInput = FlowInput<AirportAction, AirportReply>;
export type AirportStep = FlowStep<AirportState, AirportCall>;
export type AirportFlow = FlowDefinition<AirportState, AirportAction, AirportCall, AirportReply, AirportView>;

/** go / stay / call / verify, as every step of the airport flow moves (requests.ts). */
export const { go, stay, call, verify } = stepMoves<AirportState, AirportAwaited, AirportCall>('verify');

export const refuse = (state: AirportState, reason: AirportRefusal, at: string | null = null, flight: string | null = null): AirportStep =>
  go(state, { name: 'refused', reason, at, flight });

/** `ERIKSSON/ANNA MARIA MS` */
export function bookingName(p: BookingView['passengers'][number]): string {
  return `${p.surname}/${p.givenNames}${p.title ? ` ${p.title}` : ''}`;
}

export function flightOf(segment: BookingView['segments'][number]): string {
  return `${segment.carrier}${segment.flightNumber}`;
}

export function lastTravelDate(booking: BookingView): string {
  return booking.segments.map((s) => s.date).sort().at(-1) ?? '';
}

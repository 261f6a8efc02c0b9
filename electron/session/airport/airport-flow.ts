import type { MrzResult } from '../../../drivers/mrz/index.ts';
import type { AirportAction, AirportNotice, AirportRefusal, AirportView } from '../../contract/airport.ts';
import type { DcsError } from '../../airline/airline-dcs.ts';
import type { BookingQuery, BookingView, CheckInRequest, CheckInResult, SeatMap } from '../../airline/dcs-wire.ts';
import { isAcceptedMatch, matchName, type NameMatch } from '../../airline/name-match.ts';
import { continueWith, type FlowContext, type FlowDefinition, type FlowEffect, type FlowInput, type FlowStep, type VerifiedTraveller } from '../flow.ts';
import type { AirportCall, AirportPrinter, AirportResult } from './airport-calls.ts';
import { documentName, travelDocument } from './travel-document.ts';
import { airportView } from './airport-view.ts';

/**
 * Airport self check-in as a pure state machine (electron/session/flow.ts):
 * lookup (by the verified document, then booking reference + surname or a scanned barcode) → booking →
 * passengers (each further passenger places a document, which is verified) → seats → dangerous goods →
 * bags → confirm → check-in (once, idempotently) → printing (boarding passes, then bag tags) → done.
 *
 * The DCS decides; this machine only refuses early what the booking already shows (cancelled flight,
 * check-in window, document expiry) so the traveller is told before scanning everyone's documents, and it
 * never accepts a `near` name match (name-match.ts) — those go to the counter.
 */

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

export type AirportStepState =
  | { readonly name: 'searching' }
  | {
      readonly name: 'lookup';
      readonly mode: 'menu' | 'keyboard';
      readonly field: 'pnr' | 'surname';
      readonly pnr: string;
      readonly surname: string;
      readonly notice: AirportNotice | null;
    }
  | { readonly name: 'refused'; readonly reason: AirportRefusal; readonly at: string | null; readonly flight: string | null }
  | { readonly name: 'chooseBooking'; readonly bookings: readonly BookingView[] }
  | { readonly name: 'booking' }
  | {
      readonly name: 'passengers';
      readonly reading: boolean;
      readonly notice: AirportNotice | null;
      readonly noticeName: string | null;
      readonly verifying: { readonly passengerId: string; readonly document: MrzResult } | null;
    }
  | {
      readonly name: 'seats';
      readonly segmentId: string;
      readonly passengerId: string;
      readonly seatMap: SeatMap | null;
      readonly notice: AirportNotice | null;
    }
  | { readonly name: 'dangerousGoods' }
  | { readonly name: 'bags'; readonly notice: AirportNotice | null }
  | { readonly name: 'confirm' }
  | { readonly name: 'checkingIn'; readonly failed: 'unavailable' | 'printer' | null }
  | {
      readonly name: 'printing';
      readonly jobs: readonly PrintJob[];
      readonly printed: number;
      readonly fault: { readonly printer: AirportPrinter; readonly kind: PrintFaultKind } | null;
      readonly autoReprints: number;
    }
  | { readonly name: 'done' };

export type PendingKind = 'findBookings' | 'seatMap' | 'changeSeat' | 'printerStatus' | 'checkIn' | 'print' | 'awaitPrinter' | 'verify';

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
  readonly nextRequestId: number;
  /** The one request whose answer the flow waits for; any other answer is stale and ignored. */
  readonly pending: { readonly id: number; readonly kind: PendingKind } | null;
}

export type AirportInput = FlowInput<AirportAction, AirportResult>;
export type AirportStep = FlowStep<AirportState, AirportCall>;
export type AirportFlow = FlowDefinition<AirportState, AirportAction, AirportCall, AirportResult, AirportView>;

/**
 * The booking passenger a document name comes close to without matching (`near`, name-match.ts), for the
 * "go to the counter" message. Sharing only the surname (family members) is not close: that person is
 * simply not on the booking.
 */
function nearestPassenger(matches: readonly { p: BookingView['passengers'][number]; match: NameMatch }[]): BookingView['passengers'][number] | null {
  return matches.find((m) => m.match.kind === 'near' && m.match.reason !== 'surname-only')?.p ?? null;
}

const transportErrors: ReadonlySet<DcsError['code']> = new Set(['timeout', 'unavailable', 'protocol-error']);

/** `ERIKSSON/ANNA MARIA MS` */
export function bookingName(p: BookingView['passengers'][number]): string {
  return `${p.surname}/${p.givenNames}${p.title ? ` ${p.title}` : ''}`;
}

function lastTravelDate(booking: BookingView): string {
  return booking.segments.map((s) => s.date).sort().at(-1) ?? '';
}

function flightOf(segment: BookingView['segments'][number]): string {
  return `${segment.carrier}${segment.flightNumber}`;
}

function printFaultKind(code: string): PrintFaultKind {
  if (code === 'MEDIA_EMPTY') return 'paperOut';
  if (code === 'NOT_REACHABLE' || code === 'NOT_RESPONDING') return 'offline';
  return 'fault';
}

function isResult<T extends AirportResult['type']>(result: unknown, type: T): result is Extract<AirportResult, { type: T }> {
  return typeof result === 'object' && result !== null && (result as { type?: unknown }).type === type;
}

export function createAirportFlow(options: AirportFlowOptions): AirportFlow {
  const maxAutoReprints = options.maxAutoReprints ?? 3;

  /** Sends one call and waits for it (replacing whatever was awaited before). */
  const call = (state: AirportState, kind: PendingKind, c: AirportCall, step: AirportStepState = state.step): AirportStep => {
    const id = state.nextRequestId;
    return continueWith({ ...state, step, nextRequestId: id + 1, pending: { id, kind } }, [{ type: 'call', requestId: id, call: c }]);
  };
  const go = (state: AirportState, step: AirportStepState, effects: readonly FlowEffect<AirportCall>[] = []): AirportStep =>
    continueWith({ ...state, step, pending: null }, effects);
  const refuse = (state: AirportState, reason: AirportRefusal, at: string | null = null, flight: string | null = null): AirportStep =>
    go(state, { name: 'refused', reason, at, flight });
  const lookupMenu = (notice: AirportNotice | null): AirportStepState => ({ name: 'lookup', mode: 'menu', field: 'pnr', pnr: '', surname: '', notice });

  const search = (state: AirportState, query: BookingQuery, step: AirportStepState): AirportStep =>
    call(state, 'findBookings', { type: 'findBookings', query }, step);

  /** The booking's own rules, checked before anyone scans anything else. */
  const enterBooking = (state: AirportState, booking: BookingView): AirportStep => {
    const name = documentName(state.traveller.document);
    const matches = booking.passengers.map((p) => ({ p, match: matchName(name, p) }));
    const primary = matches.find((m) => isAcceptedMatch(m.match))?.p;
    const withBooking = { ...state, booking, pending: null };
    if (!primary) return refuse(withBooking, nearestPassenger(matches) ? 'nameMismatch' : 'notOnBooking');
    const cancelled = booking.segments.find((s) => s.status === 'cancelled');
    if (cancelled) return refuse(withBooking, 'flightCancelled', null, flightOf(cancelled));
    const first = booking.segments[0];
    if (first && first.checkIn.state === 'not-open') return refuse(withBooking, 'checkInNotOpen', first.checkIn.opensAt, flightOf(first));
    if (first && first.checkIn.state === 'closed') return refuse(withBooking, 'checkInClosed', first.checkIn.closesAt, flightOf(first));
    const expiry = state.traveller.document.expiryDate;
    if (!expiry || expiry < lastTravelDate(booking)) return refuse(withBooking, 'documentExpires');
    if (!travelDocument(state.traveller.document, state.traveller.verification === 'verified')) return refuse(withBooking, 'unavailable');
    const bags = Object.fromEntries(booking.passengers.map((p) => [p.id, p.bagsChecked]));
    return go(
      { ...withBooking, primaryId: primary.id, included: [{ passengerId: primary.id, ...state.traveller }], bags, checkIn: null, result: null },
      { name: 'booking' },
    );
  };

  const onBookings = (state: AirportState, result: Extract<AirportResult, { type: 'bookings' }>['result']): AirportStep => {
    if (result.ok) {
      const [booking, ...more] = result.value;
      if (!booking) return go(state, lookupMenu('notFound'));
      return more.length > 0 ? go(state, { name: 'chooseBooking', bookings: result.value }) : enterBooking(state, booking);
    }
    const notice: AirportNotice =
      result.error.code === 'name-mismatch'
        ? 'nameMismatch'
        : result.error.code === 'unreadable-barcode'
          ? 'unreadableBarcode'
          : transportErrors.has(result.error.code)
            ? 'unavailable'
            : 'notFound';
    const step = state.step;
    // A failed manual search keeps what was typed so it can be corrected.
    if (step.name === 'lookup') return go(state, { ...step, notice });
    return go(state, lookupMenu(notice));
  };

  const passengersStep = (notice: AirportNotice | null = null, noticeName: string | null = null): AirportStepState => ({
    name: 'passengers',
    reading: false,
    notice,
    noticeName,
    verifying: null,
  });

  const include = (state: AirportState, passenger: IncludedPassenger): AirportStep => {
    const included = [...state.included.filter((i) => i.passengerId !== passenger.passengerId), passenger];
    return go({ ...state, included }, passengersStep());
  };

  /** A further passenger's document on the reader: which passenger, and may they check in? */
  const onPassengerDocument = (state: AirportState, document: MrzResult): AirportStep => {
    const booking = state.booking;
    if (!booking || state.step.name !== 'passengers' || state.step.verifying) return continueWith(state);
    const name = documentName(document);
    const matches = booking.passengers.map((p) => ({ p, match: matchName(name, p) }));
    const accepted = matches.find((m) => isAcceptedMatch(m.match))?.p;
    if (!accepted) {
      const near = nearestPassenger(matches);
      return go(state, near ? passengersStep('nameMismatch', bookingName(near)) : passengersStep('passengerNotOnBooking'));
    }
    const label = bookingName(accepted);
    if (state.included.some((i) => i.passengerId === accepted.id)) return go(state, passengersStep('passengerAlreadyAdded', label));
    if (!document.expiryDate || document.expiryDate < lastTravelDate(booking)) return go(state, passengersStep('passengerDocumentExpires', label));
    if (!travelDocument(document, false)) return go(state, passengersStep('documentUnreadable', label));
    // A session without an identity platform never answers a verify effect: the traveller's own
    // verification tells whether one is configured.
    if (state.traveller.verification === 'notChecked') {
      if (options.requireVerification) return go(state, passengersStep('passengerNotVerified', label));
      return include(state, { passengerId: accepted.id, document, verification: 'notChecked' });
    }
    const id = state.nextRequestId;
    return continueWith(
      {
        ...state,
        step: { ...passengersStep(), verifying: { passengerId: accepted.id, document } },
        nextRequestId: id + 1,
        pending: { id, kind: 'verify' },
      },
      [{ type: 'verify', requestId: id, document }],
    );
  };

  const seatsStep = (state: AirportState, segmentId: string, passengerId: string, notice: AirportNotice | null = null): AirportStep => {
    const pnr = state.booking?.pnr ?? '';
    return call(state, 'seatMap', { type: 'seatMap', pnr, segmentId }, { name: 'seats', segmentId, passengerId, seatMap: null, notice });
  };

  const checkInRequest = (state: AirportState): CheckInRequest | null => {
    if (!state.booking) return null;
    const passengers = [];
    for (const i of state.included) {
      const document = travelDocument(i.document, i.verification === 'verified');
      if (!document) return null;
      passengers.push({ passengerId: i.passengerId, document, bags: state.bags[i.passengerId] ?? 0 });
    }
    if (passengers.length === 0) return null;
    return { pnr: state.booking.pnr, passengers, dangerousGoodsAcknowledged: state.dangerousGoodsAcknowledged };
  };

  const sendCheckIn = (state: AirportState): AirportStep => {
    const checkIn = state.checkIn;
    if (!checkIn) return continueWith(state);
    return call(state, 'checkIn', { type: 'checkIn', request: checkIn.request, idempotencyKey: checkIn.key }, { name: 'checkingIn', failed: null });
  };

  /** Before checking in: the boarding-pass printer (and the bag-tag printer when bags go) must be ready. */
  const checkPrinters = (state: AirportState): AirportStep =>
    call(state, 'printerStatus', { type: 'printerStatus' }, { name: 'checkingIn', failed: null });

  const onPrinters = (state: AirportState, result: unknown): AirportStep => {
    const bags = state.checkIn?.request.passengers.some((p) => p.bags > 0) ?? false;
    const ready = isResult(result, 'printers') && result.ready.receipt && (!bags || result.ready.bagTag);
    return ready ? sendCheckIn(state) : go(state, { name: 'checkingIn', failed: 'printer' });
  };

  const printJob = (state: AirportState, step: Extract<AirportStepState, { name: 'printing' }>): AirportStep => {
    const job = step.jobs[step.printed];
    const result = state.result;
    if (!job || !result) return go(state, { name: 'done' });
    if (job.kind === 'boardingPass') {
      const pass = result.boardingPasses.find((p) => p.passengerId === job.passengerId);
      if (!pass) return go(state, { ...step, printed: step.printed + 1 });
      return call(state, 'print', { type: 'printBoardingPass', booking: result.booking, pass }, step);
    }
    const tag = result.bagTags.find((t) => t.licensePlate === job.licensePlate);
    const passenger = result.booking.passengers.find((p) => p.id === tag?.passengerId);
    if (!tag) return go(state, { ...step, printed: step.printed + 1 });
    return call(state, 'print', { type: 'printBagTag', tag, passengerName: passenger ? bookingName(passenger) : '' }, step);
  };

  const onCheckIn = (state: AirportState, result: Extract<AirportResult, { type: 'checkIn' }>['result']): AirportStep => {
    if (result.ok) {
      const value = result.value;
      const jobs: PrintJob[] = [
        ...value.boardingPasses.map((p): PrintJob => ({ kind: 'boardingPass', printer: 'receipt', passengerId: p.passengerId })),
        ...value.bagTags.map((t): PrintJob => ({ kind: 'bagTag', printer: 'bagTag', licensePlate: t.licensePlate })),
      ];
      const next = { ...state, result: value, booking: value.booking };
      if (jobs.length === 0) return go(next, { name: 'done' });
      return printJob(next, { name: 'printing', jobs, printed: 0, fault: null, autoReprints: 0 });
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
  };

  const onAction = (state: AirportState, action: AirportAction): AirportStep => {
    const step = state.step;
    const booking = state.booking;
    if (action.type === 'finish') return step.name === 'refused' || step.name === 'done' ? { type: 'exit', reason: 'done' } : continueWith(state);
    switch (step.name) {
      case 'lookup': {
        if (state.pending) return continueWith(state); // searching: the answer decides
        switch (action.type) {
          case 'useKeyboard':
            return go(state, { ...step, mode: 'keyboard', notice: null });
          case 'focus':
            return go(state, { ...step, field: action.field });
          case 'key': {
            const limit = step.field === 'pnr' ? 6 : 30;
            const value = step[step.field];
            if (value.length >= limit) return continueWith(state);
            const next = { ...step, [step.field]: value + action.key, notice: null };
            // A complete reference moves on to the surname, as a counter agent's form would.
            if (step.field === 'pnr' && next.pnr.length === 6) next.field = 'surname';
            return go(state, next);
          }
          case 'backspace':
            return go(state, { ...step, [step.field]: step[step.field].slice(0, -1), notice: null });
          case 'search':
            if (!/^[A-Z0-9]{5,7}$/.test(step.pnr) || step.surname.length === 0) return continueWith(state);
            return search(state, { kind: 'pnr', pnr: step.pnr, surname: step.surname }, { ...step, notice: null });
          default:
            return continueWith(state);
        }
      }
      case 'chooseBooking': {
        const chosen = action.type === 'chooseBooking' ? step.bookings.find((b) => b.pnr === action.pnr) : undefined;
        return chosen ? enterBooking(state, chosen) : continueWith(state);
      }
      case 'booking':
        return action.type === 'continue' ? go(state, passengersStep()) : continueWith(state);
      case 'passengers':
        if (action.type === 'removePassenger' && action.passengerId !== state.primaryId && !step.verifying) {
          return go({ ...state, included: state.included.filter((i) => i.passengerId !== action.passengerId) }, passengersStep());
        }
        if (action.type === 'continue' && !step.verifying && booking?.segments[0]) {
          return seatsStep(state, booking.segments[0].id, state.primaryId ?? '');
        }
        return continueWith(state);
      case 'seats': {
        if (!booking) return continueWith(state);
        switch (action.type) {
          case 'seatSegment':
            if (!booking.segments.some((s) => s.id === action.segmentId) || state.pending?.kind === 'changeSeat') return continueWith(state);
            return seatsStep(state, action.segmentId, step.passengerId);
          case 'seatPassenger':
            if (!state.included.some((i) => i.passengerId === action.passengerId)) return continueWith(state);
            return continueWith({ ...state, step: { ...step, passengerId: action.passengerId, notice: null } });
          case 'chooseSeat': {
            if (state.pending || !step.seatMap) return continueWith(state);
            const seat = step.seatMap.rows.flatMap((r) => r.seats).find((s) => s.seat === action.seat);
            if (!seat || seat.state === 'blocked' || (seat.state === 'occupied' && seat.passengerId === null)) {
              return go(state, { ...step, notice: 'seatUnavailable' });
            }
            if (seat.passengerId === step.passengerId) return continueWith(state);
            if (seat.passengerId !== null) return go(state, { ...step, notice: 'seatUnavailable' }); // a companion's seat
            return call(state, 'changeSeat', {
              type: 'changeSeat',
              request: { pnr: booking.pnr, passengerId: step.passengerId, segmentId: step.segmentId, seat: action.seat },
            }, { ...step, notice: null });
          }
          case 'continue':
            return state.pending?.kind === 'changeSeat' ? continueWith(state) : go(state, { name: 'dangerousGoods' });
          default:
            return continueWith(state);
        }
      }
      case 'dangerousGoods':
        return action.type === 'acknowledgeDangerousGoods'
          ? go({ ...state, dangerousGoodsAcknowledged: true }, { name: 'bags', notice: null })
          : continueWith(state);
      case 'bags': {
        if (action.type === 'continue') return go(state, { name: 'confirm' });
        if (action.type !== 'setBags' || !state.included.some((i) => i.passengerId === action.passengerId)) return continueWith(state);
        const passenger = booking?.passengers.find((p) => p.id === action.passengerId);
        if (!passenger) return continueWith(state);
        if (action.bags > passenger.bagAllowance.pieces) return go(state, { name: 'bags', notice: 'bagAllowanceExceeded' });
        return go({ ...state, bags: { ...state.bags, [action.passengerId]: action.bags } }, { name: 'bags', notice: null });
      }
      case 'confirm': {
        if (action.type !== 'confirm') return continueWith(state);
        const request = checkInRequest(state);
        if (!request) return refuse(state, 'unavailable');
        // Same request as before (a retry after a lost answer): same key, so the DCS checks in only once.
        const same = state.checkIn && JSON.stringify(state.checkIn.request) === JSON.stringify(request);
        const checkIn = same && state.checkIn ? state.checkIn : { key: options.newIdempotencyKey(), request };
        return checkPrinters({ ...state, checkIn });
      }
      case 'checkingIn':
        if (action.type !== 'retry' || !step.failed) return continueWith(state);
        return step.failed === 'printer' ? checkPrinters(state) : sendCheckIn(state);
      case 'printing':
        // Reprinting never checks in again: the check-in result is kept and only the unprinted jobs repeat.
        return action.type === 'retry' && step.fault ? printJob(state, { ...step, fault: null, autoReprints: 0 }) : continueWith(state);
      default:
        return continueWith(state);
    }
  };

  const onResult = (state: AirportState, requestId: number, result: unknown): AirportStep => {
    const pending = state.pending;
    if (!pending || pending.id !== requestId) return continueWith(state); // stale: the flow moved on
    const step = state.step;
    switch (pending.kind) {
      case 'findBookings':
        return isResult(result, 'bookings') ? onBookings(state, result.result) : onBookings(state, { ok: false, error: { code: 'unavailable', message: 'no answer' } });
      case 'seatMap':
        if (step.name !== 'seats') return go(state, step);
        if (isResult(result, 'seatMap') && result.result.ok) return go(state, { ...step, seatMap: result.result.value });
        return go(state, { ...step, seatMap: null, notice: step.notice ?? 'unavailable' });
      case 'changeSeat': {
        if (step.name !== 'seats' || !state.booking) return go(state, step);
        if (!isResult(result, 'seat') || !result.result.ok) {
          const notice = isResult(result, 'seat') && !result.result.ok && result.result.error.code === 'seat-unavailable' ? 'seatUnavailable' : 'unavailable';
          return seatsStep(state, step.segmentId, step.passengerId, notice);
        }
        const changed = result.result.value;
        const booking: BookingView = {
          ...state.booking,
          passengers: state.booking.passengers.map((p) =>
            p.id !== changed.passengerId ? p : { ...p, segments: p.segments.map((s) => (s.segmentId === changed.segmentId ? { ...s, seat: changed.seat } : s)) },
          ),
        };
        return seatsStep({ ...state, booking }, step.segmentId, step.passengerId);
      }
      case 'printerStatus':
        return onPrinters(state, result);
      case 'checkIn':
        return isResult(result, 'checkIn') ? onCheckIn(state, result.result) : go(state, { name: 'checkingIn', failed: 'unavailable' });
      case 'print': {
        if (step.name !== 'printing') return go(state, step);
        const outcome = isResult(result, 'printed') ? result.outcome : { ok: false as const, code: 'SOFTWARE_ERROR' };
        if (outcome.ok) return printJob(state, { ...step, printed: step.printed + 1, fault: null });
        const printer = step.jobs[step.printed]?.printer ?? 'receipt';
        return call(state, 'awaitPrinter', { type: 'awaitPrinter', printer }, { ...step, fault: { printer, kind: printFaultKind(outcome.code) } });
      }
      case 'awaitPrinter': {
        if (step.name !== 'printing' || !step.fault) return go(state, step);
        // Paper loaded / back online: carry on by itself, a few times; then only when the traveller asks.
        if (step.autoReprints >= maxAutoReprints) return go(state, step);
        return printJob(state, { ...step, fault: null, autoReprints: step.autoReprints + 1 });
      }
      case 'verify':
        return go(state, step);
    }
  };

  const onBack = (state: AirportState): AirportStep => {
    const step = state.step;
    const cancel: AirportStep = { type: 'exit', reason: 'cancel' };
    // One step back from a booking (or a refusal of it) is finding another booking; the first step leaves.
    const beforeBooking = (): AirportStep => go(state, lookupMenu(null));
    switch (step.name) {
      case 'searching':
        return cancel;
      case 'lookup':
        if (state.pending) return go(state, { ...step }); // abandon the search; its answer is now stale
        return step.mode === 'keyboard' ? go(state, lookupMenu(null)) : cancel;
      case 'chooseBooking':
        return beforeBooking();
      case 'refused':
        return state.result ? continueWith(state) : beforeBooking();
      case 'booking':
        return beforeBooking();
      case 'passengers':
        return go(state, { name: 'booking' });
      case 'seats':
        return go(state, passengersStep());
      case 'dangerousGoods':
        return state.booking?.segments[0] ? seatsStep(state, state.booking.segments[0].id, state.primaryId ?? '') : continueWith(state);
      case 'bags':
        return go(state, { name: 'dangerousGoods' });
      case 'confirm':
        return go(state, { name: 'bags', notice: null });
      case 'checkingIn':
        // While the DCS is being asked the answer must be awaited; after a failure the traveller may review.
        return step.failed ? go(state, { name: 'confirm' }) : continueWith(state);
      case 'printing':
      case 'done':
        return continueWith(state); // checked in: nothing to go back to
    }
  };

  return {
    start(traveller: VerifiedTraveller, _context: FlowContext): AirportStep {
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
        nextRequestId: 1,
        pending: null,
      };
      if (options.requireVerification && traveller.verification !== 'verified') return refuse(state, 'notVerified');
      const d = traveller.document;
      if (!d.documentNumber) return go(state, lookupMenu(null));
      return search(state, { kind: 'document', surname: d.surname ?? '', givenNames: d.givenNames ?? '', documentNumber: d.documentNumber }, { name: 'searching' });
    },

    reduce(state: AirportState, input: AirportInput, _context: FlowContext): AirportStep {
      switch (input.type) {
        case 'action':
          return onAction(state, input.action);
        case 'back':
          return onBack(state);
        case 'result':
          return onResult(state, input.requestId, input.result);
        case 'readStart':
          return state.step.name === 'passengers' && !state.step.verifying
            ? continueWith({ ...state, step: { ...state.step, reading: true, notice: null, noticeName: null } })
            : continueWith(state);
        case 'unreadable':
          return state.step.name === 'passengers' && !state.step.verifying ? go(state, passengersStep('documentUnreadable')) : continueWith(state);
        case 'document':
          return onPassengerDocument(state, input.document);
        case 'verification': {
          const step = state.step;
          if (state.pending?.kind !== 'verify' || state.pending.id !== input.requestId || step.name !== 'passengers' || !step.verifying) {
            return continueWith(state);
          }
          const { passengerId, document } = step.verifying;
          const passenger = state.booking?.passengers.find((p) => p.id === passengerId);
          const label = passenger ? bookingName(passenger) : null;
          if (input.outcome.outcome === 'verified') return include(state, { passengerId, document, verification: 'verified' });
          return go(state, passengersStep(input.outcome.outcome === 'not_verified' ? 'passengerNotVerified' : 'passengerVerifyUnavailable', label));
        }
        case 'scan': {
          const step = state.step;
          if (step.name !== 'lookup' || state.pending) return continueWith(state);
          return search(state, { kind: 'barcode', text: input.scan.text }, { ...step, notice: null });
        }
      }
    },

    view: airportView,

    canGoBack: (state) => !['checkingIn', 'printing', 'done'].includes(state.step.name) && state.pending?.kind !== 'checkIn',

    abandoned(state) {
      const booking = state.booking ? `booking ${state.booking.pnr}` : 'a booking';
      const step = state.step;
      if (step.name === 'printing' && step.printed < step.jobs.length) {
        return `traveller left checked in with ${step.jobs.length - step.printed} of ${step.jobs.length} boarding passes/bag tags unprinted (${booking})`;
      }
      if (state.pending?.kind === 'checkIn') return `traveller left while the check-in was being sent (${booking}): check the DCS`;
      return null;
    },
  };
}

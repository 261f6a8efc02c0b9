import type { MrzResult } from '../../../drivers/mrz/index.ts';
import type { Printer } from '../../../drivers/printer/printer.ts';
import type { Result } from '../../../drivers/result.ts';
import { checkInWithRegistration } from '../../hotel/check-in.ts';
import type { HotelPms } from '../../hotel/hotel-pms.ts';
import { keyRequestFromGrant, type KeyEncoder } from '../../hotel/key-encoder.ts';
import type { PaymentTerminal } from '../../hotel/payment-terminal.ts';
import type { RegistrationOutbox } from '../../hotel/registration-outbox.ts';
import type { Logger } from '../../log/logger.ts';
import { callRunner } from '../call-runner.ts';
import type { FlowCallRunner } from '../flow.ts';
import type { CallResult, HotelCall, HotelReply } from './hotel-calls.ts';
import { renderSlip } from './registration-slip.ts';

/** Compares a live capture (JPEG; null when no camera could be opened) with the document holder, after consent. */
export type FaceMatcher = (
  document: MrzResult,
  image: Uint8Array | null,
  signal: AbortSignal,
) => Promise<Result<{ readonly match: boolean }, { readonly reason: string }>>;

export interface HotelRunnerDeps {
  readonly pms: HotelPms;
  readonly outbox: RegistrationOutbox;
  readonly keyEncoder: KeyEncoder;
  readonly payment: PaymentTerminal;
  readonly printer: Printer;
  /** The encoder as OPERA knows it (roomKeyEncoderType.encoderId). */
  readonly encoderId: string;
  /** The hotel's IANA time zone, for times printed on the slip. */
  readonly timeZone: string;
  /** Absent: the face check answers `unavailable` (keep `faceCheck` off). */
  readonly faceMatch?: FaceMatcher;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

const fail = (code: string, message?: string): { ok: false; error: { code: string; message?: string } } => ({
  ok: false,
  error: message === undefined ? { code } : { code, message },
});

/**
 * Performs the hotel flow's calls against the ports (call-runner.ts: never rejects, not started after its
 * step was left). Logs carry no names or numbers.
 */
export function createHotelCallRunner(deps: HotelRunnerDeps): FlowCallRunner<HotelCall, HotelReply> {
  return callRunner({
    perform: (call, signal) => perform(deps, call, signal),
    fault: (call, reason) => failed(call, reason),
    logger: deps.logger,
  });
}

/** The failed reply of a call that could not be made (aborted, or a bug in the runner). */
function failed(call: HotelCall, code: string): HotelReply {
  const result = fail(code);
  switch (call.type) {
    case 'findReservations':
      return { type: 'findReservations', result };
    case 'assignRoom':
      return { type: 'assignRoom', result };
    case 'checkIn':
      return { type: 'checkIn', result };
    case 'preauthorize':
      return { type: 'preauthorize', result };
    case 'releaseDeposit':
      return { type: 'releaseDeposit', result };
    case 'encodeKeys':
      return { type: 'encodeKeys', result };
    case 'faceMatch':
      return { type: 'faceMatch', result };
    case 'printSlip':
      return { type: 'printSlip', result };
  }
}

async function perform(deps: HotelRunnerDeps, call: HotelCall, signal: AbortSignal): Promise<HotelReply> {
  switch (call.type) {
    case 'findReservations': {
      const found = await deps.pms.searchReservations(call.query);
      deps.logger.info({ by: call.query.by, found: found.ok ? found.value.length : found.error.code }, 'reservation search');
      return { type: 'findReservations', result: found.ok ? { ok: true, value: found.value } : fail(found.error.code, found.error.message) };
    }
    case 'assignRoom': {
      const assigned = await deps.pms.assignRoom(call.reservationId, call.roomNumber ?? undefined);
      if (!assigned.ok) deps.logger.warn({ reservationId: call.reservationId, code: assigned.error.code }, 'room assignment refused');
      return { type: 'assignRoom', result: assigned.ok ? { ok: true, value: assigned.value } : fail(assigned.error.code, assigned.error.message) };
    }
    case 'checkIn': {
      const done = await checkInWithRegistration({ pms: deps.pms, outbox: deps.outbox }, { reservationId: call.reservationId, registrations: call.registrations });
      if (done.ok) {
        deps.logger.info({ reservationId: call.reservationId, registrations: call.registrations.length }, 'checked in; registrations queued for the police');
        return { type: 'checkIn', result: { ok: true, value: done.value } };
      }
      deps.logger.warn({ reservationId: call.reservationId, code: done.error.code }, 'check-in failed');
      // `check-in-unknown`: the guest may be in house; the flow must not give the deposit back.
      return { type: 'checkIn', result: fail(done.error.code === 'pms-refused' ? done.error.error.code : done.error.code) };
    }
    case 'preauthorize':
      return { type: 'preauthorize', result: await preauthorize(deps, call, signal) };
    case 'releaseDeposit': {
      const released = await deps.payment.release(call.authorisation);
      if (!released.ok) deps.logger.warn({ code: released.error.code }, 'deposit hold not released: staff must release it');
      return { type: 'releaseDeposit', result: released.ok ? { ok: true, value: null } : fail(released.error.code) };
    }
    case 'encodeKeys':
      return { type: 'encodeKeys', result: await encodeKeys(deps, call.reservationId, call.count) };
    case 'faceMatch': {
      if (!deps.faceMatch) return { type: 'faceMatch', result: fail('unavailable', 'face matching is not configured') };
      const answer = await deps.faceMatch(call.document, call.image === null ? null : Buffer.from(call.image, 'base64'), signal);
      deps.logger.info({ outcome: answer.ok ? (answer.value.match ? 'match' : 'no-match') : 'unavailable' }, 'face match');
      return { type: 'faceMatch', result: answer.ok ? { ok: true, value: answer.value } : fail('unavailable', answer.error.reason) };
    }
    case 'printSlip': {
      // The slip says what the outbox knows now: acknowledged, still queued, or refused (registration-slip.ts).
      const police = (id: string | null) => (id === null ? 'unknown' : deps.outbox.deliveryState(id));
      const printed = await deps.printer.print(renderSlip(call.slip, { timeZone: deps.timeZone, police }));
      if (!printed.ok) deps.logger.warn({ code: printed.error.code }, 'registration slip not printed');
      return { type: 'printSlip', result: printed.ok ? { ok: true, value: null } : fail(printed.error.code, printed.error.message) };
    }
  }
}

async function preauthorize(deps: HotelRunnerDeps, call: Extract<HotelCall, { type: 'preauthorize' }>, signal: AbortSignal): Promise<CallResult<{ readonly authorisation: string }>> {
  const result = await deps.payment.preAuthorize({ amountMinor: call.amountMinor, currency: call.currency, reference: call.reference });
  deps.logger.info({ outcome: result.outcome }, 'deposit pre-authorisation');
  switch (result.outcome) {
    case 'approved':
      // The step was left while the card was presented: give the hold back rather than keep it.
      if (signal.aborted) {
        await deps.payment.release(result.authorizationCode);
        return fail('aborted');
      }
      return { ok: true, value: { authorisation: result.authorizationCode } };
    case 'declined':
      return fail('declined');
    case 'timeout':
      return fail('timeout');
    case 'error':
      return fail('unavailable', result.code);
  }
}

async function encodeKeys(deps: HotelRunnerDeps, reservationId: string, count: number): Promise<CallResult<{ readonly count: number }>> {
  // No key data is asked for while the encoder cannot write (the PMS would log keys never made).
  const status = deps.keyEncoder.status();
  if (status.state === 'unavailable') {
    deps.logger.warn({ code: status.code }, 'key encoder unavailable');
    return status.code === 'MEDIA_EMPTY' ? fail('stockEmpty') : fail('failed', status.code);
  }
  const grant = await deps.pms.createRoomKeys(reservationId, { noOfKeys: count, encoderId: deps.encoderId });
  if (!grant.ok) return fail(grant.error.code, grant.error.message);
  const encoded = await deps.keyEncoder.encode(keyRequestFromGrant(grant.value));
  deps.logger.info({ requested: count, encoded: encoded.cards.length, error: encoded.ok ? null : encoded.error.code }, 'key cards');
  if (encoded.ok) return { ok: true, value: { count: encoded.cards.length } };
  if (encoded.error.code === 'stock-empty') return { ok: false, error: { code: 'stockEmpty', issued: encoded.cards.length } };
  return fail('failed', encoded.error.code);
}

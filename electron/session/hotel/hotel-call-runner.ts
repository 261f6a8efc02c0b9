import type { MrzResult } from '../../../drivers/mrz/index.ts';
import type { Printer } from '../../../drivers/printer/printer.ts';
import { checkInWithRegistration } from '../../hotel/check-in.ts';
import type { HotelPms } from '../../hotel/hotel-pms.ts';
import { keyRequestFromGrant, type KeyEncoder } from '../../hotel/key-encoder.ts';
import type { PaymentTerminal } from '../../hotel/payment-terminal.ts';
import type { RegistrationOutbox } from '../../hotel/registration-outbox.ts';
import type { Logger } from '../../log/logger.ts';
import type { FlowCallRunner } from '../flow.ts';
import type { CallResult, HotelCall, HotelResult } from './hotel-calls.ts';
import { renderSlip } from './registration-slip.ts';

/** The live-face comparison on the identity platform (only ever called after consent; nothing is stored). */
/** Compares a live capture (JPEG; null when no camera could be opened) with the document holder. */
export type FaceMatcher = (
  document: MrzResult,
  image: Uint8Array | null,
  signal: AbortSignal,
) => Promise<{ readonly ok: true; readonly match: boolean } | { readonly ok: false; readonly reason: string }>;

export interface HotelRunnerDeps {
  readonly pms: HotelPms;
  readonly outbox: RegistrationOutbox;
  readonly keyEncoder: KeyEncoder;
  readonly payment: PaymentTerminal;
  readonly printer: Printer;
  /** The encoder as OPERA knows it (roomKeyEncoderType.encoderId). */
  readonly encoderId: string;
  /** Absent: the face check answers `unavailable` (keep `faceCheck` off). */
  readonly faceMatch?: FaceMatcher;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

const fail = (code: string, message?: string): { ok: false; error: { code: string; message?: string } } => ({
  ok: false,
  error: message === undefined ? { code } : { code, message },
});

/**
 * Performs the hotel flow's calls against the ports. Never rejects (a throw inside becomes an `internal`
 * failure); a call started after the session ended is not performed. Logs carry no names or numbers.
 */
export function createHotelCallRunner(deps: HotelRunnerDeps): FlowCallRunner<HotelCall, HotelResult> {
  return async (call, signal) => {
    if (signal.aborted) return fail('aborted');
    try {
      return await perform(deps, call, signal);
    } catch (error) {
      deps.logger.error({ err: error, call: call.type }, 'hotel call failed unexpectedly');
      return fail('internal');
    }
  };
}

async function perform(deps: HotelRunnerDeps, call: HotelCall, signal: AbortSignal): Promise<HotelResult> {
  switch (call.type) {
    case 'findReservations': {
      const found = await deps.pms.searchReservations(call.query);
      deps.logger.info({ by: call.query.by, found: found.ok ? found.value.length : found.error.code }, 'reservation search');
      return found.ok ? { ok: true, value: found.value } : fail(found.error.code, found.error.message);
    }
    case 'assignRoom': {
      const assigned = await deps.pms.assignRoom(call.reservationId, call.roomNumber ?? undefined);
      if (!assigned.ok) deps.logger.warn({ reservationId: call.reservationId, code: assigned.error.code }, 'room assignment refused');
      return assigned.ok ? { ok: true, value: assigned.value } : fail(assigned.error.code, assigned.error.message);
    }
    case 'checkIn': {
      const done = await checkInWithRegistration({ pms: deps.pms, outbox: deps.outbox }, { reservationId: call.reservationId, registrations: call.registrations });
      if (done.ok) {
        deps.logger.info({ reservationId: call.reservationId, registrations: call.registrations.length }, 'checked in; registrations queued for the police');
        return { ok: true, value: done.value };
      }
      deps.logger.warn({ reservationId: call.reservationId, code: done.error.code }, 'check-in failed');
      // `check-in-unknown`: the guest may be in house; the flow must not give the deposit back.
      return fail(done.error.code === 'pms-refused' ? done.error.error.code : done.error.code);
    }
    case 'preauthorize': {
      const result = await deps.payment.preAuthorize({ amountMinor: call.amountMinor, currency: call.currency, reference: call.reference });
      deps.logger.info({ outcome: result.outcome }, 'deposit pre-authorisation');
      switch (result.outcome) {
        case 'approved':
          // The session ended while the card was presented: give the hold back rather than keep it.
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
    case 'releaseDeposit': {
      const released = await deps.payment.release(call.authorisation);
      if (!released.ok) deps.logger.warn({ code: released.error.code }, 'deposit hold not released: staff must release it');
      return released.ok ? { ok: true, value: null } : fail(released.error.code);
    }
    case 'encodeKeys':
      return encodeKeys(deps, call.reservationId, call.count);
    case 'faceMatch': {
      if (!deps.faceMatch) return fail('unavailable', 'face matching is not configured');
      const answer = await deps.faceMatch(call.document, call.image === null ? null : Buffer.from(call.image, 'base64'), signal);
      deps.logger.info({ outcome: answer.ok ? (answer.match ? 'match' : 'no-match') : 'unavailable' }, 'face match');
      return answer.ok ? { ok: true, value: { match: answer.match } } : fail('unavailable', answer.reason);
    }
    case 'printSlip': {
      const printed = await deps.printer.print(renderSlip(call.slip));
      if (!printed.ok) deps.logger.warn({ code: printed.error.code }, 'registration slip not printed');
      return printed.ok ? { ok: true, value: null } : fail(printed.error.code, printed.error.message);
    }
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

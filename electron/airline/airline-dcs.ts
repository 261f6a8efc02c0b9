import type { Result } from '../../drivers/result.ts';
import type {
  BookingQuery,
  BookingView,
  CheckInRequest,
  CheckInResult,
  DcsError,
  DcsErrorCode,
  SeatChangeRequest,
  SeatChangeResult,
  SeatMap,
} from './dcs-wire.ts';

export type * from './dcs-wire.ts';

/** Every DCS answer: a value, or a typed refusal the session shows (never an exception). */
export type DcsResult<T> = Result<T, DcsError>;

export function dcsOk<T>(value: T): DcsResult<T> {
  return { ok: true, value };
}

export function dcsFail<T = never>(code: DcsErrorCode, message: string, extra: Omit<DcsError, 'code' | 'message'> = {}): DcsResult<T> {
  return { ok: false, error: { code, message, ...extra } };
}

/**
 * An airline departure control system. Guarantees every adapter keeps (test/airline/airline-dcs.contract.ts):
 * - No method rejects for a business refusal or a transport failure; both come back as `{ ok: false, error }`
 *   with a code from `dcsErrorCodes` (`timeout` / `unavailable` / `protocol-error` for transport).
 * - `findBookings` returns at least one booking or `booking-not-found`; a document lookup only returns
 *   bookings whose passenger name is an accepted match (name-match.ts) for the document's name.
 * - `checkIn` is all-or-nothing for the passengers in the request, and idempotent: the same
 *   `idempotencyKey` with the same request returns the same result without a second check-in; the same key
 *   with a different request is `idempotency-conflict`. A refusal is remembered under its key as well, so
 *   after the traveller changes something (bags, documents, or simply waits for the window) use a new key.
 * - `bags` per passenger is the total for the trip: a repeated check-in tags only bags beyond those tagged.
 * - `checkIn` refuses, naming the passenger or segment: `holder-not-verified`, `document-expires-before-travel`
 *   (expiry before the last flight's date), `name-mismatch`, `flight-cancelled`, `check-in-not-open` (with
 *   `at` = opening time), `check-in-closed`, `bag-allowance-exceeded`, `dangerous-goods-not-acknowledged`.
 * - Time comes from the DCS's clock (injected in the simulator), never the kiosk's.
 */
export interface AirlineDcs {
  findBookings(query: BookingQuery): Promise<DcsResult<BookingView[]>>;
  seatMap(pnr: string, segmentId: string): Promise<DcsResult<SeatMap>>;
  /** Before or after check-in; after check-in the boarding pass must be reprinted (call `checkIn` again with a new key). */
  changeSeat(request: SeatChangeRequest): Promise<DcsResult<SeatChangeResult>>;
  checkIn(request: CheckInRequest, idempotencyKey: string): Promise<DcsResult<CheckInResult>>;
}

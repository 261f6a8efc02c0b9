import type { MrzResult } from '../../../drivers/mrz/index.ts';
import type { Result } from '../../../drivers/result.ts';
import type { GuestRegistration } from '../../hotel/guest-registration.ts';
import type { Reservation, ReservationQuery } from '../../hotel/hotel-pms.ts';
import type { RegistrationSlip } from './registration-slip.ts';

/**
 * What the hotel flow asks for (the `call` of a flow effect) and what comes back (the reply, of the same
 * `type`). Every result is a `Result`: failures are answers the flow handles, never exceptions.
 */
export type HotelCall =
  | { readonly type: 'findReservations'; readonly query: ReservationQuery }
  /** Keeps the booked room when one is assigned, else auto-assigns a ready room of the booked type. */
  | { readonly type: 'assignRoom'; readonly reservationId: string; readonly roomNumber: string | null }
  /**
   * Writes every registration to the durable police outbox, THEN checks the reservation in at the PMS
   * (docs/china-rules.md §1: every guest registered; the record must survive a crash). A refused
   * check-in withdraws the registrations that were not sent yet.
   */
  | { readonly type: 'checkIn'; readonly reservationId: string; readonly registrations: readonly GuestRegistration[] }
  | { readonly type: 'preauthorize'; readonly reference: string; readonly amountMinor: number; readonly currency: string }
  /** Gives a pre-authorisation back (the check-in it secured did not happen). The flow does not wait for it. */
  | { readonly type: 'releaseDeposit'; readonly authorisation: string }
  /** Asks the PMS for key data and encodes `count` cards. */
  | { readonly type: 'encodeKeys'; readonly reservationId: string; readonly count: number }
  /** Live face against the document holder, on the platform; only after explicit consent. Nothing is stored. */
  | { readonly type: 'faceMatch'; readonly document: MrzResult; readonly image: string | null }
  /** The slip; the runner adds what the police outbox says of each registration at the moment of printing. */
  | { readonly type: 'printSlip'; readonly slip: RegistrationSlip };

export interface CallError {
  readonly code: string;
  readonly message?: string;
  /** encodeKeys: cards dispensed before the stock ran out. */
  readonly issued?: number;
}

export type CallResult<T> = Result<T, CallError>;

/** Result of each call, by call type. */
export interface HotelResults {
  findReservations: CallResult<readonly Reservation[]>;
  assignRoom: CallResult<Reservation>;
  /** Errors: a PMS error code (refused; registrations not yet sent were withdrawn), `check-in-unknown`, `invalid-registration`. */
  checkIn: CallResult<Reservation>;
  /** Errors: `declined` (the card said no) or `unavailable` (terminal or acquirer down). */
  preauthorize: CallResult<{ readonly authorisation: string }>;
  releaseDeposit: CallResult<null>;
  /** Errors: `stockEmpty` (no blank cards), `failed` (encoder fault), or a PMS error code. */
  encodeKeys: CallResult<{ readonly count: number }>;
  /** Errors: `unavailable` (no camera, platform down, or not configured). */
  faceMatch: CallResult<{ readonly match: boolean }>;
  printSlip: CallResult<null>;
}

/** The reply to a call: its type and its result. */
export type HotelReply = { [K in keyof HotelResults]: { readonly type: K; readonly result: HotelResults[K] } }[keyof HotelResults];

import type { MrzResult } from '../../../drivers/mrz/index.ts';
import type { HotelAction, HotelGuestView, HotelStaffReason, HotelView } from '../../contract/hotel.ts';
import { hotelGuestProblems, hotelSearchProblems } from '../../contract/hotel.ts';
import type { Reservation, ReservationGuest } from '../../hotel/hotel-pms.ts';
import { continueWith, type FlowDefinition, type FlowInput, type FlowStep, type VerifiedTraveller } from '../flow.ts';
import { sendAndForget, settled, stepMoves, type Requests } from '../requests.ts';
import type { HotelCall, HotelReply } from './hotel-calls.ts';

/** The hotel flow's state: what the whole registration shares, the step with what only it needs, the request awaited. */

export interface HotelFlowOptions {
  /** The kiosk's ID in registrations (docs/china-rules.md §2, "origin"). */
  readonly kioskId: string;
  /** Refuse documents the platform has not verified (`notChecked`). */
  readonly requireVerification: boolean;
  /** Offer the face check (consent screen with the staff-desk alternative); off: document verification only. */
  readonly faceCheck: boolean;
  /** Most key cards a guest may take. */
  readonly maxKeys: number;
}

export type SearchProblem = (typeof hotelSearchProblems)[number];
export type GuestProblem = (typeof hotelGuestProblems)[number];

export interface GuestSlot {
  /** The guest's PMS profile; null for an adult the booking counts but does not name. */
  readonly profile: ReservationGuest | null;
  readonly self: boolean;
  readonly status: HotelGuestView['status'];
  readonly document: MrzResult | null;
}

export type DepositStatus = 'ready' | 'processing' | 'declined' | 'unavailable';
export type KeyStatus = 'choose' | 'encoding' | 'stockEmpty' | 'failed';

export type ConfirmationStep = { readonly name: 'confirmation'; readonly entry: string; readonly problem: SearchProblem | null };
export type GuestsStep = {
  readonly name: 'guests';
  readonly problem: GuestProblem | null;
  /** The document being verified, and the slot it will fill. */
  readonly candidate: { readonly document: MrzResult; readonly slot: number } | null;
};
export type KeysStep = { readonly name: 'keys'; readonly count: number; readonly status: KeyStatus };

export type HotelStepState =
  | { readonly name: 'finding' }
  | ConfirmationStep
  | { readonly name: 'reservation' }
  | GuestsStep
  | { readonly name: 'face' }
  | { readonly name: 'deposit'; readonly status: DepositStatus }
  | { readonly name: 'checkingIn' }
  | KeysStep
  | { readonly name: 'printing' }
  | { readonly name: 'done' }
  | { readonly name: 'staffDesk'; readonly reason: HotelStaffReason };

/** What an awaited request's reply is for (so it is read as the right type). */
export type HotelAwaited =
  | 'findByDocument' | 'findByName' | 'findByConfirmation' | 'verifyGuest' | 'faceMatch' | 'preauthorize'
  | 'assignRoom' | 'checkIn' | 'encodeKeys' | 'printSlip';

export interface HotelState {
  readonly traveller: VerifiedTraveller;
  readonly step: HotelStepState;
  readonly requests: Requests<HotelAwaited>;
  /** How the reservation was found: by the traveller's document (back from it ends) or by confirmation number. */
  readonly foundBy: 'document' | 'confirmation' | null;
  readonly reservation: Reservation | null;
  readonly guests: readonly GuestSlot[];
  readonly face: { readonly consent: boolean | null; readonly match: boolean | null };
  readonly authorisation: string | null;
  readonly roomNumber: string | null;
  /** The moment registered as the arrival (set when the check-in is asked for), epoch ms. */
  readonly arrivalAt: number | null;
  /** The police registrations written to the outbox, one per guest in `guests` order. */
  readonly registrationIds: readonly string[];
  readonly checkedIn: boolean;
  readonly maxKeys: number;
  readonly keysIssued: number;
  readonly slipPrinted: boolean;
}

export type HotelInput = FlowInput<HotelAction, HotelReply>;
export type HotelStep = FlowStep<HotelState, HotelCall>;
export type HotelFlow = FlowDefinition<HotelState, HotelAction, HotelCall, HotelReply, HotelView>;

/** go / stay / call / verify, as every step of the hotel flow moves (requests.ts). */
export const { go, stay, call, verify } = stepMoves<HotelState, HotelAwaited, HotelCall>('verifyGuest');

/** To the staff desk. A deposit held for a stay that will not start at the kiosk is given back. */
export function staffDesk(state: HotelState, reason: HotelStaffReason): HotelStep {
  if (state.authorisation && !state.checkedIn) {
    const released = sendAndForget<HotelState, HotelAwaited, HotelCall>({ ...state, authorisation: null }, { type: 'releaseDeposit', authorisation: state.authorisation });
    return continueWith({ ...settled(released.state), step: { name: 'staffDesk', reason } }, [released.effect]);
  }
  return go(state, { name: 'staffDesk', reason });
}

export const allVerified = (state: HotelState): boolean => state.guests.every((g) => g.status === 'verified');

import type { Result } from '../../../drivers/result.ts';
import type { DcsResult } from '../../airline/airline-dcs.ts';
import type {
  BagTag,
  BoardingPassData,
  BookingQuery,
  BookingView,
  CheckInRequest,
  CheckInResult,
  SeatChangeRequest,
  SeatChangeResult,
  SeatMap,
} from '../../airline/dcs-wire.ts';

/** Which of the kiosk's printers (CUSS BPP for boarding passes, BTP for bag tags). */
export type AirportPrinter = 'receipt' | 'bagTag';

/**
 * The work the airport flow asks for (the `call` of a flow effect). Calls carry everything the runner needs,
 * so the runner keeps no session state of its own; the flow's state stays the only place personal data lives.
 */
export type AirportCall =
  | { readonly type: 'findBookings'; readonly query: BookingQuery }
  | { readonly type: 'seatMap'; readonly pnr: string; readonly segmentId: string }
  | { readonly type: 'changeSeat'; readonly request: SeatChangeRequest }
  /** Retried with the same key: the DCS checks in once whatever happens to the answers. */
  | { readonly type: 'checkIn'; readonly request: CheckInRequest; readonly idempotencyKey: string }
  | { readonly type: 'printBoardingPass'; readonly booking: BookingView; readonly pass: BoardingPassData }
  | { readonly type: 'printBagTag'; readonly tag: BagTag; readonly passengerName: string }
  /** Whether the printers can print now (asked before checking in, so nobody is checked in without a pass). */
  | { readonly type: 'printerStatus' }
  /** Resolves when the printer reports itself available again (paper loaded, back online). */
  | { readonly type: 'awaitPrinter'; readonly printer: AirportPrinter };

/** How a print job ended: CUSS message codes (`MEDIA_EMPTY` = paper out, `NOT_REACHABLE` = offline ...). */
export type AirportPrintOutcome = Result<null, { readonly code: string }>;

/** The reply to each call, by call type (the runner answers every call with its own reply, failures included). */
export interface AirportReplies {
  findBookings: { readonly type: 'bookings'; readonly result: DcsResult<BookingView[]> };
  seatMap: { readonly type: 'seatMap'; readonly result: DcsResult<SeatMap> };
  changeSeat: { readonly type: 'seat'; readonly result: DcsResult<SeatChangeResult> };
  checkIn: { readonly type: 'checkIn'; readonly result: DcsResult<CheckInResult> };
  printBoardingPass: { readonly type: 'printed'; readonly outcome: AirportPrintOutcome };
  printBagTag: { readonly type: 'printed'; readonly outcome: AirportPrintOutcome };
  printerStatus: { readonly type: 'printers'; readonly ready: Readonly<Record<AirportPrinter, boolean>> };
  awaitPrinter: { readonly type: 'printerReady' };
}

export type AirportReply = AirportReplies[keyof AirportReplies];

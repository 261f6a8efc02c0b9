import { z } from 'zod';
import { eraseActionSchema, typeActionSchema } from './keyboard.ts';

/**
 * Airport self check-in: what the UI may see of the flow, and what it may ask for.
 * The view carries no document numbers and no MRZ: passengers are named as on the booking (the party checking
 * in together), seats, flights and counts. Every step is a strict object so an extra field (a leak) fails.
 */

const segmentView = z.strictObject({
  id: z.string(),
  /** `UT801` */
  flight: z.string(),
  from: z.string(),
  to: z.string(),
  /** Local date of departure `YYYY-MM-DD`. */
  date: z.string(),
  /** ISO instants; the UI formats them in `timeZone` (electron/contract/local-time.ts). */
  departure: z.string(),
  boardingTime: z.string(),
  /** IANA zone of the departure airport; null when neither the DCS nor the airport table knows it. */
  timeZone: z.string().nullable(),
  gate: z.string().nullable(),
});

const bookingView = z.strictObject({
  pnr: z.string(),
  segments: z.array(segmentView).min(1),
});

/** Why the traveller must go to the counter (or try later); each maps to a message in four languages. */
export const airportRefusalSchema = z.enum([
  'checkInNotOpen',
  'checkInClosed',
  'flightCancelled',
  'documentExpires',
  'notVerified',
  /** The names are close but not the same (name-match.ts `near`): never accepted without staff. */
  'nameMismatch',
  /** A booking was found, but the traveller's name is not on it. */
  'notOnBooking',
  /** Two passengers on the booking match the document equally well (the same name twice): staff decide. */
  'ambiguousPassenger',
  'unavailable',
]);

/** Short messages on a step that the traveller can act on. */
export const airportNoticeSchema = z.enum([
  'notFound',
  'nameMismatch',
  'unreadableBarcode',
  'unavailable',
  'documentUnreadable',
  'passengerNotOnBooking',
  /** The document matches two passengers of the booking equally well: never guessed, staff decide. */
  'passengerAmbiguous',
  'passengerAlreadyAdded',
  'passengerNotVerified',
  'passengerVerifyUnavailable',
  'passengerDocumentExpires',
  'seatUnavailable',
  'bagAllowanceExceeded',
]);

const passengerItem = z.strictObject({
  id: z.string(),
  /** `ERIKSSON/ANNA MARIA MS`, as the booking writes it. */
  name: z.string(),
  type: z.enum(['ADT', 'CHD', 'INF']),
  /** `included`: document scanned and accepted; `waiting`: not (yet) scanned; `checkedIn`: already done earlier. */
  state: z.enum(['included', 'waiting', 'verifying', 'checkedIn']),
  /** The traveller who started the session (cannot be removed). */
  primary: z.boolean(),
});

const seatView = z.strictObject({ seat: z.string(), state: z.enum(['free', 'occupied', 'blocked', 'mine']), passengerId: z.string().nullable() });

const seatMapView = z.strictObject({
  segmentId: z.string(),
  columns: z.array(z.string()),
  aisleAfter: z.array(z.string()),
  rows: z.array(z.strictObject({ number: z.number().int(), seats: z.array(seatView) })),
});

const seatsPassenger = z.strictObject({ id: z.string(), name: z.string(), seat: z.string().nullable() });

const bagsPassenger = z.strictObject({ id: z.string(), name: z.string(), allowance: z.number().int().min(0), bags: z.number().int().min(0) });

const confirmPassenger = z.strictObject({
  id: z.string(),
  name: z.string(),
  bags: z.number().int().min(0),
  seats: z.array(z.strictObject({ segmentId: z.string(), seat: z.string().nullable() })),
});

export const printFaultSchema = z.strictObject({
  printer: z.enum(['receipt', 'bagTag']),
  /** `paperOut` (CUSS MEDIA_EMPTY), `offline` (NOT_REACHABLE / NOT_RESPONDING) or any other fault. */
  kind: z.enum(['paperOut', 'offline', 'fault']),
});

export const airportViewSchema = z.discriminatedUnion('step', [
  /** Looking the booking up by the verified document. */
  z.strictObject({ step: z.literal('searching') }),
  z.strictObject({
    step: z.literal('lookup'),
    /** `menu`: choose keyboard or scanner; `keyboard`: typing the booking reference and surname. */
    mode: z.enum(['menu', 'keyboard']),
    field: z.enum(['pnr', 'surname']),
    pnr: z.string(),
    surname: z.string(),
    searching: z.boolean(),
    notice: airportNoticeSchema.nullable(),
  }),
  z.strictObject({
    step: z.literal('refused'),
    reason: airportRefusalSchema,
    /** checkInNotOpen: when it opens; checkInClosed: when it closed (ISO instant). */
    at: z.string().nullable(),
    /** The zone `at` is shown in: the departure airport's of the flight concerned. */
    timeZone: z.string().nullable(),
    /** The flight concerned, `UT801`, when one is. */
    flight: z.string().nullable(),
  }),
  /** The document is on several bookings: the traveller picks one (earliest departure first). */
  z.strictObject({ step: z.literal('chooseBooking'), bookings: z.array(bookingView).min(2) }),
  z.strictObject({ step: z.literal('booking'), booking: bookingView, passengers: z.number().int().min(1) }),
  z.strictObject({
    step: z.literal('passengers'),
    booking: bookingView,
    passengers: z.array(passengerItem),
    reading: z.boolean(),
    notice: airportNoticeSchema.nullable(),
    /** The passenger the notice is about, when it is about one. */
    noticeName: z.string().nullable(),
  }),
  z.strictObject({
    step: z.literal('seats'),
    booking: bookingView,
    segmentId: z.string(),
    passengerId: z.string(),
    passengers: z.array(seatsPassenger),
    seatMap: seatMapView.nullable(),
    busy: z.boolean(),
    notice: airportNoticeSchema.nullable(),
  }),
  z.strictObject({ step: z.literal('dangerousGoods') }),
  z.strictObject({ step: z.literal('bags'), passengers: z.array(bagsPassenger), notice: airportNoticeSchema.nullable() }),
  z.strictObject({ step: z.literal('confirm'), booking: bookingView, passengers: z.array(confirmPassenger) }),
  z.strictObject({
    step: z.literal('checkingIn'),
    /**
     * null while the DCS is asked; `unavailable`: it could not be reached (retry is safe); `printer`: a
     * printer this check-in needs is not ready, so nobody was checked in (staff see the printer's status).
     */
    failed: z.enum(['unavailable', 'printer']).nullable(),
  }),
  z.strictObject({
    step: z.literal('printing'),
    total: z.number().int().min(0),
    printed: z.number().int().min(0),
    current: z.enum(['boardingPass', 'bagTag']).nullable(),
    fault: printFaultSchema.nullable(),
  }),
  z.strictObject({ step: z.literal('done'), boardingPasses: z.number().int().min(0), bagTags: z.number().int().min(0) }),
]);

export const airportActionSchema = z.discriminatedUnion('type', [
  /** Lookup: open the on-screen keyboard, or back to the menu. */
  z.strictObject({ type: z.literal('useKeyboard') }),
  z.strictObject({ type: z.literal('focus'), field: z.enum(['pnr', 'surname']) }),
  /** The touch keyboard (keyboard.ts): into the focused field. */
  typeActionSchema,
  eraseActionSchema,
  z.strictObject({ type: z.literal('search') }),
  z.strictObject({ type: z.literal('chooseBooking'), pnr: z.string() }),
  /** Booking, passengers, seats, bags: on to the next step. */
  z.strictObject({ type: z.literal('continue') }),
  z.strictObject({ type: z.literal('removePassenger'), passengerId: z.string() }),
  z.strictObject({ type: z.literal('seatSegment'), segmentId: z.string() }),
  z.strictObject({ type: z.literal('seatPassenger'), passengerId: z.string() }),
  z.strictObject({ type: z.literal('chooseSeat'), seat: z.string().regex(/^\d{1,3}[A-Z]$/) }),
  z.strictObject({ type: z.literal('acknowledgeDangerousGoods') }),
  z.strictObject({ type: z.literal('setBags'), passengerId: z.string(), bags: z.number().int().min(0).max(9) }),
  z.strictObject({ type: z.literal('confirm') }),
  /** Check-in or printing failed: try again (the same check-in, never a second one). */
  z.strictObject({ type: z.literal('retry') }),
  /** Refused or done: end the session. */
  z.strictObject({ type: z.literal('finish') }),
]);

export type AirportView = z.infer<typeof airportViewSchema>;
export type AirportAction = z.infer<typeof airportActionSchema>;
export type AirportRefusal = z.infer<typeof airportRefusalSchema>;
export type AirportNotice = z.infer<typeof airportNoticeSchema>;
export type AirportPrintFault = z.infer<typeof printFaultSchema>;

import { z } from 'zod';
import { eraseActionSchema, typeActionSchema } from './keyboard.ts';

/**
 * Hotel self registration: what the UI may see of the flow, and what it may ask for.
 * The view carries no document number and no raw MRZ; other guests' names are masked (only the traveller at
 * the kiosk sees their own name in full).
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const confirmationMaxLength = 20;

export const hotelReservationViewSchema = z.strictObject({
  confirmationNumber: z.string(),
  /** The traveller's own name as the PMS holds it. */
  guestName: z.string(),
  roomType: z.string(),
  roomNumber: z.string().nullable(),
  arrivalDate: isoDate,
  departureDate: isoDate,
  nights: z.number().int().min(0),
  adults: z.number().int().min(0),
  children: z.number().int().min(0),
});

export const hotelGuestViewSchema = z.strictObject({
  /** Full for the traveller at the kiosk, masked for the others; null for an unnamed adult on the booking. */
  name: z.string().nullable(),
  self: z.boolean(),
  status: z.enum(['verified', 'waiting', 'verifying', 'notVerified']),
});

/** Why the traveller is sent to the staff desk. */
export const hotelStaffReasons = [
  'notVerified', // the traveller's own document could not be verified (and verification is required)
  'notOnReservation', // the traveller is not a guest on the reservation they found
  'cannotRegister', // the document lacks a field the police registration requires
  'declinedFace', // chose the staff desk instead of the face check
  'faceNotMatched',
  'faceUnavailable',
  'checkInFailed',
  'paymentFailed',
] as const;

export const hotelSearchProblems = ['notFound', 'cancelled', 'alreadyCheckedIn', 'unavailable'] as const;
export const hotelGuestProblems = ['notOnReservation', 'alreadyScanned', 'notVerified', 'unavailable', 'unreadable', 'incomplete'] as const;

export const hotelViewSchema = z.discriminatedUnion('step', [
  /** Looking the reservation up by the traveller's document. */
  z.strictObject({ step: z.literal('finding') }),
  z.strictObject({
    step: z.literal('confirmation'),
    entry: z.string().max(confirmationMaxLength),
    searching: z.boolean(),
    problem: z.enum(hotelSearchProblems).nullable(),
  }),
  z.strictObject({ step: z.literal('reservation'), reservation: hotelReservationViewSchema }),
  z.strictObject({
    step: z.literal('guests'),
    guests: z.array(hotelGuestViewSchema),
    problem: z.enum(hotelGuestProblems).nullable(),
    complete: z.boolean(),
  }),
  z.strictObject({ step: z.literal('face'), checking: z.boolean() }),
  z.strictObject({
    step: z.literal('deposit'),
    amountMinor: z.number().int().min(0),
    currency: z.string(),
    status: z.enum(['ready', 'processing', 'declined', 'unavailable']),
  }),
  z.strictObject({ step: z.literal('checkingIn') }),
  z.strictObject({
    step: z.literal('keys'),
    roomNumber: z.string(),
    count: z.number().int().min(1),
    max: z.number().int().min(1),
    status: z.enum(['choose', 'encoding', 'stockEmpty', 'failed']),
  }),
  z.strictObject({ step: z.literal('printing'), roomNumber: z.string() }),
  z.strictObject({
    step: z.literal('done'),
    roomNumber: z.string(),
    departureDate: isoDate,
    keys: z.number().int().min(0),
    slipPrinted: z.boolean(),
  }),
  z.strictObject({ step: z.literal('staffDesk'), reason: z.enum(hotelStaffReasons) }),
]);

export const hotelActionSchema = z.discriminatedUnion('type', [
  /** The touch keyboard (keyboard.ts), into the confirmation number. */
  typeActionSchema,
  eraseActionSchema,
  z.strictObject({ type: z.literal('search') }),
  /** Confirm what the screen shows and go on (reservation, guests). */
  z.strictObject({ type: z.literal('continue') }),
  /** Explicit consent to the face check, with the live capture taken right after it (base64 JPEG; absent
   * when no camera could be opened, which ends at the staff desk). Sent once, never stored. */
  z.strictObject({ type: z.literal('consentFace'), image: z.base64().max(2_000_000).optional() }),
  /** The traveller chooses the staff desk (the alternative to the face check, or to a failed payment). */
  z.strictObject({ type: z.literal('staffDesk') }),
  z.strictObject({ type: z.literal('pay') }),
  z.strictObject({ type: z.literal('setKeyCount'), count: z.number().int().min(1).max(4) }),
  z.strictObject({ type: z.literal('encode') }),
  /** Key stock empty: leave without cards (staff hand them out). */
  z.strictObject({ type: z.literal('skipKeys') }),
  z.strictObject({ type: z.literal('finish') }),
]);

export type HotelView = z.infer<typeof hotelViewSchema>;
export type HotelAction = z.infer<typeof hotelActionSchema>;
export type HotelStep = HotelView['step'];
export type HotelStaffReason = (typeof hotelStaffReasons)[number];
export type HotelReservationView = z.infer<typeof hotelReservationViewSchema>;
export type HotelGuestView = z.infer<typeof hotelGuestViewSchema>;

import { z } from 'zod';
import { registrationDocumentTypes } from './guest-registration.ts';
import type { Result } from '../../drivers/result.ts';

/**
 * Port to the hotel's property management system, shaped after OPERA Cloud's front-desk operations
 * (OHIP `fof/v1`, docs/hotel.md §1): find the reservation, assign a room, check in, request room
 * keys. Mews ("start reservation") and apaleo (docs/hotel.md §1) map onto the same four steps.
 *
 * Guarantees every adapter keeps:
 * - Remote refusals and transport problems are typed `PmsError`s, never exceptions.
 * - `checkIn` succeeds only for a reservation that is due in today (hotel business date), not cancelled, not
 *   already in house, with an assigned room that is vacant and clean or inspected ("reservation needs to be
 *   'due in'", OHIP checkIns). A failed check-in changes nothing.
 * - `assignRoom` without a room number auto-assigns a vacant, clean room of the booked type
 *   (OHIP autoRoomAssignments); with one, it refuses a room of another type or one that is not available.
 * - `createRoomKeys` works only for a checked-in reservation and returns what the encoder needs: the room, the
 *   validity window (until checkout time on the departure date) and the door-lock system's key data.
 * - Search results hold personal data: keep them in memory only.
 */
export interface HotelPms {
  searchReservations(query: ReservationQuery): Promise<Result<Reservation[], PmsError>>;
  getReservation(reservationId: string): Promise<Result<Reservation, PmsError>>;
  /** Rooms this reservation could be given now: booked type, vacant, clean or inspected, not promised. */
  availableRooms(reservationId: string): Promise<Result<Room[], PmsError>>;
  assignRoom(reservationId: string, roomNumber?: string): Promise<Result<Reservation, PmsError>>;
  checkIn(reservationId: string): Promise<Result<Reservation, PmsError>>;
  createRoomKeys(reservationId: string, request: RoomKeyRequest): Promise<Result<RoomKeyGrant, PmsError>>;
}

/** OHIP search parameters: confirmationNumberList; surname/givenName + arrival; identification (crm profile ID). */
export type ReservationQuery =
  | { readonly by: 'confirmation'; readonly confirmationNumber: string }
  /** Any guest on the reservation. Case, spaces, hyphens and MRZ fillers are ignored; given names match as a prefix. */
  | { readonly by: 'name'; readonly surname: string; readonly givenNames?: string; readonly arrivalDate?: string }
  /** Any guest's identification document on the profile; `issuer` narrows it (ICAO code or authority). */
  | { readonly by: 'document'; readonly documentNumber: string; readonly issuer?: string };

export const reservationQuerySchema = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('confirmation'), confirmationNumber: z.string().min(1) }),
  z.strictObject({
    by: z.literal('name'),
    surname: z.string().min(1),
    givenNames: z.string().min(1).optional(),
    arrivalDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  }),
  z.strictObject({ by: z.literal('document'), documentNumber: z.string().min(1), issuer: z.string().min(1).optional() }),
]);

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const reservationGuestSchema = z.strictObject({
  profileId: z.string().min(1),
  primary: z.boolean(),
  surname: z.string().min(1),
  givenNames: z.string(),
  nameChinese: z.string().min(1).nullable(),
  ageCategory: z.enum(['adult', 'child']),
  sex: z.enum(['M', 'F', 'X']).nullable(),
  birthDate: isoDate.nullable(),
  nationality: z.string().regex(/^[A-Z<]{3}$/).nullable(),
  /** Identification held on the profile (OHIP crm identifications), if any. */
  document: z
    .strictObject({
      type: z.enum(registrationDocumentTypes),
      number: z.string().min(1),
      issuer: z.string().min(1),
      expiryDate: isoDate.nullable(),
    })
    .nullable(),
});

export const reservationStatuses = ['due-in', 'checked-in', 'checked-out', 'cancelled'] as const;

export const reservationSchema = z.strictObject({
  reservationId: z.string().min(1),
  confirmationNumber: z.string().min(1),
  hotelId: z.string().min(1),
  status: z.enum(reservationStatuses),
  arrivalDate: isoDate,
  departureDate: isoDate,
  roomType: z.string().min(1),
  roomNumber: z.string().min(1).nullable(),
  adults: z.number().int().min(1),
  children: z.number().int().min(0),
  guests: z.array(reservationGuestSchema).min(1),
  /** Deposit to pre-authorise at check-in, in minor units (e.g. fen); null when none is due. */
  deposit: z.strictObject({ amountMinor: z.number().int().min(0), currency: z.string().regex(/^[A-Z]{3}$/) }).nullable(),
});

export type ReservationGuest = z.infer<typeof reservationGuestSchema>;
export type Reservation = z.infer<typeof reservationSchema>;
export type ReservationStatus = Reservation['status'];

export const roomSchema = z.strictObject({
  roomNumber: z.string().min(1),
  roomType: z.string().min(1),
  floor: z.number().int(),
  /** OPERA housekeeping status. */
  housekeeping: z.enum(['clean', 'inspected', 'dirty', 'out-of-order']),
  /** OPERA front-office status. */
  occupancy: z.enum(['vacant', 'occupied']),
});
export type Room = z.infer<typeof roomSchema>;

/** OHIP roomKey body, the parts a kiosk sets. */
export interface RoomKeyRequest {
  /** 1..4 cards. */
  readonly noOfKeys: number;
  /** The kiosk's encoder as configured in OPERA (roomKeyEncoderType.encoderId). */
  readonly encoderId: string;
}

export const roomKeyGrantSchema = z.strictObject({
  reservationId: z.string().min(1),
  roomNumber: z.string().min(1),
  noOfKeys: z.number().int().min(1).max(4),
  encoderId: z.string().min(1),
  keyValidityStart: z.string().datetime({ offset: true }),
  keyValidityEnd: z.string().datetime({ offset: true }),
  /** Opaque track data from the door-lock interface (OHIP keyTrack), written by the encoder as is. */
  keyData: z.string().min(1),
});
export type RoomKeyGrant = z.infer<typeof roomKeyGrantSchema>;

export const pmsErrorCodes = [
  'not-found', // no such reservation (or room)
  'not-due-in', // arrival is not today
  'already-checked-in',
  'cancelled',
  'no-room-assigned',
  'room-not-available', // occupied, dirty, out of order, promised to another guest, or none left of the type
  'room-type-mismatch',
  'not-checked-in', // keys before check-in
  'invalid-request',
  'unreachable',
  'timeout',
  'server-error',
  'protocol',
] as const;
export type PmsErrorCode = (typeof pmsErrorCodes)[number];

export interface PmsError {
  readonly code: PmsErrorCode;
  readonly message: string;
}

/** Transport-level failures: the caller may retry; the others are answers. */
export function isTransientPmsError(error: PmsError): boolean {
  return error.code === 'unreachable' || error.code === 'timeout' || error.code === 'server-error';
}

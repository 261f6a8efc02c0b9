import { z } from 'zod';
import { isTimeZone } from '../contract/local-time.ts';

/**
 * The JSON shapes of the DCS HTTP API (electron/airline/dcs-http-api.md). The simulator server and the
 * HTTP adapter both validate with these, so the document, the server and the client cannot drift apart.
 */

const iataAirport = z.string().regex(/^[A-Z]{3}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const isoInstant = z.iso.datetime({ offset: true });

export const seatSchema = z.string().regex(/^\d{1,3}[A-Z]$/, 'seat like 12C');

export const bagAllowanceSchema = z.object({
  pieces: z.number().int().min(0).max(9),
  weightKg: z.number().int().min(0).max(99),
});

export const checkInWindowSchema = z.object({
  opensAt: isoInstant,
  closesAt: isoInstant,
  state: z.enum(['not-open', 'open', 'closed']),
});

export const segmentViewSchema = z.object({
  id: z.string().min(1),
  carrier: z.string().regex(/^[A-Z0-9]{2,3}$/),
  flightNumber: z.string().regex(/^\d{1,4}[A-Z]?$/),
  from: iataAirport,
  to: iataAirport,
  /** Local date of departure at `from` (what the boarding pass carries). */
  date: isoDate,
  departure: isoInstant,
  /**
   * IANA time zone of `from` (`Asia/Tokyo`), in which departure and boarding times are shown and printed. A DCS
   * may leave it out; the kiosk then looks the airport up (airport-time-zone.ts), and null means nobody knows.
   */
  departureTimeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Tokyo').nullable().optional(),
  arrival: isoInstant,
  /** Boarding time and gate as the kiosk prints them; gate may be unknown. */
  boardingTime: isoInstant,
  gate: z.string().nullable(),
  status: z.enum(['scheduled', 'cancelled']),
  checkIn: checkInWindowSchema,
});

export const passengerSegmentSchema = z.object({
  segmentId: z.string(),
  /** Booking class (`Y`) and the BCBP compartment code (`Y`, `J`, `F`). */
  cabin: z.string().length(1),
  seat: seatSchema.nullable(),
  checkedIn: z.boolean(),
  sequenceNumber: z.number().int().min(1).nullable(),
});

export const passengerViewSchema = z.object({
  id: z.string().min(1),
  surname: z.string(),
  givenNames: z.string(),
  title: z.string().nullable(),
  /** `ADT` adult, `CHD` child, `INF` infant. */
  type: z.enum(['ADT', 'CHD', 'INF']),
  /** 13-digit e-ticket number: 3-digit airline numeric code + 10-digit serial. */
  ticketNumber: z.string().regex(/^\d{13}$/),
  bagAllowance: bagAllowanceSchema,
  bagsChecked: z.number().int().min(0),
  /** Document data has been supplied (APIS) for this booking. No document details leave the DCS. */
  apisComplete: z.boolean(),
  segments: z.array(passengerSegmentSchema),
});

export const bookingViewSchema = z.object({
  pnr: z.string().regex(/^[A-Z0-9]{5,7}$/),
  passengers: z.array(passengerViewSchema).min(1),
  segments: z.array(segmentViewSchema).min(1),
});

/** A verified travel document as the session hands it over: the APIS data for one passenger. */
export const travelDocumentSchema = z.object({
  /** ICAO document code, `P`, `PO`, `I`, `C<` ... */
  documentCode: z.string().min(1).max(2),
  documentNumber: z.string().min(1).max(20),
  issuer: z.string().min(1).max(3),
  nationality: z.string().min(1).max(3),
  surname: z.string(),
  givenNames: z.string(),
  /** The MRZ name field may be truncated (docs/mrz-formats.md §1.3). */
  nameTruncated: z.boolean().default(false),
  birthDate: isoDate,
  sex: z.enum(['M', 'F', 'X', '<']),
  expiryDate: isoDate,
  /** The identity platform confirmed the holder is the document's owner (face check / authentication). */
  holderVerified: z.boolean(),
});

export const bookingQuerySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('document'),
    surname: z.string(),
    givenNames: z.string(),
    documentNumber: z.string().min(1),
    /** The MRZ name field may be truncated (docs/mrz-formats.md §1.3). */
    nameTruncated: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('pnr'), pnr: z.string().min(1), surname: z.string().min(1) }),
  /** A boarding pass (BCBP) or booking barcode as scanned; resolved to a PNR query by the client. */
  z.object({ kind: z.literal('barcode'), text: z.string().min(1) }),
]);

export const seatMapRequestSchema = z.object({ pnr: z.string(), segmentId: z.string() });

export const seatMapSchema = z.object({
  segmentId: z.string(),
  cabin: z.string().length(1),
  columns: z.array(z.string().length(1)),
  /** Columns after which an aisle runs (`C` for ABC DEF). */
  aisleAfter: z.array(z.string().length(1)),
  rows: z.array(
    z.object({
      number: z.number().int(),
      seats: z.array(z.object({ seat: seatSchema, state: z.enum(['free', 'occupied', 'blocked']), passengerId: z.string().nullable() })),
    }),
  ),
});

export const seatChangeRequestSchema = z.object({
  pnr: z.string(),
  passengerId: z.string(),
  segmentId: z.string(),
  seat: seatSchema,
});

export const seatChangeResultSchema = z.object({ passengerId: z.string(), segmentId: z.string(), seat: seatSchema });

export const checkInRequestSchema = z.object({
  pnr: z.string(),
  /** Only these passengers are checked in; each needs a verified document. */
  passengers: z
    .array(
      z.object({
        passengerId: z.string(),
        document: travelDocumentSchema,
        /** Bags to check; must be within the passenger's allowance. */
        bags: z.number().int().min(0).max(9),
      }),
    )
    .min(1),
  /** The traveller confirmed the dangerous-goods notice (required by the airline before check-in). */
  dangerousGoodsAcknowledged: z.boolean(),
});

export const boardingPassSchema = z.object({
  passengerId: z.string(),
  /** The IATA Resolution 792 string, one leg per checked-in segment. */
  bcbp: z.string().min(60),
  legs: z.array(
    z.object({
      segmentId: z.string(),
      seat: seatSchema,
      sequenceNumber: z.number().int().min(1),
      cabin: z.string().length(1),
    }),
  ),
});

export const bagTagSchema = z.object({
  passengerId: z.string(),
  /** 10-digit licence plate (IATA Res 740): leading digit, airline numeric code, 6-digit serial. */
  licensePlate: z.string().regex(/^\d{10}$/),
  /** Final destination airport and the route of the bag. */
  destination: iataAirport,
  route: z.array(z.object({ carrier: z.string(), flightNumber: z.string(), date: isoDate, to: iataAirport })),
});

export const checkInResultSchema = z.object({
  pnr: z.string(),
  boardingPasses: z.array(boardingPassSchema),
  bagTags: z.array(bagTagSchema),
  booking: bookingViewSchema,
});

export const dcsErrorCodes = [
  'booking-not-found',
  'passenger-not-found',
  'segment-not-found',
  'flight-cancelled',
  'check-in-not-open',
  'check-in-closed',
  'document-expires-before-travel',
  'holder-not-verified',
  'name-mismatch',
  'seat-unavailable',
  'bag-allowance-exceeded',
  'dangerous-goods-not-acknowledged',
  'idempotency-conflict',
  'invalid-request',
  'unreadable-barcode',
  // transport level, produced by the HTTP adapter
  'timeout',
  'unavailable',
  'protocol-error',
] as const;

export const dcsErrorSchema = z.object({
  code: z.enum(dcsErrorCodes),
  message: z.string(),
  passengerId: z.string().optional(),
  segmentId: z.string().optional(),
  /** check-in-not-open: when it opens; check-in-closed: when it closed. */
  at: isoInstant.optional(),
  /** name-mismatch: how the names compared (name-match.ts). */
  nameMatch: z.string().optional(),
});

export const errorBodySchema = z.object({ error: dcsErrorSchema });

export type BookingView = z.infer<typeof bookingViewSchema>;
export type SegmentView = z.infer<typeof segmentViewSchema>;
export type PassengerView = z.infer<typeof passengerViewSchema>;
export type TravelDocument = z.input<typeof travelDocumentSchema>;
export type BookingQuery = z.infer<typeof bookingQuerySchema>;
export type SeatMap = z.infer<typeof seatMapSchema>;
export type SeatChangeRequest = z.infer<typeof seatChangeRequestSchema>;
export type SeatChangeResult = z.infer<typeof seatChangeResultSchema>;
export type CheckInRequest = z.input<typeof checkInRequestSchema>;
export type CheckInResult = z.infer<typeof checkInResultSchema>;
export type BoardingPassData = z.infer<typeof boardingPassSchema>;
export type BagTag = z.infer<typeof bagTagSchema>;
export type DcsErrorCode = (typeof dcsErrorCodes)[number];
export type DcsError = z.infer<typeof dcsErrorSchema>;

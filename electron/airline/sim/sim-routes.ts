import { z } from 'zod';
import { holdRoutes } from '../../../drivers/sim/sim-hold.ts';
import { simRoute, type SimRoute } from '../../../drivers/sim/sim-route.ts';
import { dcsErrorCodes } from '../dcs-wire.ts';
import type { AirlineSimulator } from './airline-simulator.ts';

/**
 * Control routes for the airline simulator, mounted by the host under `/sim/airline/...`:
 * - `GET state`: flights (departure, check-in window), bookings with seats, check-in status, bag tags and
 *   masked document references; the current faults.
 * - `POST reset`: back to the seed (departures placed relative to now again), faults and hold cleared.
 * - `POST latency {ms}`: every DCS request waits this long.
 * - `POST fail {count, status?, code?}`: the next `count` requests fail with HTTP `status` (default 503 →
 *   `unavailable` in the kiosk) or, with `code`, that typed refusal.
 * - `POST hang {on}`: requests get no answer (the kiosk's timeout fires).
 * - `POST hold {hold, releaseWaiting?}`: requests wait until released, then are answered; `GET hold` tells
 *   how many wait (drivers/sim/sim-hold.ts).
 * - `POST flight-status {flightId, status}`: cancel or reinstate a flight.
 */
export function airlineSimRoutes(sim: AirlineSimulator): SimRoute[] {
  return [
    simRoute({ method: 'GET', path: '/airline/state', summary: 'The airline simulator\'s bookings, check-ins and faults.', handle: () => sim.state() }),
    simRoute({ method: 'POST', path: '/airline/reset', summary: 'Resets the airline simulator to its seed and clears its faults.', handle: () => (sim.reset(), { ok: true }) }),
    simRoute({
      method: 'POST',
      path: '/airline/latency',
      summary: 'Delays every DCS answer by ms milliseconds.',
      body: z.strictObject({ ms: z.number().int().min(0).max(120_000) }),
      handle: (b) => ((sim.faults.latencyMs = b.ms), { faults: { ...sim.faults } }),
    }),
    simRoute({
      method: 'POST',
      path: '/airline/fail',
      summary: 'Fails the next count DCS calls with this HTTP status or error code.',
      body: z.strictObject({
        count: z.number().int().min(1).max(1000).default(1),
        status: z.number().int().min(400).max(599).default(503),
        code: z.enum(dcsErrorCodes).optional(),
      }),
      handle: (b) => ((sim.faults.failNext = { count: b.count, status: b.status, code: b.code ?? null }), { faults: { ...sim.faults } }),
    }),
    simRoute({
      method: 'POST',
      path: '/airline/hang',
      summary: 'Makes the DCS stop answering (on) or answer again (off).',
      body: z.strictObject({ on: z.boolean() }),
      handle: (b) => ((sim.faults.hang = b.on), { faults: { ...sim.faults } }),
    }),
    ...holdRoutes('/airline', sim.hold),
    simRoute({
      method: 'POST',
      path: '/airline/flight-status',
      summary: 'Sets a flight scheduled or cancelled.',
      body: z.strictObject({ flightId: z.string(), status: z.enum(['scheduled', 'cancelled']) }),
      handle: (b) => {
        if (!sim.setFlightStatus(b.flightId, b.status)) throw new Error(`no flight ${b.flightId}`);
        return { ok: true };
      },
    }),
  ];
}

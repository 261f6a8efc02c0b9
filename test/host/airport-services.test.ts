import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedPrinter } from '../../drivers/printer/simulated-printer.ts';
import { airportConfigSchema, airportCallRunner, buildAirport } from '../../electron/host/airport-services.ts';
import type { FlowServices } from '../../electron/host/flow-services.ts';
import { createLogger } from '../../electron/log/logger.ts';
import type { AirportResult } from '../../electron/session/airport/airport-calls.ts';
import { systemClock, type Clock } from '../../electron/session/clock.ts';
import { dcsOk } from '../../electron/airline/airline-dcs.ts';
import type { AirlineDcs } from '../../electron/airline/airline-dcs.ts';

const logger = createLogger({ level: 'silent' });
let built: FlowServices | null = null;

afterEach(async () => {
  await built?.close();
  built = null;
});

function printers() {
  return { receipt: new SimulatedPrinter({ id: 'printer' }), bagTag: new SimulatedPrinter({ id: 'bag-tag-printer' }), simRoutes: [] };
}

describe('airport configuration', () => {
  it('defaults to a simulated DCS with verification required', () => {
    const config = airportConfigSchema.parse(undefined);
    expect(config).toMatchObject({ requireVerification: true, reprintDelayMs: 1000, maxAutoReprints: 3, dcs: { mode: 'simulated' } });
  });

  it('rejects unknown keys and a real DCS without a URL', () => {
    expect(airportConfigSchema.safeParse({ requireVerfication: false }).success).toBe(false);
    expect(airportConfigSchema.safeParse({ dcs: { mode: 'real' } }).success).toBe(false);
    expect(airportConfigSchema.safeParse({ dcs: { mode: 'real', baseUrl: 'https://dcs.example.com' } }).success).toBe(true);
  });
});

describe('buildAirport (simulated)', () => {
  it('starts the airline simulator on loopback, mounts its control routes and answers over HTTP', async () => {
    built = await buildAirport(airportConfigSchema.parse({}), { mode: 'simulated', logger, clock: systemClock, dataDir: '/tmp', printers: printers() });
    if (!built) throw new Error('not built');
    expect(built.simRoutes.map((r) => `${r.method} ${r.path}`)).toContain('GET /airline/state');
    const result = (await built.run({ type: 'findBookings', query: { kind: 'pnr', pnr: 'ANNA74', surname: 'ERIKSSON' } }, new AbortController().signal)) as AirportResult;
    expect(result).toMatchObject({ type: 'bookings', result: { ok: true, value: [{ pnr: 'ANNA74' }] } });
    const state = built.simRoutes.find((r) => r.path === '/airline/state');
    expect(await state?.handle(undefined)).toMatchObject({ bookings: expect.arrayContaining([expect.objectContaining({ pnr: 'ANNA74' })]) });
    const start = built.flow.start({ document: { documentNumber: null } as never, verification: 'verified' }, { now: 0 });
    expect(start).toMatchObject({ type: 'continue', state: { step: { name: 'lookup' } } });
  });
});

describe('airport call runner', () => {
  const stubDcs = {
    findBookings: async () => {
      throw new Error('bug');
    },
    seatMap: async () => dcsOk({ segmentId: 'S1', cabin: 'Y', columns: [], aisleAfter: [], rows: [] }),
    changeSeat: async () => dcsOk({ passengerId: 'P1', segmentId: 'S1', seat: '1A' }),
    checkIn: async () => {
      throw new Error('bug');
    },
  } satisfies AirlineDcs;

  it('never rejects: a throwing DCS becomes a failed result', async () => {
    const run = airportCallRunner({ dcs: stubDcs, printers: printers(), clock: systemClock, logger, reprintDelayMs: 0 });
    await expect(run({ type: 'findBookings', query: { kind: 'pnr', pnr: 'X', surname: 'Y' } }, new AbortController().signal)).resolves.toMatchObject({
      type: 'bookings',
      result: { ok: false, error: { code: 'protocol-error' } },
    });
  });

  it('waits for the printer to be ready again (paper in) before answering, and stops waiting on abort', async () => {
    const p = printers();
    await p.receipt.start();
    p.receipt.paperOut();
    const timers: (() => void)[] = [];
    const clock: Clock = { now: () => 0, setTimeout: (fn) => timers.push(fn), clearTimeout: () => undefined };
    const run = airportCallRunner({ dcs: stubDcs, printers: p, clock, logger, reprintDelayMs: 500 });
    let answered = false;
    const waiting = run({ type: 'awaitPrinter', printer: 'receipt' }, new AbortController().signal).then((r) => ((answered = true), r));
    timers.shift()?.(); // the minimum delay passes; paper is still out
    await Promise.resolve();
    expect(answered).toBe(false);
    p.receipt.paperIn();
    await expect(waiting).resolves.toEqual({ type: 'printerReady' });

    p.receipt.paperOut();
    const abort = new AbortController();
    const aborted = run({ type: 'awaitPrinter', printer: 'receipt' }, abort.signal);
    abort.abort();
    await expect(aborted).resolves.toEqual({ type: 'printerReady' });
  });

  it('reports which printers are ready before a check-in (busy counts as ready)', async () => {
    const p = printers();
    await p.receipt.start();
    const run = airportCallRunner({ dcs: stubDcs, printers: p, clock: systemClock, logger, reprintDelayMs: 0 });
    await expect(run({ type: 'printerStatus' }, new AbortController().signal)).resolves.toEqual({ type: 'printers', ready: { receipt: true, bagTag: false } });
  });

  it('reports a paper-out print as a failed outcome with the CUSS code', async () => {
    const p = printers();
    await p.bagTag.start();
    p.bagTag.paperOut();
    const run = airportCallRunner({ dcs: stubDcs, printers: p, clock: systemClock, logger, reprintDelayMs: 0 });
    const tag = { passengerId: 'P1', licensePlate: '0987000001', destination: 'PEK', route: [{ carrier: 'UT', flightNumber: '801', date: '2026-11-28', to: 'PEK' }] };
    await expect(run({ type: 'printBagTag', tag, passengerName: 'ERIKSSON/ANNA MARIA' }, new AbortController().signal)).resolves.toEqual({
      type: 'printed',
      outcome: { ok: false, code: 'MEDIA_EMPTY' },
    });
  });
});

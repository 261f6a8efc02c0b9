import { describe, expect, it } from 'vitest';
import { SimulatedPrinter } from '../../../drivers/printer/simulated-printer.ts';
import type { Clock } from '../../../drivers/clock.ts';
import { systemClock } from '../../../drivers/clock.ts';
import { dcsOk, type AirlineDcs } from '../../../electron/airline/airline-dcs.ts';
import { createLogger } from '../../../electron/log/logger.ts';
import { airportCallRunner } from '../../../electron/session/airport/airport-runner.ts';

const logger = createLogger({ level: 'silent' });

function printers() {
  return { receipt: new SimulatedPrinter({ id: 'printer' }), bagTag: new SimulatedPrinter({ id: 'bag-tag-printer' }) };
}

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
    const clock: Pick<Clock, 'setTimeout' | 'clearTimeout'> = { setTimeout: (fn) => timers.push(fn), clearTimeout: () => undefined };
    const run = airportCallRunner({ dcs: stubDcs, printers: p, clock, logger, reprintDelayMs: 500 });
    let answered = false;
    const waiting = run({ type: 'awaitPrinter', printer: 'receipt' }, new AbortController().signal).then((reply) => ((answered = true), reply));
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
      outcome: { ok: false, error: { code: 'MEDIA_EMPTY' } },
    });
  });
  it('does not start a call whose step was already left (aborted before it ran)', async () => {
    let asked = 0;
    const counting = { ...stubDcs, seatMap: async () => ((asked += 1), dcsOk({ segmentId: 'S1', cabin: 'Y', columns: [], aisleAfter: [], rows: [] })) };
    const run = airportCallRunner({ dcs: counting, printers: printers(), clock: systemClock, logger, reprintDelayMs: 0 });
    const abort = new AbortController();
    abort.abort();
    await expect(run({ type: 'seatMap', pnr: 'X', segmentId: 'S1' }, abort.signal)).resolves.toMatchObject({ type: 'seatMap', result: { ok: false } });
    expect(asked).toBe(0);
  });
});

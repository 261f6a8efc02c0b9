import { describe, expect, it } from 'vitest';
import { keptJobs, SimulatedPrinter } from '../../drivers/printer/simulated-printer.ts';
import { appendLatest, rememberLatest } from '../../drivers/sim/bounded.ts';
import { AirlineSimulator, keptIdempotencyKeys } from '../../electron/airline/sim/airline-simulator.ts';
import { loadAirlineSeed } from '../../electron/airline/sim/seed.ts';
import { keptRegistrations, PoliceSimulator } from '../../electron/hotel/police-simulator.ts';
import { travellers } from '../airline/travellers.ts';
import { foreignRegistration } from '../hotel/registration-fixtures.ts';

/**
 * A kiosk left running in simulated mode for weeks (a demonstration kiosk, the soak bench) must not keep every
 * job, key and registration its simulators ever saw: each keeps the latest ones only.
 */
describe('simulators keep bounded memory', { timeout: 30_000 }, () => {
  it('rememberLatest and appendLatest drop the oldest beyond the limit; a re-set key counts as new', () => {
    const map = new Map<string, number>();
    for (const [i, key] of ['a', 'b', 'c', 'a', 'd'].entries()) rememberLatest(map, key, i, 3);
    expect([...map]).toEqual([['c', 2], ['a', 3], ['d', 4]]);
    const list: number[] = [];
    for (let i = 0; i < 7; i++) appendLatest(list, i, 3);
    expect(list).toEqual([4, 5, 6]);
  });

  it('the simulated printer keeps the latest jobs only', async () => {
    const printer = new SimulatedPrinter({ id: 'p', step: async () => undefined });
    await printer.start();
    for (let i = 0; i < keptJobs + 5; i++) await printer.print({ kind: 'receipt', blocks: [{ type: 'text', text: `job ${i}` }] });
    const printed = printer.printed();
    expect(printed).toHaveLength(keptJobs);
    expect(printed[0]?.jobId).toBe('p-6');
    expect(printed.at(-1)?.jobId).toBe(`p-${keptJobs + 5}`);
  });

  it('the DCS simulator forgets the oldest idempotency keys', async () => {
    const sim = new AirlineSimulator({ seed: await loadAirlineSeed(), now: () => Date.UTC(2026, 10, 28, 1, 0, 0) });
    const request = (pnr: string) => ({ pnr, passengers: [{ passengerId: 'P1', document: travellers.anna, bags: 0 }], dangerousGoodsAcknowledged: true });
    for (let i = 0; i <= keptIdempotencyKeys; i++) expect(await sim.checkIn(request('NOPE00'), `key-${i}`)).toMatchObject({ ok: false, error: { code: 'booking-not-found' } });
    // A different body under a key still remembered is a conflict; under the forgotten first key it is a new request.
    expect(await sim.checkIn(request('NOPE01'), `key-${keptIdempotencyKeys}`)).toMatchObject({ ok: false, error: { code: 'idempotency-conflict' } });
    expect(await sim.checkIn(request('NOPE01'), 'key-0')).toMatchObject({ ok: false, error: { code: 'booking-not-found' } });
  });

  it('the police simulator remembers the latest registration IDs, and still counts every one', async () => {
    const police = new PoliceSimulator({ now: () => Date.UTC(2026, 10, 28, 6, 0, 0), sleep: async () => undefined });
    for (let i = 0; i <= keptRegistrations; i++) await police.handle(foreignRegistration(`reg-${i}`));
    expect(police.stats().distinctAccepted).toBe(keptRegistrations + 1);
    expect(police.acceptedIds()).toHaveLength(keptRegistrations);
    expect(police.deliveriesOf('reg-0')).toBe(0);
    expect(police.deliveriesOf(`reg-${keptRegistrations}`)).toBe(1);
  });
});

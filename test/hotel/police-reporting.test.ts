import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startJsonServer } from '../../electron/hotel/json-http.ts';
import { PoliceHttp } from '../../electron/hotel/police-http.ts';
import type { PoliceReporting } from '../../electron/hotel/police-reporting.ts';
import { PoliceSimulator, startPoliceServer } from '../../electron/hotel/police-simulator.ts';
import { chineseRegistration, foreignRegistration } from './registration-fixtures.ts';

const now = Date.parse('2026-11-28T14:00:00Z');

interface Subject {
  readonly police: PoliceReporting;
  readonly sim: PoliceSimulator;
  close(): Promise<void>;
}

/** The PoliceReporting contract (police-reporting.ts guarantees), run against every adapter. */
function describePoliceContract(name: string, setup: (sim: PoliceSimulator) => Promise<Subject>): void {
  describe(`PoliceReporting contract: ${name}`, () => {
    let s: Subject;
    beforeEach(async () => {
      s = await setup(new PoliceSimulator({ now: () => now, random: () => 0.5, sleep: async () => {} }));
    });
    afterEach(async () => {
      await s.close();
    });

    it('acknowledges a valid registration with a receipt', async () => {
      const r = await s.police.submit(foreignRegistration('reg-1'));
      expect(r).toMatchObject({ outcome: 'acknowledged', duplicate: false, receipt: 'PSB-20261128-000001' });
      expect(s.sim.deliveriesOf('reg-1')).toBe(1);
    });

    it('acknowledges a redelivery of the same ID as a no-op duplicate with the same receipt', async () => {
      const first = await s.police.submit(chineseRegistration('reg-2'));
      const again = await s.police.submit(chineseRegistration('reg-2'));
      expect(again).toEqual({ outcome: 'acknowledged', receipt: first.outcome === 'acknowledged' ? first.receipt : '', duplicate: true });
      expect(s.sim.stats()).toMatchObject({ distinctAccepted: 1, duplicates: 1 });
    });

    it('rejects a record missing a required field and names it', async () => {
      const bad = { ...foreignRegistration('reg-3'), guest: { ...foreignRegistration().guest, sex: 'Q' } } as never;
      const r = await s.police.submit(bad);
      expect(r).toMatchObject({ outcome: 'rejected', code: 'invalid-record', reason: expect.stringContaining('guest.sex') });
    });

    it('rejects a document that expired before arrival', async () => {
      const r = await s.police.submit(foreignRegistration('reg-4', { document: { type: 'passport', number: 'X1', issuer: 'UTO', expiryDate: '2026-11-01' } }));
      expect(r).toMatchObject({ outcome: 'rejected', code: 'document-expired' });
      expect(s.sim.deliveriesOf('reg-4')).toBe(0);
    });

    it('rejects on demand, and then accepts the same ID once corrected', async () => {
      s.sim.rejectNext('name-mismatch', 'name does not match the NIA record');
      expect(await s.police.submit(foreignRegistration('reg-5'))).toEqual({ outcome: 'rejected', code: 'name-mismatch', reason: 'name does not match the NIA record' });
      expect(await s.police.submit(foreignRegistration('reg-5'))).toMatchObject({ outcome: 'acknowledged', duplicate: false });
    });

    it('fails while down and acknowledges once back up', async () => {
      s.sim.setFaults({ down: true });
      expect(await s.police.submit(foreignRegistration('reg-6'))).toMatchObject({ outcome: 'failed' });
      expect(s.sim.deliveriesOf('reg-6')).toBe(0);
      s.sim.setFaults({ down: false });
      expect(await s.police.submit(foreignRegistration('reg-6'))).toMatchObject({ outcome: 'acknowledged' });
    });

    it('fails at the configured error rate with no effect', async () => {
      s.sim.setFaults({ errorRate: 0.6 }); // random() is 0.5 < 0.6
      expect(await s.police.submit(foreignRegistration('reg-7'))).toMatchObject({ outcome: 'failed', error: { code: 'server-error' } });
      s.sim.setFaults({ errorRate: 0.4 });
      expect(await s.police.submit(foreignRegistration('reg-7'))).toMatchObject({ outcome: 'acknowledged' });
      expect(s.sim.stats()).toMatchObject({ failedInjected: 1, distinctAccepted: 1 });
    });
  });
}

describePoliceContract('simulator (direct)', async (sim) => ({ police: sim, sim, close: async () => {} }));

describePoliceContract('HTTP adapter against the simulator server', async (sim) => {
  const server = await startPoliceServer(sim);
  return { police: new PoliceHttp({ baseUrl: server.url, timeoutMs: 2000, hotelId: 'SIM01', kioskId: 'K1' }), sim, close: () => server.close() };
});

describe('PoliceHttp', () => {
  it('gives up after its timeout while the effect still lands, so the retry is an idempotent duplicate', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const sim = new PoliceSimulator({ now: () => now, sleep: () => gate });
    sim.setFaults({ latencyMs: 10_000 });
    const server = await startPoliceServer(sim);
    const police = new PoliceHttp({ baseUrl: server.url, timeoutMs: 50, hotelId: 'SIM01', kioskId: 'K1' });
    expect(await police.submit(foreignRegistration('reg-l'))).toMatchObject({ outcome: 'failed', error: { code: 'timeout' } });
    release();
    await vi.waitFor(() => expect(sim.deliveriesOf('reg-l')).toBe(1));
    sim.setFaults({ latencyMs: 0 });
    expect(await police.submit(foreignRegistration('reg-l'))).toMatchObject({ outcome: 'acknowledged', duplicate: true });
    expect(sim.deliveriesOf('reg-l')).toBe(2);
    expect(sim.stats().distinctAccepted).toBe(1);
    await server.close();
  });

  it('reports a closed port as unreachable and a strange answer as a protocol failure', async () => {
    const closed = await startJsonServer(() => ({ status: 200, body: {} }));
    await closed.close();
    expect(await new PoliceHttp({ baseUrl: closed.url, timeoutMs: 500, hotelId: 'H', kioskId: 'K' }).submit(foreignRegistration()))
      .toMatchObject({ outcome: 'failed', error: { code: 'unreachable' } });
    const odd = await startJsonServer(() => ({ status: 200, body: { status: 'maybe' } }));
    expect(await new PoliceHttp({ baseUrl: odd.url, timeoutMs: 500, hotelId: 'H', kioskId: 'K' }).submit(foreignRegistration()))
      .toMatchObject({ outcome: 'failed', error: { code: 'protocol' } });
    await odd.close();
  });

  it('sends the registration ID as the idempotency key', async () => {
    const headers: Record<string, unknown>[] = [];
    const server = await startJsonServer((req) => {
      headers.push(req.headers);
      return { status: 200, body: { status: 'accepted', receipt: 'R', duplicate: false } };
    });
    await new PoliceHttp({ baseUrl: server.url, timeoutMs: 500, hotelId: 'H', kioskId: 'K', apiKey: 'secret' }).submit(foreignRegistration('reg-h'));
    expect(headers[0]).toMatchObject({ 'idempotency-key': 'reg-h', 'x-hotelid': 'H', 'x-kiosk-id': 'K', 'x-app-key': 'secret' });
    await server.close();
  });
});

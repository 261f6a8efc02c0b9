import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mosquittoMissing } from './support/mosquitto.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevBroker, type DevBroker } from '../../electron/fleet/dev-broker.ts';
import { startSimFleet, type SimulatedFleetKiosk } from '../../electron/fleet/sim-fleet.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { systemClock } from '../../drivers/clock.ts';
import { connectWatcher, type Watcher } from './support/watcher.ts';

const site = 'hotel-west';
let broker: DevBroker;
let fleet: Awaited<ReturnType<typeof startSimFleet>>;
let kiosk: SimulatedFleetKiosk;
let ops: Watcher | null = null;

const waitUntil = async (check: () => boolean, ms: number, what: string) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

beforeAll(async () => {
  if (mosquittoMissing) return;
  broker = await startDevBroker({ dir: mkdtempSync(join(tmpdir(), 'passage-fleet-saf-')), staff: [{ user: 'ops', password: 'pw', role: 'operator' }] });
  const creds = await broker.issueKiosk('kiosk-w1');
  // The first reconnect waits 1.5–3 s, long enough for the test's console to be back first.
  fleet = await startSimFleet({ url: broker.kioskUrl, site, kiosks: [creds], dataDir: mkdtempSync(join(tmpdir(), 'k-')), clock: systemClock, logger: silentLogger(), reconnect: { minMs: 3_000, maxMs: 6_000 } });
  kiosk = fleet.kiosks[0] as SimulatedFleetKiosk;
  await waitUntil(() => kiosk.agent.connected, 10_000, 'connected');
}, 30_000);

afterAll(async () => {
  await ops?.close();
  await fleet?.stop();
  await broker?.stop();
});

describe.skipIf(mosquittoMissing)('store and forward', () => {
  it('keeps events while the broker is down and delivers them, in order, after reconnecting', async () => {
    await broker.stop();
    await waitUntil(() => !kiosk.agent.connected, 5_000, 'disconnected');
    kiosk.kiosk.setDevice('printer', 'unavailable', { reason: 'paper out', code: 'MEDIA_EMPTY' });
    kiosk.kiosk.setDevice('scanner', 'unavailable', { reason: 'unplugged', code: 'NOT_REACHABLE' });
    kiosk.kiosk.setDevice('printer', 'available');
    expect(kiosk.agent.outboxDepth).toBe(3);

    await broker.start();
    ops = await connectWatcher(broker.staffUrl, broker.paths.caCert, { user: 'ops', password: 'pw' });
    await waitUntil(() => ops!.received.filter((m) => m.topic.endsWith('/events')).length === 3, 15_000, 'three events');
    const devices = ops.received.filter((m) => m.topic.endsWith('/events')).map((m) => m.json.device as { id: string; state: string });
    expect(devices.map((d) => `${d.id} ${d.state}`)).toEqual(['printer unavailable', 'scanner unavailable', 'printer available']);
    expect(kiosk.agent.outboxDepth).toBe(0);
    // The state after reconnecting is the current one: the scanner is still out.
    const state = await ops.waitFor((m) => m.topic.endsWith('/state') && m.json.online === true, 5_000, 'state');
    expect((state.json.devices as { id: string; state: string }[]).find((d) => d.id === 'scanner')?.state).toBe('unavailable');
  }, 40_000);
});

describe.skipIf(mosquittoMissing)('simulated kiosk commands', () => {
  it('reports a failed self-test with the fault, and restarts when asked', async () => {
    const o = ops as Watcher;
    const topic = `passage/v1/${site}/kiosk-w1/cmd`;
    await o.publish(`${topic}/self-test`, { id: 'st-1', by: 'ops' });
    const result = await o.waitFor((m) => m.topic.endsWith('/cmd-result') && m.json.id === 'st-1', 5_000, 'self-test result');
    expect(result.json).toMatchObject({ outcome: 'failed', detail: expect.stringContaining('scanner: NOT_REACHABLE') });
    await o.publish(`${topic}/restart`, { id: 'rs-1', by: 'ops' });
    await o.waitFor((m) => m.topic.endsWith('/cmd-result') && m.json.id === 'rs-1' && m.json.outcome === 'accepted', 5_000, 'restart accepted');
    await waitUntil(() => kiosk.kiosk.restarts.length === 1, 2_000, 'restart called');
    expect(kiosk.kiosk.restarts).toEqual(['fleet command']);
  });
});

import { spawn } from 'node:child_process';
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

const repoRoot = join(import.meta.dirname, '../..');
const site = 'airport-t1';
const stateTopic = (kiosk: string) => `passage/v1/${site}/${kiosk}/state`;

let broker: DevBroker;
let ops: Watcher;
let fleet: Awaited<ReturnType<typeof startSimFleet>>;
let kioskA: SimulatedFleetKiosk;

beforeAll(async () => {
  if (mosquittoMissing) return;
  const dir = mkdtempSync(join(tmpdir(), 'passage-fleet-broker-'));
  broker = await startDevBroker({
    dir,
    staff: [
      { user: 'ops', password: 'ops-secret', role: 'operator' },
      { user: 'watch', password: 'watch-secret', role: 'viewer' },
    ],
  });
  ops = await connectWatcher(broker.staffUrl, broker.paths.caCert, { user: 'ops', password: 'ops-secret' });
  const creds = [await broker.issueKiosk('kiosk-a'), await broker.issueKiosk('kiosk-b')];
  fleet = await startSimFleet({ url: broker.kioskUrl, site, kiosks: creds, dataDir: join(dir, 'kiosks'), clock: systemClock, logger: silentLogger() });
  kioskA = fleet.kiosks[0] as SimulatedFleetKiosk;
}, 30_000);

afterAll(async () => {
  await fleet?.stop();
  await ops?.close();
  await broker?.stop();
});

describe.skipIf(mosquittoMissing)('fleet agents on Mosquitto with TLS, client certificates and the ACL', () => {
  it('announces each kiosk with a retained online state (birth), seen by a console connecting later', async () => {
    await ops.waitFor((m) => m.topic === stateTopic('kiosk-a') && m.json.online === true, 10_000, 'kiosk-a online');
    const late = await connectWatcher(broker.staffUrl, broker.paths.caCert, { user: 'watch', password: 'watch-secret' });
    try {
      const retained = await late.waitFor((m) => m.topic === stateTopic('kiosk-b'), 5_000, 'retained kiosk-b state');
      expect(retained.retain).toBe(true);
      expect(retained.json).toMatchObject({ v: 1, site, kioskId: 'kiosk-b', online: true, outOfService: false, activity: 'idle' });
    } finally {
      await late.close();
    }
  });

  it('publishes a changed state and a device event when a printer runs out of paper', async () => {
    kioskA.kiosk.setDevice('printer', 'unavailable', { reason: 'paper out', code: 'MEDIA_EMPTY' });
    const state = await ops.waitFor(
      (m) => m.topic === stateTopic('kiosk-a') && (m.json.devices as { id: string; code?: string }[]).some((d) => d.id === 'printer' && d.code === 'MEDIA_EMPTY'),
      5_000,
      'state with the printer out of paper',
    );
    expect(state.json.alerts).toEqual([expect.objectContaining({ kind: 'device', detail: expect.stringContaining('MEDIA_EMPTY') })]);
    const event = await ops.waitFor((m) => m.topic === `passage/v1/${site}/kiosk-a/events` && m.json.type === 'device', 5_000, 'device event');
    expect(event.json).toMatchObject({ device: { id: 'printer', state: 'unavailable', code: 'MEDIA_EMPTY' } });
  });

  it('carries out an operator command and answers on cmd-result with its id', async () => {
    const code = await ops.publish(`passage/v1/${site}/kiosk-a/cmd/out-of-service`, { id: 'c-oos-1', by: 'ops' });
    expect(code).toBe(0);
    const result = await ops.waitFor((m) => m.topic.endsWith('kiosk-a/cmd-result') && m.json.id === 'c-oos-1', 5_000, 'command result');
    expect(result.json).toMatchObject({ command: 'out-of-service', outcome: 'done' });
    await ops.waitFor((m) => m.topic === stateTopic('kiosk-a') && m.json.outOfService === true, 5_000, 'out-of-service state');
    expect(kioskA.kiosk.parts().outOfService).toBe(true);
  });

  it('waits for the traveller to finish before taking a busy kiosk out of service', async () => {
    const b = fleet.kiosks[1] as SimulatedFleetKiosk;
    b.kiosk.setActivity('inSession');
    await ops.publish(`passage/v1/${site}/kiosk-b/cmd/out-of-service`, { id: 'c-oos-2', by: 'ops' });
    const accepted = await ops.waitFor((m) => m.json.id === 'c-oos-2' && m.json.outcome === 'accepted', 5_000, 'accepted');
    expect(accepted.json.detail).toContain('idle');
    expect(b.kiosk.parts().outOfService).toBe(false);
    b.kiosk.setActivity('idle');
    await ops.waitFor((m) => m.json.id === 'c-oos-2' && m.json.outcome === 'done', 5_000, 'done at idle');
    expect(b.kiosk.parts().outOfService).toBe(true);
  });

  it('refuses a malformed command and an unknown one, with a reason', async () => {
    await ops.publish(`passage/v1/${site}/kiosk-a/cmd/in-service`, { id: 'bad id with spaces' });
    await ops.waitFor((m) => m.topic.endsWith('/cmd-result') && m.json.id === 'invalid' && m.json.outcome === 'refused', 5_000, 'malformed refused');
    await ops.publish(`passage/v1/${site}/kiosk-a/cmd/self-destruct`, { id: 'c-x' });
    const unknown = await ops.waitFor((m) => m.topic.endsWith('/cmd-result') && m.json.id === 'c-x', 5_000, 'unknown refused');
    expect(unknown.json).toMatchObject({ command: 'unknown', outcome: 'refused' });
  });

  it('lets a viewer watch but not command: the broker refuses the publish', async () => {
    const viewer = await connectWatcher(broker.staffUrl, broker.paths.caCert, { user: 'watch', password: 'watch-secret' });
    try {
      const code = await viewer.publish(`passage/v1/${site}/kiosk-a/cmd/in-service`, { id: 'c-viewer' });
      expect(code).toBe(135); // MQTT 5 reason code 0x87: not authorized
      await new Promise((r) => setTimeout(r, 500));
      expect(ops.received.some((m) => m.json.id === 'c-viewer')).toBe(false);
      expect(kioskA.kiosk.parts().outOfService).toBe(true);
    } finally {
      await viewer.close();
    }
  });

  it('does not let a kiosk publish as another kiosk, nor send commands', async () => {
    const a = await broker.issueKiosk('kiosk-a');
    const impostor = await connectWatcher(broker.kioskUrl, broker.paths.caCert, { certPath: a.certPath, keyPath: a.keyPath, clientId: 'kiosk-a-impostor' });
    try {
      expect(await impostor.publish(stateTopic('kiosk-b'), { v: 1, online: false, kioskId: 'kiosk-b' })).toBe(135);
      expect(await impostor.publish(`passage/v1/${site}/kiosk-b/cmd/restart`, { id: 'c-imp' })).toBe(135);
      await new Promise((r) => setTimeout(r, 500));
      expect(ops.received.some((m) => m.topic === stateTopic('kiosk-b') && m.json.online === false)).toBe(false);
    } finally {
      await impostor.close();
    }
  });

  it('shows a kiosk killed with SIGKILL as offline within 1.5 × its keep-alive (last will)', async () => {
    const creds = await broker.issueKiosk('kiosk-0001');
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'bin/passage.js'), 'fleet', 'sim', '--broker', broker.kioskUrl, '--site', site, '--kiosks', '1', '--ca', creds.caPath, '--certs', broker.paths.dir, '--keepalive', '2'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (c) => (output += String(c)));
    child.stderr.on('data', (c) => (output += String(c)));
    try {
      await ops.waitFor((m) => m.topic === stateTopic('kiosk-0001') && m.json.online === true, 20_000, `kiosk-0001 online (${output})`);
      const killedAt = Date.now();
      child.kill('SIGKILL');
      const will = await ops.waitFor((m) => m.topic === stateTopic('kiosk-0001') && m.json.online === false, 8_000, 'last will');
      expect(will.at - killedAt).toBeLessThanOrEqual(3_000 + 1_000); // 1.5 × 2 s, plus the broker's one-second timer granularity
      expect(will.json).toMatchObject({ kioskId: 'kiosk-0001', site, devices: expect.any(Array) });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 40_000);
});

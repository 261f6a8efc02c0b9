import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mosquittoMissing } from './support/mosquitto.ts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDevBroker, type DevBroker, type KioskCredentials } from '../../electron/fleet/dev-broker.ts';
import { signConfig } from '../../electron/fleet/signed-config.ts';
import { parseConfig, type ConfigInput } from '../../electron/host/config.ts';
import { readAuditEntries } from '../../electron/audit/audit-verify.ts';
import { startHost, type Host } from '../../electron/host/host.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { connectWatcher, type Watcher } from './support/watcher.ts';

/**
 * A configuration pushed by the fleet, end to end on a real broker and a real host: verified, stored, applied
 * by restarting at the next idle moment, confirmed once the kiosk is up — or refused, or rolled back when the
 * kiosk cannot start with it. "Restart" here is what a supervisor does: stop the host and start it again.
 */
const site = 'hotel-city';
let broker: DevBroker;
let ops: Watcher;
let creds: KioskCredentials;
let host: Host | null = null;
const restarts: string[] = [];

const mrz = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'];

function kioskConfig(dataDir: string): ConfigInput {
  return {
    dataDir,
    services: [],
    ocr: { enabled: false },
    log: { level: 'silent' },
    fleet: { url: broker.kioskUrl, site, kioskId: creds.kioskId, caPath: creds.caPath, certPath: creds.certPath, keyPath: creds.keyPath, configKeyPath: broker.fleetKey.publicPath, confirmAfterSeconds: 1, stateDebounceMs: 20 },
  };
}

async function boot(dataDir: string): Promise<Host> {
  host = await startHost(parseConfig(kioskConfig(dataDir)), { logger: silentLogger(), restart: (reason) => restarts.push(reason) });
  return host;
}

function signed(config: Record<string, unknown>, options: { issuedAt?: number; kiosks?: string[]; key?: string } = {}) {
  return signConfig(
    { v: 1, site, kiosks: options.kiosks ?? [creds.kioskId], issuedAt: options.issuedAt ?? Date.now(), config },
    options.key ?? readFileSync(broker.fleetKey.privatePath, 'utf8'),
  );
}

const result = (id: string, outcome: string) => (m: { topic: string; json: Record<string, unknown> }) =>
  m.topic.endsWith('/cmd-result') && m.json.id === id && m.json.outcome === outcome;

beforeAll(async () => {
  if (mosquittoMissing) return;
  broker = await startDevBroker({ dir: mkdtempSync(join(tmpdir(), 'passage-fleet-config-')), staff: [{ user: 'ops', password: 'pw-ops', role: 'operator' }] });
  ops = await connectWatcher(broker.staffUrl, broker.paths.caCert, { user: 'ops', password: 'pw-ops' });
  creds = await broker.issueKiosk('kiosk-h1');
}, 30_000);

beforeEach(() => {
  ops.received.length = 0; // each test waits for what its own kiosk says
});

afterEach(async () => {
  await host?.stop();
  host = null;
  restarts.length = 0;
});

afterAll(async () => {
  await ops?.close();
  await broker?.stop();
});

describe.skipIf(mosquittoMissing)('pushed configuration', () => {
  it('is applied at the next idle moment, by a restart, and confirmed once the kiosk is up with it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'passage-kiosk-'));
    const first = await boot(dataDir);
    const topic = `passage/v1/${site}/${creds.kioskId}`;
    const before = await ops.waitFor((m) => m.topic === `${topic}/state` && m.json.online === true, 10_000, 'kiosk online');
    // A traveller is at the kiosk: the configuration waits.
    await first.simRoutes.find((r) => r.path === '/reader/document')?.handle({ mrz });
    await ops.waitFor((m) => m.topic === `${topic}/state` && m.json.activity === 'inSession', 5_000, 'in session');
    await ops.publish(`${topic}/cmd/config`, { id: 'cfg-1', by: 'ops', signed: signed({ language: { default: 'en' } }) });
    await ops.waitFor(result('cfg-1', 'accepted'), 5_000, 'accepted');
    await new Promise((r) => setTimeout(r, 300));
    expect(restarts).toEqual([]);
    first.session.command({ type: 'cancel' });
    await ops.waitFor((m) => m.topic.endsWith('/cmd-result') && m.json.id === 'cfg-1' && String(m.json.detail).includes('restarting'), 5_000, 'restart at idle');
    await new Promise((r) => setTimeout(r, 50));
    expect(restarts).toEqual(['pushed configuration']);

    await first.stop();
    const second = await boot(dataDir);
    expect(second.config.language.default).toBe('en');
    await ops.waitFor(result('cfg-1', 'done'), 8_000, 'confirmed');
    const after = await ops.waitFor((m) => m.topic === `${topic}/state` && m.json.online === true && m.json.configHash !== before.json.configHash, 5_000, 'new config hash');
    expect(after.json.configHash).toMatch(/^sha256:[0-9a-f]{64}$/);

    // Confirmed: a third start keeps it, with nothing to confirm or roll back.
    await second.stop();
    const third = await boot(dataDir);
    expect(third.config.language.default).toBe('en');

    // Every command and its outcome is in the kiosk's audit trail, under the id the console knows it by.
    const commands = await readAuditEntries(join(dataDir, 'audit'), (r) => r.type === 'fleet.command');
    expect(commands.map((r) => [r.actor, r.data?.command, r.data?.id, r.data?.outcome])).toEqual([
      ['fleet:ops', 'config', 'cfg-1', 'accepted'],
      // Restarting at idle, then confirmed by the kiosk itself once it is up with the new configuration.
      ['fleet:ops', 'config', 'cfg-1', 'accepted'],
      ['fleet:kiosk', 'config', 'cfg-1', 'done'],
    ]);
  }, 60_000);

  it('refuses a configuration with a bad signature, for another kiosk, replayed, or changing the fleet link', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'passage-kiosk-'));
    await boot(dataDir);
    const topic = `passage/v1/${site}/${creds.kioskId}/cmd/config`;
    await ops.waitFor((m) => m.topic.endsWith(`${creds.kioskId}/state`) && m.json.online === true, 10_000, 'online');
    const { generateKeyPairSync } = await import('node:crypto');
    const stranger = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const good = signed({ language: { default: 'en' } });
    const cases: [string, unknown, string][] = [
      ['bad-key', signed({ language: { default: 'en' } }, { key: stranger }), 'signature'],
      ['tampered', { ...good, document: good.document.replace('"en"', '"pt"') }, 'signature'],
      ['other-kiosk', signed({ language: { default: 'en' } }, { kiosks: ['kiosk-zz'] }), 'does not name this kiosk'],
      ['fleet-key', signed({ fleet: { url: 'mqtt://evil:1883' } }), 'may not change fleet'],
      ['invalid', signed({ language: { default: 'xx' } }), 'not valid here'],
    ];
    for (const [id, payload, reason] of cases) {
      await ops.publish(topic, { id, by: 'ops', signed: payload });
      const refused = await ops.waitFor(result(id, 'refused'), 5_000, `${id} refused`);
      expect(refused.json.detail).toContain(reason);
    }
    expect(restarts).toEqual([]);
    // A good one is taken; the same document sent again (a replay) is not newer than the one applied.
    await ops.publish(topic, { id: 'fresh', by: 'ops', signed: good });
    await ops.waitFor(result('fresh', 'accepted'), 5_000, 'fresh accepted');
    await ops.publish(topic, { id: 'replay', by: 'ops', signed: good });
    expect((await ops.waitFor(result('replay', 'refused'), 5_000, 'replay refused')).json.detail).toContain('not newer');
  }, 60_000);

  it('rolls back a configuration the kiosk cannot start with, and says so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'passage-kiosk-'));
    const first = await boot(dataDir);
    const topic = `passage/v1/${site}/${creds.kioskId}`;
    await ops.waitFor((m) => m.topic === `${topic}/state` && m.json.online === true, 10_000, 'online');
    // Valid by the schema, fatal at start: the identity platform's seed file does not exist.
    await ops.publish(`${topic}/cmd/config`, { id: 'cfg-bad', by: 'ops', signed: signed({ platform: { simulator: { seedFile: '/nonexistent/seed.json' } } }) });
    await ops.waitFor(result('cfg-bad', 'accepted'), 5_000, 'accepted');
    await first.stop();
    host = null;
    await expect(boot(dataDir)).rejects.toThrow(/seed/);
    host = null;
    const third = await boot(dataDir);
    expect(third.config.platform.simulator.seedFile).toBeUndefined();
    const rolledBack = await ops.waitFor(result('cfg-bad', 'rolledBack'), 8_000, 'rolled back');
    expect(rolledBack.json.detail).toContain('did not come up');
  }, 60_000);
});

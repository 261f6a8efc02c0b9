import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorCommand } from '../../electron/cli/doctor-command.ts';
import { mrzFontFamily, uiFontFamilies, type CheckResult, type DoctorDeps } from '../../electron/cli/doctor-checks.ts';
import { parseFontStack } from '../e2e/support/glyphs.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { openOutbox } from '../../electron/store/outbox.ts';
import { platformConfigSchema } from '../../electron/platform/platform-config.ts';
import { FakeEscPosDevice } from '../printer/fake-escpos-device.ts';
import { keyIds } from '../../electron/platform/sim/dev-pki.ts';
import { startPlatformSimulator, type StartedPlatformSimulator } from '../../electron/platform/sim/start-platform-simulator.ts';
import type { PcscBinding } from '../../drivers/chip/pcsc/pcsc-chip-reader.ts';
import { startDevBroker } from '../../electron/fleet/dev-broker.ts';
import { mosquittoMissing } from '../fleet/support/mosquitto.ts';

const dir = mkdtempSync(join(tmpdir(), 'passage-doctor-'));
const root = resolve(import.meta.dirname, '../..');
let sim: StartedPlatformSimulator;
/** A loopback port nothing listens on (fetch refuses well-known ports such as 9 outright). */
let closedPort: number;

beforeAll(async () => {
  sim = await startPlatformSimulator({ dataDir: join(dir, 'sim'), logger: silentLogger() });
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((done) => probe.close(done));
}, 30_000);
afterAll(async () => {
  await sim.close();
});

const emptyTrustStore = join(dir, 'csca-empty');
mkdirSync(emptyTrustStore);

const healthy: DoctorDeps = { fonts: [...uiFontFamilies, mrzFontFamily], nodeModules: join(root, 'node_modules'), timeoutMs: 3_000 };

async function doctor(config: unknown, deps: Partial<DoctorDeps> = {}, json = true): Promise<{ status: number; out: string; checks: CheckResult[] }> {
  const file = join(dir, `kiosk-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c) => (out += String(c)));
  const status = await doctorCommand(() => ({ ...healthy, ...deps })).run([...(json ? ['--json'] : []), '--config', file], { stdout, stderr: new PassThrough(), stdin: new PassThrough() });
  return { status, out, checks: json ? (JSON.parse(out) as { checks: CheckResult[] }).checks : [] };
}

/** A PC/SC binding: the service down, or up with one reader of this name and no card. */
function fakePcsc(reader: string | null): () => Promise<PcscBinding> {
  return async () => ({
    createContext: () => {
      if (reader === null) throw new Error('PC/SC service not running');
      return {
        listReaders: () => [{ name: reader, connect: async () => Promise.reject(new Error('no card')) }],
        waitForChange: (_readers, timeout) => new Promise((done) => setTimeout(() => done([]), Math.min(timeout, 20))),
        cancel: () => {},
        close: () => {},
      };
    },
    SCARD_SHARE_SHARED: 2, SCARD_PROTOCOL_T0: 1, SCARD_PROTOCOL_T1: 2, SCARD_RESET_CARD: 1, SCARD_STATE_PRESENT: 0x20, SCARD_STATE_MUTE: 0x200, SCARD_STATE_CHANGED: 0x2,
  });
}

const statusOf = (checks: CheckResult[], name: string) => checks.find((c) => c.check === name);

function secret(name: string, value: string | Buffer, mode = 0o600): { file: string } {
  const file = join(dir, name);
  writeFileSync(file, value, { mode });
  return { file };
}

/** A real kiosk against the running platform simulator, everything else real and unreachable or absent. */
function realKiosk(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const c = sim.connection(platformConfigSchema.parse({}));
  return {
    mode: 'real',
    dataDir: join(dir, 'data'),
    services: ['checkIn'],
    devices: { readers: [{ id: 'mrz', kind: 'serial', profile: 'access-is', path: '/dev/passage-no-such-reader' }], scanners: [] },
    printers: { receipt: { mode: 'escpos', path: '/dev/null' }, bagTag: { mode: 'escpos', path: '/dev/null' } },
    platform: {
      mode: 'real', baseUrl: c.baseUrl, caPath: c.caPath, clientCertPath: c.clientCertPath, clientKeyPath: c.clientKeyPath,
      platformPublicKeyPath: c.platformPublicKeyPath, keyId: keyIds.client['ecdsa-p256'],
    },
    airport: { dcs: { mode: 'real', baseUrl: 'https://127.0.0.1:9', apiKey: secret('dcs-key', 'k') } },
    audit: { key: secret('audit-key', 'k'.repeat(32)) },
    ...overrides,
  };
}

describe('passage doctor', { timeout: 30_000 }, () => {
  it('keeps its font list in step with the families the UI stylesheet names', () => {
    const css = readFileSync(join(root, 'renderer/src/styles.css'), 'utf8');
    const named = new Set([...css.matchAll(/font-family:\s*([^;]+);/g)].flatMap((m) => parseFontStack(m[1] as string)).filter((f) => !['sans-serif', 'monospace', 'serif'].includes(f)));
    expect(new Set(uiFontFamilies)).toEqual(named);
  });

  it('finds nothing wrong with the simulated defaults on this machine', async () => {
    const r = await doctor({ dataDir: join(dir, 'sim-data') }, {}, false);
    expect(r.out).toContain('no failures');
    expect(r.status).toBe(0);
  });

  it('reaches the platform over mutual TLS with the configured certificates and measures the clock against it', async () => {
    const printer = new FakeEscPosDevice('/dev/ttyPRN-doctor-ok');
    const r = await doctor(realKiosk(), { printerTransport: () => printer.transport() });
    expect(statusOf(r.checks, 'platform')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/TLS with the kiosk's certificate, answered HTTP \d+/) });
    expect(statusOf(r.checks, 'clock skew')).toMatchObject({ status: 'ok' });
    expect(statusOf(r.checks, 'secret audit.key')).toMatchObject({ status: 'ok' });
    // No `passage staff add` yet: the panel cannot be opened, which a technician should hear about before opening.
    expect(statusOf(r.checks, 'staff accounts')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^none in .*accounts\.json/) });
    expect(statusOf(r.checks, 'printer receipt')).toMatchObject({ status: 'ok', detail: '/dev/null answers: ready' });
  });

  it('finds each seeded fault, names it, and exits 1', async () => {
    // The outbox file was made under another key.
    const outboxPath = join(dir, 'outbox.db');
    const made = openOutbox({ path: outboxPath, key: Buffer.alloc(32, 9), parse: (j) => j, deliver: async () => ({ kind: 'acknowledged', receipt: 'r' }), summarize: () => null, clock: { now: Date.now, setTimeout: () => 0, clearTimeout: () => undefined }, logger: silentLogger() });
    if (made.ok) await made.outbox.close();
    const config = realKiosk({
      services: ['checkIn', 'hotel'],
      allowSimulated: ['hotel.pms', 'hotel.police', 'hotel.keyEncoder', 'hotel.payment'],
      airport: { dcs: { mode: 'real', baseUrl: `https://127.0.0.1:${closedPort}`, apiKey: secret('open-dcs-key', 'k', 0o644) } },
      hotel: { outbox: { key: secret('outbox-key', Buffer.alloc(32, 1)), path: outboxPath, minFreeMb: 500 } },
      audit: { key: secret('short-audit-key', 'too short') },
      // A trust store with nothing in it, and the PC/SC service down.
      chip: { policy: 'required', trustStore: emptyTrustStore },
      // The fleet broker is not listening.
      fleet: { url: `mqtts://127.0.0.1:${closedPort}`, site: 'site-1', kioskId: 'kiosk-1', caPath: sim.connection(platformConfigSchema.parse({})).caPath, certPath: sim.connection(platformConfigSchema.parse({})).clientCertPath, keyPath: sim.connection(platformConfigSchema.parse({})).clientKeyPath },
    });
    const printer = new FakeEscPosDevice('/dev/ttyPRN-doctor-empty');
    printer.paper = false;
    const r = await doctor(config, {
      pcsc: fakePcsc(null),
      printerTransport: () => printer.transport(),
      fonts: [...healthy.fonts, 'Passage Missing Font'],
      ldd: async (path) => (path.endsWith('better_sqlite3.node') ? '\tlibpassage-missing.so.1 => not found\n' : ''),
      clock: { now: () => Date.now() + 10 * 60_000, setTimeout, clearTimeout } as never,
      freeSpace: () => 100 * 1_048_576,
    });
    expect(r.status).toBe(1);
    const failed = Object.fromEntries(r.checks.filter((c) => c.status === 'fail').map((c) => [c.check, c.detail]));
    expect(failed).toEqual({
      'secret airport.dcs.apiKey': expect.stringMatching(/open-dcs-key: readable by others \(mode 644\)/),
      'font Passage Missing Font': expect.stringMatching(/not installed/),
      'native libraries': expect.stringMatching(/better_sqlite3\.node needs libpassage-missing\.so\.1/),
      'reader mrz': '/dev/passage-no-such-reader does not exist (not connected?)',
      'printer receipt': expect.stringMatching(/^\/dev\/null: .*paper.* \(MEDIA_EMPTY\)$/),
      'printer bagTag': expect.stringMatching(/\(MEDIA_EMPTY\)$/),
      'clock skew': expect.stringMatching(/^60[01] s against the platform \(more than 60 s/), // the Date header has whole seconds
      'airport.dcs': `https://127.0.0.1:${closedPort}: ECONNREFUSED`,
      'free disk': expect.stringMatching(/100 MB free in .*, below hotel\.outbox\.minFreeMb \(500 MB\)/),
      outbox: expect.stringMatching(/outbox\.db: the outbox key does not open this outbox/),
      'secret audit.key': expect.stringMatching(/short-audit-key.*: shorter than 32 bytes/),
      'chip trust store': expect.stringMatching(/: 0 CSCA certificate\(s\), 0 CRL\(s\): no CSCA to trust$/),
      'chip reader': expect.stringMatching(/PC\/SC service not reachable: PC\/SC service not running/),
      'fleet broker': expect.stringMatching(new RegExp(`^mqtts://127\\.0\\.0\\.1:${closedPort}: .*ECONNREFUSED`)),
    });
  });

  it('names an unusable configuration and a platform it cannot reach', async () => {
    const bad = await doctor('{ "mode": "real", "sesion": {} }');
    expect(bad.status).toBe(1);
    expect(statusOf(bad.checks, 'configuration')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/unknown key 'sesion'/) });
    const unreachable = realKiosk();
    (unreachable.platform as Record<string, unknown>).baseUrl = 'https://127.0.0.1:9';
    const r = await doctor(unreachable);
    expect(statusOf(r.checks, 'platform')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^https:\/\/127\.0\.0\.1:9: network/) });
  });

  it('fails a real kiosk without the audit key, which would refuse to start', async () => {
    const r = await doctor(realKiosk({ audit: {} }), { printerTransport: () => new FakeEscPosDevice('/dev/ttyPRN-doctor-audit').transport() });
    expect(statusOf(r.checks, 'secret audit.key')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^not set: a real kiosk does not start without the audit key/) });
    expect(r.status).toBe(1);
  });

  it('finds the PC/SC reader by its configured name, and fails when only another reader is attached', async () => {
    const trustStore = join(dir, 'csca');
    mkdirSync(trustStore, { recursive: true });
    writeFileSync(join(trustStore, 'csca.pem'), readFileSync(sim.connection(platformConfigSchema.parse({})).caPath));
    const config = realKiosk({ chip: { policy: 'preferred', trustStore, readerName: 'Contactless' } });
    const deps = { printerTransport: () => new FakeEscPosDevice('/dev/ttyPRN-doctor-chip').transport() };
    const found = await doctor(config, { ...deps, pcsc: fakePcsc('Kiosk Contactless 00') });
    expect(statusOf(found.checks, 'chip trust store')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/: 1 CSCA certificate\(s\)/) });
    expect(statusOf(found.checks, 'chip reader')).toMatchObject({ status: 'ok', detail: "a reader named like 'Contactless': attached through PC/SC" });
    const other = await doctor(config, { ...deps, pcsc: fakePcsc('Office Keyboard Reader') });
    expect(statusOf(other.checks, 'chip reader')).toMatchObject({ status: 'fail', detail: "a reader named like 'Contactless': no contactless reader attached" });
  });

  it.skipIf(mosquittoMissing)('connects to the fleet broker with the kiosk\'s client certificate, and fails with one the broker does not trust', async () => {
    const broker = await startDevBroker({ dir: join(dir, 'broker'), staff: [] });
    try {
      const kiosk = await broker.issueKiosk('kiosk-1');
      const fleet = { url: broker.kioskUrl, site: 'site-1', kioskId: 'kiosk-1', caPath: kiosk.caPath, certPath: kiosk.certPath, keyPath: kiosk.keyPath };
      const deps = { printerTransport: () => new FakeEscPosDevice('/dev/ttyPRN-doctor-fleet').transport() };
      const r = await doctor(realKiosk({ fleet }), deps);
      expect(statusOf(r.checks, 'fleet broker')).toMatchObject({ status: 'ok', detail: `${broker.kioskUrl}: connected over TLS with the kiosk's client certificate` });
      // The platform's client certificate comes from another CA: the broker refuses it.
      const c = sim.connection(platformConfigSchema.parse({}));
      const stranger = await doctor(realKiosk({ fleet: { ...fleet, certPath: c.clientCertPath, keyPath: c.clientKeyPath } }), deps);
      expect(statusOf(stranger.checks, 'fleet broker')).toMatchObject({ status: 'fail', detail: expect.stringMatching(new RegExp(`^${broker.kioskUrl.replace(/\./g, '\\.')}: `)) });
    } finally {
      await broker.stop();
    }
  });
});

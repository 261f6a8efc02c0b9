import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ZodType } from 'zod';
import { describe, expect, it } from 'vitest';
import { configSchema, parseConfig, type ConfigInput, type KioskConfig } from '../../electron/host/config.ts';
import { startHost } from '../../electron/host/host.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { ensureDevPki, keyIds } from '../../electron/platform/sim/dev-pki.ts';

/**
 * A configuration key that is accepted must do something: a venue that sets it expects an effect. This test
 * starts the host with configurations that set every key (each variant of each union once), records which keys
 * the code reads, and fails on a key of the schema that nothing reads.
 */

/** Every key path of a zod schema: `a.b`, array elements as `a[].b`, union variants merged. */
function keyPaths(schema: ZodType, path = '', out = new Set<string>()): Set<string> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const at = (key: string) => (path ? `${path}.${key}` : key);
  switch (def.type) {
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, ZodType>)) {
        out.add(at(key));
        keyPaths(value, at(key), out);
      }
      break;
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
      keyPaths(def.innerType as ZodType, path, out);
      break;
    case 'pipe':
      keyPaths(def.in as ZodType, path, out);
      break;
    case 'array':
      keyPaths(def.element as ZodType, `${path}[]`, out);
      break;
    case 'union':
      for (const option of def.options as ZodType[]) keyPaths(option, path, out);
      break;
  }
  return out;
}

/** A deep read-only view of `value` that records the path of every property read. */
function recordingReads<T>(value: T, reads: Set<string>, path = ''): T {
  if (typeof value !== 'object' || value === null) return value;
  return new Proxy(value as object, {
    get(target, key, receiver) {
      const child = Reflect.get(target, key, receiver) as unknown;
      // Hashing the whole configuration (the fleet's and the audit trail's config hash) visits every key
      // without using any: those visits do not count.
      if (/\bcanonicalJson\b/.test(new Error().stack ?? '')) return child;
      if (typeof key !== 'string' || !(key in target) && !Array.isArray(target) && typeof child === 'function') return child;
      if (Array.isArray(target)) {
        if (!/^\d+$/.test(key)) return typeof child === 'function' ? child.bind(receiver) : child;
        return recordingReads(child, reads, `${path}[]`);
      }
      const at = path ? `${path}.${key}` : key;
      reads.add(at);
      return recordingReads(child, reads, at);
    },
    set() {
      throw new Error('the host must not change its configuration');
    },
  }) as T;
}

async function readsOfHostStart(input: ConfigInput): Promise<Set<string>> {
  const reads = new Set<string>();
  const config: KioskConfig = recordingReads(parseConfig(input), reads);
  const host = await startHost(config, { logger: silentLogger() });
  await host.stop();
  return reads;
}

const readers: NonNullable<NonNullable<ConfigInput['devices']>['readers']> = [
  { id: 'sim-reader', kind: 'simulated' },
  { id: 'serial-reader', kind: 'serial', profile: 'desko-cute', path: '/dev/null-passage-reader', baud: 9600, dataBits: 8, parity: 'none', stopBits: 1, timeoutMs: 500, maxFrameBytes: 4096, sod: 2, eod: 3 },
  { id: 'usb-serial-reader', kind: 'serial', profile: 'access-is', vid: '0x0db5', pid: '0x0160' },
  { id: 'hid-reader', kind: 'hid', vid: 0x0a5c, pid: 0x5000, profile: 'access-is', sendEnable: true },
];
const scanners: NonNullable<NonNullable<ConfigInput['devices']>['scanners']> = [
  { id: 'sim-scanner', kind: 'simulated' },
  { id: 'serial-scanner', kind: 'serial', profile: 'lines', path: '/dev/null-passage-scanner', baud: 9600, dataBits: 8, parity: 'none', stopBits: 1, timeoutMs: 500, maxFrameBytes: 4096, sod: 2, eod: 3 },
  { id: 'usb-serial-scanner', kind: 'serial', vid: '0c2e', pid: '0b61' },
  { id: 'hid-scanner', kind: 'hid', vid: 0x0c2e, pid: 0x0b61, profile: 'hid-pos' },
];
const escpos = { mode: 'escpos', path: '/dev/null-passage-printer', baudRate: 9600, columns: 48, widthDots: 576, statusTimeoutMs: 500, pollMs: 2000 } as const;

describe('configuration keys', () => {
  it('lists the keys of the schema (the check cannot pass vacuously)', () => {
    const keys = keyPaths(configSchema);
    expect(keys.size).toBeGreaterThan(100);
    expect(keys).toContain('devices.readers[].sod');
    expect(keys).toContain('printers.bagTag.widthPx');
    expect(keys).toContain('hotel.outbox.retry.maxDelayMs');
  });

  it('records reads through nested objects and arrays', () => {
    const reads = new Set<string>();
    const view = recordingReads({ a: { b: [{ c: 1 }, { d: 2 }] }, e: 3 }, reads);
    expect(view.a.b.map((x) => ('c' in x ? x.c : 0))).toEqual([1, 0]);
    expect(reads).toEqual(new Set(['a', 'a.b', 'a.b[].c']));
  });

  it('every key is read by the host that the configuration starts', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'passage-config-keys-'));
    const pki = (await ensureDevPki(join(dataDir, 'pki'))).paths;
    writeFileSync(join(dataDir, 'fleet-config-key.pem'), generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const trustDir = join(dataDir, 'csca');
    mkdirSync(trustDir);
    copyFileSync(pki.caCert, join(trustDir, 'csca.pem'));
    const auditKey = join(dataDir, 'audit-key');
    writeFileSync(auditKey, 'k'.repeat(32), { mode: 0o600 });
    const simulated: ConfigInput = {
      mode: 'simulated',
      language: { default: 'en' },
      services: ['checkIn', 'hotel'],
      session: { idleTimeoutSeconds: 60, idleWarningSeconds: 15 },
      browser: { port: 0 },
      simulation: { controlPort: 0 },
      dataDir,
      devices: { readers, scanners },
      platform: { simulator: { port: 0, seedFile: join(import.meta.dirname, '../../electron/platform/sim/seed.json') } },
      verifyHolders: true,
      ocr: { enabled: false },
      printers: { receipt: escpos, bagTag: { mode: 'preview', widthPx: 576 } },
      airport: { dcs: { simulator: { port: 0 } }, requireVerification: true, reprintDelayMs: 1000, maxAutoReprints: 1 },
      hotel: { pms: { mode: 'simulated' }, outbox: { key: 'ab'.repeat(32), path: join(dataDir, 'outbox.db') } },
      maintenance: { consumables: { paper: { capacity: 300, low: 30 }, keyCards: { capacity: 100, low: 10 } } },
      audit: { key: { file: auditKey }, rotateBytes: 1024 * 1024 },
      log: { level: 'silent' },
      // Nothing listens on port 9: the agent keeps retrying in the background, which is all a start needs.
      fleet: {
        url: 'mqtt://127.0.0.1:9',
        site: 'site-1',
        kioskId: 'kiosk-1',
        configKeyPath: join(dataDir, 'fleet-config-key.pem'),
        keepAliveSeconds: 30,
        outboxLimit: 100,
        confirmAfterSeconds: 30,
        stateDebounceMs: 250,
        reconnect: { minMs: 1000, maxMs: 60_000 },
      },
      metrics: { port: 0 },
      chip: { policy: 'preferred', waitForCardSeconds: 3 },
    };
    const real: ConfigInput = {
      ...simulated,
      mode: 'real',
      // A CA certificate stands in for the venue's CSCA: the trust store must hold one for a real kiosk to start.
      chip: { policy: 'required', trustStore: trustDir, readerName: 'Contactless', waitForCardSeconds: 2 },
      fleet: { url: 'mqtts://127.0.0.1:9', site: 'site-1', kioskId: 'kiosk-1', caPath: pki.caCert, certPath: pki.clientCert, keyPath: pki.clientKey },
      // Its own data directory: its audit log is sealed with another key than the simulated kiosk's.
      dataDir: join(dataDir, 'real'),
      audit: { key: { credential: 'audit-key' }, rotateBytes: 1024 * 1024 },
      platform: {
        mode: 'real',
        baseUrl: 'https://127.0.0.1:9',
        caPath: pki.caCert,
        clientCertPath: pki.clientCert,
        clientKeyPath: pki.clientKey,
        signer: 'ecdsa-p256',
        signingKeyPath: pki.clientKey,
        keyId: keyIds.client['ecdsa-p256'],
        platformPublicKeyPath: pki.platformEcdsaPublic,
        timeouts: { connectMs: 500, totalMs: 1000 },
        breaker: { failureThreshold: 3, openMs: 1000, maxOpenMs: 2000 },
      },
      ocr: { enabled: true, modelDir: join(import.meta.dirname, '../../drivers/ocr/model') },
      printers: { receipt: { mode: 'preview' }, bagTag: escpos },
      airport: { dcs: { mode: 'real', baseUrl: 'https://127.0.0.1:9', timeoutMs: 500, retries: 0, apiKey: 'key' } },
      hotel: {
        hotelId: 'H1',
        timeZone: 'Asia/Macau',
        kioskId: 'K1',
        pms: { mode: 'real', baseUrl: 'https://127.0.0.1:9', appKey: 'app', timeoutMs: 500 },
        police: { mode: 'real', baseUrl: 'https://127.0.0.1:9', apiKey: 'key', timeoutMs: 500 },
        outbox: { key: 'ab'.repeat(32), path: join(dataDir, 'outbox-real.db'), alertAfterMinutes: { overseas: 60, mainland: 30 }, retry: { initialDelayMs: 1000, maxDelayMs: 2000 } },
        keyEncoder: { mode: 'simulated', encoderId: 'E1', cardStock: 10, defaultKeys: 1 },
        payment: { mode: 'simulated', timeoutMs: 5000 },
        flow: { requireVerification: true, faceCheck: true, maxKeys: 2 },
      },
    };
    const credentials = process.env.CREDENTIALS_DIRECTORY;
    process.env.CREDENTIALS_DIRECTORY = dataDir; // the real kiosk's audit key as a systemd credential
    const reads = new Set<string>();
    try {
      for (const key of [...(await readsOfHostStart(simulated)), ...(await readsOfHostStart(real))]) reads.add(key);
    } finally {
      if (credentials === undefined) delete process.env.CREDENTIALS_DIRECTORY;
      else process.env.CREDENTIALS_DIRECTORY = credentials;
    }
    // Read outside the host, by the start command and the Electron main process.
    for (const key of ['browser', 'browser.port', 'simulation', 'simulation.controlPort', 'log', 'log.level']) reads.add(key);
    const unread = [...keyPaths(configSchema)].filter((key) => !reads.has(key));
    expect(unread).toEqual([]);
  });
});

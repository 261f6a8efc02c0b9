import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.ts';
import { ConfigError, loadConfig, parseConfig, type ConfigInput } from '../../electron/host/config.ts';
import { startHost } from '../../electron/host/host.ts';
import { isInstalledKiosk } from '../../electron/host/installed-kiosk.ts';
import { simulatedParts } from '../../electron/host/simulated-parts.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { fileAccountStore } from '../../electron/staff/account-store.ts';
import { developmentKeyFile } from '../../electron/audit/audit-key.ts';
import { ensureDevPki } from '../../electron/platform/sim/dev-pki.ts';
import { startChipStep } from '../../electron/chip/chip-step.ts';
import { systemClock } from '../../drivers/clock.ts';
import { untilState } from '../support/session-state.ts';

const dir = mkdtempSync(join(tmpdir(), 'passage-fail-closed-'));

function secretFile(name: string, contents: string): string {
  const path = join(dir, name);
  writeFileSync(path, contents);
  chmodSync(path, 0o600);
  return path;
}

/** A real kiosk whose every part is real: serial reader, no scanner, ESC/POS printers, real back-ends. */
const allReal: ConfigInput = {
  mode: 'real',
  services: ['checkIn'],
  verifyHolders: false,
  devices: { readers: [{ id: 'mrz', kind: 'serial', profile: 'access-is', path: '/dev/ttyUSB0' }], scanners: [] },
  printers: { receipt: { mode: 'escpos', path: '/dev/ttyUSB1' }, bagTag: { mode: 'escpos', path: '/dev/ttyUSB2' } },
  airport: { dcs: { mode: 'real', baseUrl: 'https://dcs.example' }, requireVerification: false },
};

describe('fail closed: a real kiosk runs no simulator it was not told to', { timeout: 30_000 }, () => {
  it('refuses a real configuration that leaves parts simulated, naming each in one message', () => {
    const error = (() => {
      try {
        parseConfig({ mode: 'real' }, 'kiosk.json');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      'kiosk.json: mode is real but these parts are simulated: platform, airport.dcs, hotel.pms, hotel.police, hotel.keyEncoder, ' +
        'hotel.payment, devices.readers.reader, devices.scanners.scanner, printers.receipt, printers.bagTag (configure them, or name each in allowSimulated)',
    );
  });

  it('starts a real configuration once every simulated part is named in allowSimulated, and only then', () => {
    expect(parseConfig(allReal).mode).toBe('real');
    const withSimScanner: ConfigInput = { ...allReal, devices: { ...allReal.devices, scanners: [{ id: 'gate', kind: 'simulated' }] } };
    expect(() => parseConfig(withSimScanner)).toThrow(/simulated: devices\.scanners\.gate \(/);
    expect(parseConfig({ ...withSimScanner, allowSimulated: ['devices.scanners.gate'] }).allowSimulated).toEqual(['devices.scanners.gate']);
    // A preview printer draws pictures: on a real kiosk it is as simulated as the simulator.
    expect(() => parseConfig({ ...allReal, printers: { ...allReal.printers, receipt: { mode: 'preview' } } })).toThrow(/simulated: printers\.receipt \(/);
  });

  it('refuses a name in allowSimulated that is no part', () => {
    expect(() => parseConfig({ ...allReal, allowSimulated: ['hotel.minibar'] })).toThrow(/'allowSimulated\.0': a part/);
  });

  it('counts only the parts the configured kiosk uses', () => {
    expect(simulatedParts(parseConfig({ services: [], verifyHolders: false, devices: { readers: [], scanners: [] } }))).toEqual([]);
    expect(simulatedParts(parseConfig({ services: ['hotel'], verifyHolders: false, devices: { readers: [], scanners: [] } }))).toEqual([
      'hotel.pms', 'hotel.police', 'hotel.keyEncoder', 'hotel.payment', 'printers.receipt',
    ]);
  });

  it('refuses a secret written into a real configuration, naming the key; a simulated one may carry it', () => {
    expect(() => parseConfig({ ...allReal, airport: { dcs: { mode: 'real', baseUrl: 'https://dcs.example', apiKey: 'k' } } })).toThrow(
      /'airport\.dcs\.apiKey': a real kiosk reads secrets from a file or a systemd credential/,
    );
    expect(parseConfig({ ...allReal, airport: { dcs: { mode: 'real', baseUrl: 'https://dcs.example', apiKey: { credential: 'dcs-key' } } } }).airport.dcs.apiKey).toEqual({
      credential: 'dcs-key',
    });
    expect(parseConfig({ airport: { dcs: { apiKey: 'k' } } }).airport.dcs.apiKey).toBe('k');
    // The audit key is a reference on every kiosk: a simulated one without it makes a development key instead.
    expect(() => parseConfig({ audit: { key: 'k'.repeat(32) } })).toThrow(/'audit\.key'/);
  });

  it('refuses plain MQTT to the fleet broker on a real kiosk', () => {
    const fleet = { url: 'mqtt://broker.example:1883', site: 'site-1', kioskId: 'kiosk-1' };
    expect(() => parseConfig({ ...allReal, fleet })).toThrow(/'fleet\.url': a real kiosk connects with mqtts:\/\/ only/);
    expect(parseConfig({ fleet }).fleet?.url).toBe(fleet.url);
  });

  it('names the chip reader as simulated on a simulated kiosk that reads chips, and never on a real one', () => {
    expect(simulatedParts(parseConfig({ services: [], verifyHolders: false, devices: { readers: [], scanners: [] }, chip: { policy: 'preferred' } }))).toEqual(['chip']);
    expect(simulatedParts(parseConfig({ services: [], verifyHolders: false, devices: { readers: [], scanners: [] } }))).toEqual([]);
    expect(simulatedParts(parseConfig({ ...allReal, chip: { policy: 'required', trustStore: '/etc/passage/csca' } }))).toEqual([]);
  });

  it('an installed kiosk without a configuration refuses to start instead of running simulated', async () => {
    await expect(loadConfig(undefined, { installed: true })).rejects.toThrow(/no configuration: an installed kiosk needs one/);
    expect((await loadConfig(undefined, { installed: false })).mode).toBe('simulated');
  });

  it('knows an installed kiosk by PASSAGE_INSTALLED=1 or by a packaged Electron app', () => {
    const node = { versions: { ...process.versions, electron: undefined } } as never;
    expect(isInstalledKiosk({ PASSAGE_INSTALLED: '1' }, node)).toBe(true);
    expect(isInstalledKiosk({}, node)).toBe(false);
    expect(isInstalledKiosk({ PASSAGE_INSTALLED: '0' }, node)).toBe(false);
    const electron = { ...process.versions, electron: '45.5.0' };
    expect(isInstalledKiosk({}, { versions: electron, defaultApp: true })).toBe(false); // `electron .` in a checkout
    expect(isInstalledKiosk({}, { versions: electron })).toBe(true);
  });

  it('passage start refuses it with one passage: line and status 2', async () => {
    const file = join(dir, 'real.json');
    writeFileSync(file, JSON.stringify({ ...allReal, devices: { readers: [{ id: 'desk', kind: 'simulated' }], scanners: [] } }));
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c) => (err += String(c)));
    const status = await main(['start', '--browser', '--port', '0', '--config', file], { stdout: new PassThrough(), stderr, stdin: new PassThrough() });
    expect(status).toBe(2);
    expect(err.trim().split('\n')).toEqual([`passage: ${file}: mode is real but these parts are simulated: devices.readers.desk (configure them, or name each in allowSimulated)`]);
  });

  it('passage start without a configuration on an installed kiosk refuses with status 2', async () => {
    const before = process.env.PASSAGE_INSTALLED;
    const config = process.env.PASSAGE_CONFIG;
    process.env.PASSAGE_INSTALLED = '1';
    delete process.env.PASSAGE_CONFIG;
    try {
      const stderr = new PassThrough();
      let err = '';
      stderr.on('data', (c) => (err += String(c)));
      const status = await main(['start', '--browser', '--port', '0'], { stdout: new PassThrough(), stderr, stdin: new PassThrough() });
      expect(status).toBe(2);
      expect(err).toMatch(/^passage: no configuration: an installed kiosk needs one/);
    } finally {
      if (before === undefined) delete process.env.PASSAGE_INSTALLED;
      else process.env.PASSAGE_INSTALLED = before;
      if (config !== undefined) process.env.PASSAGE_CONFIG = config;
    }
  });
});

describe('the simulated badge, staff accounts and the audit key', { timeout: 30_000 }, () => {
  const auditKey = () => ({ file: secretFile('audit-key', 'k'.repeat(32)) });

  it('the state lists every simulated part, also on a real kiosk that allows them', async () => {
    const config = parseConfig({
      ...allReal,
      services: [],
      dataDir: join(dir, 'data-badge'),
      ocr: { enabled: false },
      devices: { readers: [{ id: 'desk', kind: 'simulated' }], scanners: [] },
      allowSimulated: ['devices.readers.desk'],
      audit: { key: auditKey() },
    });
    const host = await startHost(config, { logger: silentLogger() });
    try {
      expect(host.session.state()).toMatchObject({ mode: 'real', simulatedParts: ['devices.readers.desk'] });
    } finally {
      await host.stop();
    }
  });

  it('a real kiosk seeds no demonstration staff accounts and makes no development audit key', async () => {
    const dataDir = join(dir, 'data-staff-real');
    const config = parseConfig({ ...allReal, services: [], dataDir, ocr: { enabled: false }, devices: { readers: [], scanners: [] }, audit: { key: auditKey() } });
    const host = await startHost(config, { logger: silentLogger() });
    try {
      expect(await fileAccountStore(join(dataDir, 'staff', 'accounts.json')).load()).toEqual([]);
      expect(existsSync(join(dataDir, developmentKeyFile))).toBe(false);
      host.session.command({ type: 'maintenance', action: { type: 'open' } });
      // Opening asks the account store, in the background.
      await untilState(host.session, (s) => s.maintenance !== null, 'the staff login');
      // The login says no account exists yet (`passage staff add` makes the first), so the published PINs open nothing.
      expect(host.session.state().maintenance).toMatchObject({ step: 'login', noAccounts: true });
    } finally {
      await host.stop();
    }
  });

  it('a real kiosk without audit.key refuses to start, naming the key', async () => {
    const config = parseConfig({ ...allReal, services: [], dataDir: join(dir, 'data-no-audit'), ocr: { enabled: false }, devices: { readers: [], scanners: [] } });
    await expect(startHost(config, { logger: silentLogger() })).rejects.toThrow(/^audit\.key is not set: a real kiosk needs/);
  });

  it('a simulated kiosk seeds the demonstration accounts and a development audit key, and shows its simulated chip reader', async () => {
    const dataDir = join(dir, 'data-staff-simulated');
    const config = parseConfig({ services: [], verifyHolders: false, dataDir, ocr: { enabled: false }, devices: { readers: [], scanners: [] }, chip: { policy: 'preferred' }, log: { level: 'silent' } });
    const host = await startHost(config, { logger: silentLogger() });
    try {
      expect((await fileAccountStore(join(dataDir, 'staff', 'accounts.json')).load()).map((a) => a.id)).toEqual(['agent', 'tech', 'admin']);
      expect(existsSync(join(dataDir, developmentKeyFile))).toBe(true);
      expect(host.session.state()).toMatchObject({ mode: 'simulated', simulatedParts: ['chip'] });
    } finally {
      await host.stop();
    }
  });

  it('a real kiosk that reads chips builds the PC/SC reader, never the simulated one with its control routes', async () => {
    const pki = (await ensureDevPki(join(dir, 'pki'))).paths;
    const trustStore = join(dir, 'csca');
    mkdirSync(trustStore, { recursive: true });
    writeFileSync(join(trustStore, 'csca.pem'), readFileSync(pki.caCert));
    const chip = parseConfig({ chip: { policy: 'preferred', trustStore, readerName: 'No Such Reader' } }).chip;
    const deps = { clock: systemClock, logger: silentLogger() };
    const real = await startChipStep(chip, { ...deps, mode: 'real' });
    const simulated = await startChipStep(chip, { ...deps, mode: 'simulated' });
    try {
      expect(real.readChip).toBeDefined();
      expect(real.simRoutes).toEqual([]);
      expect(simulated.simRoutes.length).toBeGreaterThan(0);
    } finally {
      await real.stop();
      await simulated.stop();
    }
  });
});

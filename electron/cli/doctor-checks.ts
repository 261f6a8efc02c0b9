import { execFile } from 'node:child_process';
import { existsSync, statfsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { createAgent, exchange } from '../platform/https-exchange.ts';
import { realConnection } from '../platform/platform-config.ts';
import { readSecret, isSecretRef, describeSecret, type SecretValue } from '../secrets/secrets.ts';
import type { KioskConfig } from '../host/config.ts';
import { findUnresolvedNativeLibraries, type Ldd } from '../host/native-libraries.ts';
import { createBackendFetch, type BackendTls } from '../net/backend-http.ts';
import { openOutbox } from '../store/outbox.ts';
import { parseRecordKey } from '../store/record-cipher.ts';
import { systemClock, type Clock } from '../../drivers/clock.ts';
import { developmentKeyFile, findAuditKey } from '../audit/audit-key.ts';
import { fileAccountStore } from '../staff/account-store.ts';
import { staffPaths } from '../maintenance/staff-services.ts';
import { loadTrustStore } from '../../drivers/chip/trust/load-trust-store.ts';
import { PcscChipReader, type PcscBinding } from '../../drivers/chip/pcsc/pcsc-chip-reader.ts';
import type { HidBackend } from '../../drivers/reader/hid-device.ts';
import { serialTransport, type ByteTransport } from '../../drivers/printer/byte-transport.ts';
import { EscPosPrinter } from '../../drivers/printer/escpos-printer.ts';

/**
 * What `passage doctor` checks before a technician opens a kiosk (docs/deployment.md "passage doctor"). Each
 * check answers ok, a warning, a failure (the kiosk will not work as configured) or skipped (not configured,
 * or simulated); its detail names the file, key, device or host, never a secret's value.
 */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  readonly check: string;
  readonly status: CheckStatus;
  readonly detail: string;
}

export interface DoctorDeps {
  /** Font families the UI's CSS names (renderer/src/styles.css) and the MRZ font. */
  readonly fonts: readonly string[];
  /** Where the app's node_modules are (native add-ons). */
  readonly nodeModules: string;
  readonly ldd?: Ldd;
  readonly hid?: HidBackend;
  readonly clock?: Clock;
  /** Largest clock difference to the platform before it refuses requests (it allows 5 minutes). */
  readonly maxSkewMs?: number;
  readonly timeoutMs?: number;
  readonly freeSpace?: (dir: string) => number | null;
  /** Tests: the byte transport to an ESC/POS printer (default: the serial port at its path). */
  readonly printerTransport?: (path: string, baudRate: number) => ByteTransport;
  /** Tests: the PC/SC binding (default: the `smartcard` package, through pcscd). */
  readonly pcsc?: () => Promise<PcscBinding>;
}

/** The families renderer/src/styles.css names (a test keeps the two in step), and the MRZ font for the OCR. */
export const uiFontFamilies = ['Noto Sans', 'Noto Sans CJK SC', 'Noto Sans CJK TC', 'DejaVu Sans', 'DejaVu Sans Mono'] as const;
export const mrzFontFamily = 'OCR B';

const ok = (check: string, detail: string): CheckResult => ({ check, status: 'ok', detail });
const fail = (check: string, detail: string): CheckResult => ({ check, status: 'fail', detail });
const warn = (check: string, detail: string): CheckResult => ({ check, status: 'warn', detail });
const skip = (check: string, detail: string): CheckResult => ({ check, status: 'skip', detail });

/** Every secret the configuration names, with its key, including key files the platform and back-ends read. */
function configuredSecrets(config: KioskConfig): { key: string; value: SecretValue }[] {
  const found: { key: string; value: SecretValue | undefined }[] = [
    { key: 'hotel.outbox.key', value: config.hotel.outbox.key },
    { key: 'hotel.pms.appKey', value: config.hotel.pms.appKey },
    { key: 'hotel.police.apiKey', value: config.hotel.police.apiKey },
    { key: 'airport.dcs.apiKey', value: config.airport.dcs.apiKey },
    { key: 'airport.dcs.tls.clientKey', value: config.airport.dcs.tls.clientKey },
    { key: 'hotel.pms.tls.clientKey', value: config.hotel.pms.tls.clientKey },
    { key: 'hotel.police.tls.clientKey', value: config.hotel.police.tls.clientKey },
  ];
  if (config.platform.mode === 'real') {
    if (config.platform.clientKeyPath) found.push({ key: 'platform.clientKeyPath', value: { file: config.platform.clientKeyPath } });
    if (config.platform.signingKeyPath) found.push({ key: 'platform.signingKeyPath', value: { file: config.platform.signingKeyPath } });
  }
  if (config.fleet?.keyPath) found.push({ key: 'fleet.keyPath', value: { file: config.fleet.keyPath } });
  return found.filter((s): s is { key: string; value: SecretValue } => s.value !== undefined);
}

export async function checkSecrets(config: KioskConfig, dataDir: string): Promise<CheckResult[]> {
  const secrets = configuredSecrets(config);
  const audit = await checkAuditKey(config, dataDir);
  if (secrets.length === 0) return [audit];
  return [audit, ...(await Promise.all(
    secrets.map(async ({ key, value }) => {
      const check = `secret ${key}`;
      if (!isSecretRef(value)) return config.mode === 'real' ? fail(check, 'written in the configuration') : warn(check, 'written in the configuration (simulated kiosk only)');
      try {
        await readSecret(value);
        return ok(check, `${describeSecret(value)}: readable by the kiosk only`);
      } catch (error) {
        return fail(check, (error as Error).message);
      }
    }),
  ))];
}

/**
 * The audit trail's HMAC key: required on a real kiosk, which refuses to start without it; a simulated kiosk
 * without one makes a development key in its data directory. Read as the kiosk reads it, never created here.
 */
async function checkAuditKey(config: KioskConfig, dataDir: string): Promise<CheckResult> {
  const check = 'secret audit.key';
  const ref = config.audit.key;
  if (!ref) {
    if (config.mode === 'real') return fail(check, 'not set: a real kiosk does not start without the audit key (docs/staff.md "The key")');
    return skip(check, `not set: the simulated kiosk uses a development key (${join(dataDir, developmentKeyFile)})`);
  }
  try {
    await findAuditKey({ ref, dataDir });
    return ok(check, `${describeSecret(ref)}: readable by the kiosk only`);
  } catch (error) {
    return fail(check, (error as Error).message);
  }
}

/**
 * Staff accounts in `<dataDir>/staff/accounts.json`. A real kiosk without an enabled admin can never have its
 * accounts managed on the panel; without any enabled account maintenance mode cannot be opened at all.
 */
export async function checkStaffAccounts(config: KioskConfig, dataDir: string): Promise<CheckResult> {
  const check = 'staff accounts';
  const path = staffPaths(dataDir).accounts;
  let accounts;
  try {
    accounts = (await fileAccountStore(path).load()).filter((a) => !a.disabled);
  } catch (error) {
    return fail(check, (error as Error).message);
  }
  if (accounts.length === 0) {
    if (config.mode === 'simulated') return skip(check, 'none yet: a simulated kiosk makes the demonstration accounts at its first start');
    return warn(check, `none in ${path}: maintenance mode cannot be opened until \`passage staff add\` makes one`);
  }
  const admins = accounts.filter((a) => a.role === 'admin').length;
  const detail = `${accounts.length} enabled, ${admins} admin${admins === 1 ? '' : 's'} (${path})`;
  return admins === 0 ? warn(check, `${detail}: no admin can manage accounts on the panel`) : ok(check, detail);
}

/**
 * The chip step of a real kiosk: a trust store with at least one CSCA (the kiosk refuses to start without one)
 * and the PC/SC reader, asked once as the kiosk asks it at start.
 */
export async function checkChip(config: KioskConfig, deps: Pick<DoctorDeps, 'pcsc'>): Promise<CheckResult[]> {
  const { policy, trustStore, readerName } = config.chip;
  if (policy === 'off') return [skip('chip', 'chip.policy is off')];
  if (config.mode === 'simulated') return [skip('chip', 'simulated')];
  const results: CheckResult[] = [];
  if (!trustStore) {
    results.push(fail('chip trust store', 'chip.trustStore is not set: a real kiosk that reads chips does not start without CSCAs to trust'));
  } else {
    try {
      const loaded = await loadTrustStore(trustStore);
      const rejected = loaded.rejected.length > 0 ? `; ${loaded.rejected.length} file(s) not usable: ${loaded.rejected.map((r) => r.file).join(', ')}` : '';
      const detail = `${trustStore}: ${loaded.store.cscas.length} CSCA certificate(s), ${loaded.store.crls.length} CRL(s)${rejected}`;
      if (loaded.store.cscas.length === 0) results.push(fail('chip trust store', `${detail}: no CSCA to trust`));
      else results.push(rejected ? warn('chip trust store', detail) : ok('chip trust store', detail));
    } catch (error) {
      results.push(fail('chip trust store', `${trustStore}: ${(error as Error).message}`));
    }
  }
  const reader = new PcscChipReader('chip', { ...(readerName ? { readerName } : {}), ...(deps.pcsc ? { binding: deps.pcsc } : {}), pollMs: 200, retryMs: 60_000 });
  try {
    await reader.start();
    const status = reader.status();
    const which = readerName ? `a reader named like '${readerName}'` : 'a reader';
    results.push(status.state === 'unavailable' ? fail('chip reader', `${which}: ${status.reason}`) : ok('chip reader', `${which}: attached through PC/SC`));
  } catch (error) {
    results.push(fail('chip reader', (error as Error).message));
  } finally {
    await reader.stop().catch(() => undefined);
  }
  return results;
}

/**
 * The fleet broker: one MQTT connection with the kiosk's TLS settings and client certificate, under a client id
 * of its own (the kiosk's id would take over the running kiosk's session), closed at once.
 */
export async function checkFleetBroker(config: KioskConfig, deps: Pick<DoctorDeps, 'timeoutMs'>): Promise<CheckResult> {
  const check = 'fleet broker';
  const fleet = config.fleet;
  if (!fleet) return skip(check, 'no fleet configured (standalone kiosk)');
  let tls = {};
  if (fleet.url.startsWith('mqtts:')) {
    try {
      const [ca, cert, key] = await Promise.all([
        readFile(fleet.caPath as string),
        readFile(fleet.certPath as string),
        readSecret({ file: fleet.keyPath as string }),
      ]);
      tls = { ca, cert, key, rejectUnauthorized: true };
    } catch (error) {
      return fail(check, `certificates: ${(error as Error).message}`);
    }
  }
  const timeoutMs = deps.timeoutMs ?? 5_000;
  const { connectAsync } = await import('mqtt');
  try {
    const client = await connectAsync(fleet.url, {
      ...tls,
      protocolVersion: 5,
      clientId: `${fleet.kioskId}-doctor-${process.pid}`,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: timeoutMs,
    });
    await client.endAsync();
    return ok(check, `${fleet.url}: connected${fleet.url.startsWith('mqtts:') ? ' over TLS with the kiosk\'s client certificate' : ''}`);
  } catch (error) {
    return fail(check, `${fleet.url}: ${(error as Error).message}`);
  }
}

export async function checkFonts(deps: Pick<DoctorDeps, 'fonts'>): Promise<CheckResult[]> {
  return Promise.all(
    deps.fonts.map(async (family) => {
      const check = `font ${family}`;
      try {
        const { stdout } = await promisify(execFile)('fc-list', ['--format', '%{family}\n', `:family=${family}`], { encoding: 'utf8' });
        return stdout.trim() ? ok(check, 'installed') : fail(check, 'not installed (see the Debian packages in docs/deployment.md)');
      } catch (error) {
        return fail(check, `fontconfig cannot be asked: ${(error as Error).message}`);
      }
    }),
  );
}

export async function checkNativeLibraries(deps: Pick<DoctorDeps, 'nodeModules' | 'ldd'>): Promise<CheckResult> {
  const problems = await findUnresolvedNativeLibraries(deps.nodeModules, deps.ldd ? { ldd: deps.ldd } : {});
  if (problems.length === 0) return ok('native libraries', 'every native add-on resolves its libraries');
  return fail('native libraries', problems.map((p) => `${p.file} needs ${p.missing.join(', ')}`).join('; '));
}

/**
 * Serial devices by path must exist; HID ones must be listed by node-hid; ESC/POS printers must answer a status
 * request (readers and scanners only speak when a document or a barcode is presented).
 */
export async function checkDevices(config: KioskConfig, deps: Pick<DoctorDeps, 'hid' | 'printerTransport'>): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  let hidDevices: { vendorId: number; productId: number }[] | null = null;
  const hidListed = async (vid: number, pid: number) => {
    if (!deps.hid) return null;
    hidDevices ??= await deps.hid.devices().catch(() => []);
    return hidDevices.some((d) => d.vendorId === vid && d.productId === pid);
  };
  const all = [
    ...config.devices.readers.map((d) => ({ ...d, role: 'reader' })),
    ...config.devices.scanners.map((d) => ({ ...d, role: 'scanner' })),
  ];
  for (const device of all) {
    const check = `${device.role} ${device.id}`;
    if (device.kind === 'simulated') {
      results.push(skip(check, 'simulated'));
    } else if (device.kind === 'hid') {
      const listed = await hidListed(device.vid, device.pid);
      if (listed === null) results.push(skip(check, 'HID not checked'));
      else results.push(listed ? ok(check, `HID ${hex(device.vid)}:${hex(device.pid)} present`) : fail(check, `HID ${hex(device.vid)}:${hex(device.pid)} not connected`));
    } else if (device.path !== undefined) {
      results.push(existsSync(device.path) ? ok(check, `${device.path} present`) : fail(check, `${device.path} does not exist (not connected?)`));
    } else {
      results.push(skip(check, 'found by USB id at start (passage devices list shows what is connected)'));
    }
  }
  for (const [name, printer] of Object.entries(config.printers)) {
    const check = `printer ${name}`;
    if (printer.mode !== 'escpos') results.push(skip(check, printer.mode));
    else if (!deps.printerTransport && !existsSync(printer.path)) results.push(fail(check, `${printer.path} does not exist (not connected?)`));
    else results.push(await printerAnswers(check, printer, deps));
  }
  return results;
}

/** An ESC/POS printer is asked for its real-time status once, as the kiosk does at start: paper, cover, online. */
async function printerAnswers(
  check: string,
  config: { path: string; baudRate: number; statusTimeoutMs: number },
  deps: Pick<DoctorDeps, 'printerTransport'>,
): Promise<CheckResult> {
  const transport = deps.printerTransport?.(config.path, config.baudRate) ?? serialTransport({ path: config.path, baudRate: config.baudRate });
  const printer = new EscPosPrinter({ id: check, transport, statusTimeoutMs: config.statusTimeoutMs, pollMs: 60_000 });
  try {
    await printer.start();
    const status = printer.status();
    if (status.state === 'unavailable') return fail(check, `${config.path}: ${status.reason} (${status.code})`);
    return ok(check, `${config.path} answers: ready`);
  } catch (error) {
    return fail(check, `${config.path}: ${(error as Error).message}`);
  } finally {
    await printer.stop().catch(() => undefined);
  }
}

/**
 * The platform over mutual TLS with the configured certificates: a handshake and one cheap request (its health
 * path). Any HTTP answer proves TLS in both directions; its Date header gives the clock skew.
 */
export async function checkPlatform(config: KioskConfig, deps: Pick<DoctorDeps, 'clock' | 'maxSkewMs' | 'timeoutMs'>): Promise<CheckResult[]> {
  if (!config.verifyHolders) return [skip('platform', 'verifyHolders is off')];
  if (config.platform.mode !== 'real') return [skip('platform', 'simulated')];
  const clock = deps.clock ?? systemClock;
  let agent;
  const connection = realConnection(config.platform);
  try {
    const [ca, cert, key] = await Promise.all([
      readFile(connection.caPath, 'utf8'),
      readFile(connection.clientCertPath, 'utf8'),
      readSecret({ file: connection.clientKeyPath }).then((b) => b.toString('utf8')),
    ]);
    agent = createAgent({ ca, cert, key });
  } catch (error) {
    return [fail('platform', `certificates: ${(error as Error).message}`)];
  }
  try {
    const answer = await exchange(
      agent,
      { url: new URL('/v1/health', connection.baseUrl), method: 'GET', headers: { accept: 'application/json' }, body: new Uint8Array() },
      { connectMs: connection.timeouts.connectMs, deadline: clock.now() + (deps.timeoutMs ?? connection.timeouts.totalMs) },
      clock,
    );
    if (!answer.ok) return [fail('platform', `${connection.baseUrl}: ${answer.failure} (${answer.detail})`), skip('clock skew', 'the platform did not answer')];
    const results = [ok('platform', `${connection.baseUrl}: TLS with the kiosk's certificate, answered HTTP ${answer.status}`)];
    const date = Date.parse(String(answer.headers.date ?? ''));
    if (Number.isNaN(date)) return [...results, warn('clock skew', 'the platform sent no Date header')];
    const skew = clock.now() - date;
    const limit = deps.maxSkewMs ?? 60_000;
    const text = `${Math.round(skew / 1000)} s against the platform`;
    return [...results, Math.abs(skew) > limit ? fail('clock skew', `${text} (more than ${limit / 1000} s: fix the time sync)`) : ok('clock skew', text)];
  } finally {
    agent.destroy();
  }
}

/** The DCS, PMS and police gateway: TLS with their settings and one cheap request; any HTTP answer counts. */
export async function checkBackEnds(config: KioskConfig, deps: Pick<DoctorDeps, 'timeoutMs'>): Promise<CheckResult[]> {
  const backEnds: { name: string; offered: boolean; mode: string; url?: string | undefined; path: string; tls: BackendTls }[] = [
    { name: 'airport.dcs', offered: config.services.includes('checkIn'), mode: config.airport.dcs.mode, url: config.airport.dcs.baseUrl, path: '/v1/health', tls: config.airport.dcs.tls },
    { name: 'hotel.pms', offered: config.services.includes('hotel'), mode: config.hotel.pms.mode, url: config.hotel.pms.baseUrl, path: '/', tls: config.hotel.pms.tls },
    { name: 'hotel.police', offered: config.services.includes('hotel'), mode: config.hotel.police.mode, url: config.hotel.police.baseUrl, path: '/', tls: config.hotel.police.tls },
  ];
  return Promise.all(
    backEnds.map(async (b) => {
      if (!b.offered) return skip(b.name, 'service not offered');
      if (b.mode !== 'real' || !b.url) return skip(b.name, 'simulated');
      let backend;
      try {
        backend = await createBackendFetch(b.name, b.tls);
      } catch (error) {
        return fail(b.name, (error as Error).message);
      }
      try {
        const url = new URL(b.path, b.url.endsWith('/') ? b.url : `${b.url}/`).href;
        const response = await backend.fetch(url, { method: 'GET', signal: AbortSignal.timeout(deps.timeoutMs ?? 5_000) });
        await response.body?.cancel();
        return ok(b.name, `${b.url}: TLS handshake, answered HTTP ${response.status}`);
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        return fail(b.name, `${b.url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
      } finally {
        await backend.close();
      }
    }),
  );
}

/** Free bytes where `dir` is, or will be: a data directory made at the first start counts its parent's. */
const defaultFreeSpace = (dir: string): number | null => {
  for (let at = dir; ; at = dirname(at)) {
    try {
      const s = statfsSync(at);
      return Number(s.bavail) * Number(s.bsize);
    } catch {
      if (dirname(at) === at) return null;
    }
  }
};

export function checkDisk(config: KioskConfig, dataDir: string, deps: Pick<DoctorDeps, 'freeSpace'>): CheckResult {
  const free = (deps.freeSpace ?? defaultFreeSpace)(dataDir);
  if (free === null) return fail('free disk', `${dataDir}: cannot be examined (does it exist?)`);
  const minimum = config.hotel.outbox.minFreeMb;
  const mb = Math.floor(free / 1_048_576);
  if (mb < minimum) return fail('free disk', `${mb} MB free in ${dataDir}, below hotel.outbox.minFreeMb (${minimum} MB)`);
  return ok('free disk', `${mb} MB free in ${dataDir}`);
}

/** Opens the registration outbox with its key, and reports what is waiting and what staff must act on. */
export async function checkOutbox(config: KioskConfig, dataDir: string): Promise<CheckResult> {
  const check = 'outbox';
  if (!config.services.includes('hotel')) return skip(check, 'hotel registration not offered');
  const value = config.hotel.outbox.key;
  if (!value) return skip(check, 'in memory (simulated kiosk without hotel.outbox.key)');
  const path = config.hotel.outbox.path ?? join(dataDir, 'hotel-outbox.db');
  let key: Buffer;
  try {
    const bytes = isSecretRef(value) ? await readSecret(value) : Buffer.from(value);
    const parsed = bytes.length === 32 ? { ok: true as const, key: bytes } : parseRecordKey(bytes.toString('utf8').trim());
    if (!parsed.ok) return fail(check, 'hotel.outbox.key does not hold a 32-byte key');
    key = parsed.key;
  } catch (error) {
    return fail(check, (error as Error).message);
  }
  if (!existsSync(path)) return ok(check, `${path} not created yet (made at the first start)`);
  const opened = openOutbox<unknown, null>({
    path,
    key,
    parse: (json) => json,
    deliver: async () => ({ kind: 'failed', code: 'doctor', message: 'never sent' }),
    summarize: () => null,
    clock: systemClock,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  if (!opened.ok) return fail(check, `${path}: ${opened.error.message}`);
  try {
    const s = opened.outbox.stats();
    const detail = `${path}: ${s.pending} pending, ${s.overdue} overdue, ${s.rejected} rejected, ${s.unreadable} unreadable`;
    return s.overdue + s.rejected + s.unreadable > 0 ? warn(check, `${detail}: staff must act (maintenance mode)`) : ok(check, detail);
  } finally {
    await opened.outbox.close();
  }
}

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig, type ConfigInput } from '../../electron/host/config.ts';
import { startHost, type Host } from '../../electron/host/host.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { fileAccountStore } from '../../electron/staff/account-store.ts';
import { StaffAccounts } from '../../electron/staff/staff-accounts.ts';
import { untilState } from '../support/session-state.ts';

const dir = mkdtempSync(join(tmpdir(), 'passage-storage-faults-'));

/**
 * A read-only data directory: a read-only tmpfs where the test may mount one (root with CAP_SYS_ADMIN, as
 * on CI), else procfs, which no one can create files in either.
 */
function readOnlyDirectory(): { path: string; release(): void } {
  const mountPoint = join(dir, 'ro');
  mkdirSync(mountPoint);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', mountPoint]).status === 0;
  if (mounted) return { path: mountPoint, release: () => void spawnSync('umount', [mountPoint]) };
  return { path: '/proc/self', release: () => undefined };
}

const readOnly = readOnlyDirectory();
afterAll(() => readOnly.release());

function secret(name: string, value: string): { file: string } {
  const file = join(dir, name);
  writeFileSync(file, value, { mode: 0o600 });
  return { file };
}

/**
 * A real kiosk offering check-in and hotel registration, its outbox on a read-only file system. The data
 * directory itself is writable: the audit trail and the staff accounts live there, and a kiosk does not start
 * without its audit trail.
 */
const dataDir = join(dir, 'data');
const config: ConfigInput = {
  mode: 'real',
  dataDir,
  services: ['checkIn', 'hotel'],
  verifyHolders: false,
  ocr: { enabled: false },
  devices: { readers: [{ id: 'desk', kind: 'simulated' }], scanners: [] },
  allowSimulated: ['devices.readers.desk', 'printers.receipt', 'printers.bagTag', 'hotel.keyEncoder', 'hotel.payment'],
  airport: { dcs: { mode: 'real', baseUrl: 'https://127.0.0.1:9' }, requireVerification: false },
  hotel: {
    pms: { mode: 'real', baseUrl: 'https://127.0.0.1:9' },
    police: { mode: 'real', baseUrl: 'https://127.0.0.1:9' },
    outbox: { key: secret('outbox-key', 'ab'.repeat(32)), path: join(readOnly.path, 'hotel-outbox.db') },
    flow: { requireVerification: false },
  },
  audit: { key: secret('audit-key', 'k'.repeat(32)) },
  log: { level: 'silent' },
};

/** A technician's account, made as `passage staff add` would before the kiosk is opened. */
await new StaffAccounts(fileAccountStore(join(dataDir, 'staff', 'accounts.json')), { now: Date.now }).add({ id: 'tech', role: 'technician', pin: '246802' });

/** Logs the technician in through the session, as the touch screen does; the PIN check runs in the background. */
async function logIn(host: Host): Promise<void> {
  host.session.command({ type: 'maintenance', action: { type: 'open' } });
  host.session.command({ type: 'maintenance', action: { type: 'login', id: 'tech', pin: '246802' } });
  await untilState(host.session, (s) => s.maintenance?.step === 'panel', 'the staff panel after the login');
}

describe('a real kiosk whose registration storage cannot write', { timeout: 30_000 }, () => {
  it('starts anyway: storage shows as down, staff are alerted once, hotel registration leaves the service choice', async () => {
    const host = await startHost(parseConfig(config), { logger: silentLogger() });
    try {
      const state = host.session.state();
      expect(state.devices.find((d) => d.id === 'registration-storage')).toMatchObject({ kind: 'storage', status: { state: 'unavailable' } });
      expect(state.outOfService).toBe(false);
      // Only check-in is left, so a traveller goes straight to the document instead of the service choice.
      host.session.command({ type: 'start' });
      expect(host.session.state().screen.name).toBe('document');
      host.session.command({ type: 'cancel' });
      await logIn(host);
      const panel = host.session.state().maintenance;
      expect(panel?.step === 'panel' && panel.alerts.filter((a) => a.detail.startsWith('registration storage down'))).toHaveLength(1);
    } finally {
      await host.stop();
    }
  });

  it('a hotel-only kiosk is out of service while registrations cannot be stored', async () => {
    const host = await startHost(parseConfig({ ...config, services: ['hotel'], allowSimulated: ['devices.readers.desk', 'printers.receipt', 'hotel.keyEncoder', 'hotel.payment'] }), {
      logger: silentLogger(),
    });
    try {
      expect(host.session.state().outOfService).toBe(true);
    } finally {
      await host.stop();
    }
  });

  it('a data directory that cannot be written still stops the start, named: the audit trail and staff accounts are kept there', async () => {
    await expect(startHost(parseConfig({ ...config, dataDir: readOnly.path }), { logger: silentLogger() })).rejects.toThrow(/data directory .*: cannot write to it/);
    await expect(startHost(parseConfig({ dataDir: readOnly.path, ocr: { enabled: false }, log: { level: 'silent' } }), { logger: silentLogger() })).rejects.toThrow(
      /data directory .*: cannot write to it/,
    );
  });
});

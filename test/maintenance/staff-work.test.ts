import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/audit/audit-log.ts';
import { applyPrinterSettings, applyReaderSettings, emptyOverlay, loadDeviceSettings } from '../../electron/maintenance/device-settings.ts';
import { withoutSecrets, writeDiagnostics } from '../../electron/maintenance/diagnostics.ts';
import { readJournal } from '../../electron/maintenance/journal.ts';
import { MaintenanceState } from '../../electron/maintenance/maintenance-state.ts';
import { maskFreeText } from '../../electron/maintenance/registrations.ts';
import { isSetupError } from '../../drivers/setup-error.ts';

const temp = () => mkdtempSync(join(tmpdir(), 'passage-staff-work-'));

describe('saved device settings', () => {
  const serial = { id: 'desk', kind: 'serial' as const, profile: 'access-is' as const, path: '/dev/ttyUSB0' };
  const hid = { id: 'hid', kind: 'hid' as const, vid: 1, pid: 2, profile: 'access-is' as const, sendEnable: false };

  it('apply at start to the readers and ESC/POS printers they name, and leave the others untouched', () => {
    const overlay = { ...emptyOverlay, readers: { desk: { path: '/dev/ttyUSB1', profile: 'desko-cute' as const } }, printers: { receipt: { path: '/dev/ttyS3' } } };
    const { readers, skipped } = applyReaderSettings([serial, hid], overlay);
    expect(readers[0]).toMatchObject({ id: 'desk', path: '/dev/ttyUSB1', profile: 'desko-cute' });
    expect(readers[1]).toBe(hid);
    expect(skipped).toEqual([]);
    const escpos = { mode: 'escpos' as const, path: '/dev/ttyS0', baudRate: 9600, columns: 48, widthDots: 576, statusTimeoutMs: 1000, pollMs: 2000 };
    expect(applyPrinterSettings({ receipt: escpos, bagTag: { mode: 'simulated' } }, overlay)).toEqual({ receipt: { ...escpos, path: '/dev/ttyS3' }, bagTag: { mode: 'simulated' } });
  });

  it('are skipped where they no longer fit the reader', () => {
    const { readers, skipped } = applyReaderSettings([hid], { ...emptyOverlay, readers: { hid: { profile: 'desko-cute' } } });
    expect(readers).toEqual([hid]);
    expect(skipped).toEqual(['hid']);
  });

  it('stop the start, naming the file, when they cannot be read', async () => {
    const path = join(temp(), 'devices.json');
    await expect(loadDeviceSettings(path)).resolves.toEqual(emptyOverlay);
    writeFileSync(path, '{"version":1,"readers":{"x":{"profile":"nope"}},"printers":{}}');
    const error = await loadDeviceSettings(path).catch((e: unknown) => e);
    expect(isSetupError(error)).toBe(true);
    expect((error as Error).message).toContain(path);
  });
});

describe('the persisted maintenance state', () => {
  it('stops the start on a file it cannot read rather than put the kiosk back in service', async () => {
    const path = join(temp(), 'state.json');
    writeFileSync(path, '{"version":1,"outOfService":true');
    const error = await MaintenanceState.load(path, 0, () => undefined).catch((e: unknown) => e);
    expect(isSetupError(error)).toBe(true);
    expect((error as Error).message).toMatch(/not valid JSON/);
  });
});

describe('the diagnostics bundle', () => {
  it('removes inline secrets but keeps where a secret file is', () => {
    expect(withoutSecrets({ hotel: { outbox: { key: 'ab'.repeat(32), path: '/x' }, police: { apiKey: 'k', baseUrl: 'https://p' } }, audit: { key: { file: '/etc/passage/audit' } } })).toEqual({
      hotel: { outbox: { key: '[removed]', path: '/x' }, police: { apiKey: '[removed]', baseUrl: 'https://p' } },
      audit: { key: { file: '/etc/passage/audit' } },
    });
  });

  it('is one owner-only JSON file with versions, configuration, state and the recent log', async () => {
    const dataDir = temp();
    const path = await writeDiagnostics({
      dataDir,
      now: () => Date.UTC(2026, 0, 5, 8),
      configuration: () => ({ mode: 'simulated', airport: { dcs: { apiKey: 'secret-value' } } }),
      configHash: 'abc',
      recentLog: () => ['{"msg":"host started"}'],
      state: () => ({ devices: [{ id: 'printer' }] }),
    });
    expect(path).toBe(join(dataDir, 'diagnostics', 'passage-diagnostics-2026-01-05T08-00-00-000Z.json'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('secret-value');
    expect(JSON.parse(text)).toMatchObject({ versions: { passage: expect.any(String), node: process.versions.node }, configHash: 'abc', kiosk: { devices: [{ id: 'printer' }] }, log: ['{"msg":"host started"}'] });
  });
});

describe('what staff see of a refusal', () => {
  it('masks document and other numbers in the reason', () => {
    expect(maskFreeText('no entry record for document L898902C3, visa V1234567')).toBe('no entry record for document L*****2C3, visa V****567');
    expect(maskFreeText('record refused by the police system')).toBe('record refused by the police system');
  });
});

describe('the day\'s journal', () => {
  it('reads the sessions that ended since the day began from the audit trail, newest first', async () => {
    const dir = temp();
    let now = Date.UTC(2026, 0, 4, 23);
    const log = await AuditLog.open({ dir, key: Buffer.alloc(32, 1), now: () => now });
    const ended = (requestId: string) => ({ type: 'transaction.ended', actor: 'kiosk', data: { requestId, service: 'hotel', ended: 'finished', lastScreen: 'hotel.done' } });
    await log.append(ended('yesterday'));
    now = Date.UTC(2026, 0, 5, 9);
    await log.append(ended('first'));
    await log.append({ type: 'staff.login', actor: 'agent', data: { method: 'pin', role: 'agent' } });
    now += 60_000;
    await log.append(ended('second'));
    const journal = await readJournal(dir, Date.UTC(2026, 0, 5));
    expect(journal.map((e) => e.requestId)).toEqual(['second', 'first']);
    expect(journal[0]).toEqual({ at: now, requestId: 'second', service: 'hotel', ended: 'finished', lastScreen: 'hotel.done' });
  });
});

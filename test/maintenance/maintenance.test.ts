import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MaintenanceAction, MaintenanceView, RegistrationItem } from '../../electron/contract/index.ts';
import { maintenanceViewSchema } from '../../electron/contract/index.ts';
import { AuditError, type AuditEntry, type AuditTrail } from '../../electron/audit/audit-trail.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { DeviceSettings, emptyOverlay } from '../../electron/maintenance/device-settings.ts';
import { Maintenance, inactivityMs } from '../../electron/maintenance/maintenance.ts';
import { MaintenanceState } from '../../electron/maintenance/maintenance-state.ts';
import type { StaffRegistrations } from '../../electron/maintenance/registrations.ts';
import { fileAccountStore } from '../../electron/staff/account-store.ts';
import { StaffAccounts, simulatedAccounts } from '../../electron/staff/staff-accounts.ts';
import { ManualClock } from '../support/clock.ts';

class RecordingAudit implements AuditTrail {
  readonly entries: AuditEntry[] = [];
  failing = false;
  async append(entry: AuditEntry): Promise<void> {
    if (this.failing) throw new AuditError('disk full');
    this.entries.push(entry);
  }
  types(): string[] {
    return this.entries.map((e) => e.type);
  }
}

function fakeRegistrations(): StaffRegistrations & { items: RegistrationItem[] } {
  const item = (id: string): RegistrationItem => ({
    id, reason: 'rejected', createdAt: 0, attempts: 1, room: '1201', guest: 'E******* A*** M****', document: 'L*****9C3',
    refusal: { code: 'visa-missing', reason: 'visa record V*****123 not found' },
  });
  const fake = {
    items: [item('K-R1-1'), item('K-R2-1')],
    list: () => fake.items,
    resend: (id: string) => (fake.items.some((i) => i.id === id) ? ((fake.items = fake.items.filter((i) => i.id !== id)), 'resent' as const) : 'notFound' as const),
    close: (id: string) => (fake.items.some((i) => i.id === id) ? ((fake.items = fake.items.filter((i) => i.id !== id)), 'closed' as const) : 'notFound' as const),
  };
  return fake;
}

async function setup(options: { dir?: string; state?: MaintenanceState } = {}) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'passage-maintenance-'));
  const clock = new ManualClock();
  const audit = new RecordingAudit();
  const accounts = new StaffAccounts(fileAccountStore(join(dir, 'staff', 'accounts.json')), { now: () => clock.now(), params: { N: 1024, r: 8, p: 1 } });
  await accounts.seed(simulatedAccounts);
  const state = options.state ?? (await MaintenanceState.load(join(dir, 'maintenance', 'state.json'), clock.now(), () => undefined));
  const outOfService: boolean[] = [];
  const tested: string[] = [];
  const registrations = fakeRegistrations();
  let restarts = 0;
  const settings = new DeviceSettings({
    path: join(dir, 'settings', 'devices.json'),
    readers: [{ id: 'reader', kind: 'simulated', profile: 'access-is' }],
    printers: { receipt: { mode: 'simulated' }, bagTag: { mode: 'simulated' } },
    overlay: emptyOverlay,
  });
  const m = new Maintenance({
    clock,
    logger: silentLogger(),
    audit,
    accounts,
    state,
    consumables: { settings: { paper: { capacity: 100, low: 10 }, keyCards: { capacity: 50, low: 5 } }, offered: ['paper', 'keyCards'] },
    selfTest: async (device) => {
      tested.push(device);
      return device === 'printer' ? { ok: false, detail: 'MEDIA_EMPTY: paper out' } : { ok: true, detail: 'available' };
    },
    setOutOfService: (v) => outOfService.push(v),
    registrations,
    deviceSettings: { view: async () => settings.view(['/dev/ttyUSB0']), save: (change) => settings.save(change) },
    restart: () => void restarts++,
    journal: async () => [{ at: 1, requestId: 'r1', service: 'hotel', ended: 'finished', lastScreen: 'hotel.done' }],
  });
  const act = async (action: MaintenanceAction) => {
    m.handle(action);
    await m.idle();
  };
  const view = (): MaintenanceView | null => {
    const v = m.view([{ id: 'printer', kind: 'printer', status: { state: 'available' } }]);
    if (v) maintenanceViewSchema.parse(v); // what the host sends must pass the contract
    return v;
  };
  const login = async (id: string, pin: string) => {
    await act({ type: 'open' });
    await act({ type: 'login', id, pin });
  };
  return { dir, clock, audit, state, m, act, view, login, outOfService, tested, registrations, restarts: () => restarts };
}

const panel = (v: MaintenanceView | null) => {
  if (v?.step !== 'panel') throw new Error(`expected the panel, got ${v?.step ?? 'closed'}`);
  return v;
};

describe('maintenance login', () => {
  it('opens the panel for each seeded account with its role, and records the login', async () => {
    for (const account of simulatedAccounts) {
      const t = await setup();
      await t.login(account.id, account.pin);
      expect(panel(t.view())).toMatchObject({ staff: { id: account.id, role: account.role }, section: 'overview' });
      expect(t.audit.entries).toEqual([{ type: 'staff.login', actor: account.id, data: { method: 'pin', role: account.role } }]);
    }
  });

  it('refuses a wrong PIN and staff actions before a login', async () => {
    const t = await setup();
    await t.login('agent', '864200');
    expect(t.view()).toMatchObject({ step: 'login', problem: 'wrongPin', failures: 1 });
    await t.act({ type: 'setOutOfService', value: true });
    await t.act({ type: 'selfTest', device: 'printer' });
    expect(t.outOfService).toEqual([]);
    expect(t.tested).toEqual([]);
    expect(t.audit.entries).toEqual([{ type: 'staff.loginFailed', actor: 'kiosk', data: { id: 'agent', method: 'pin', failures: 1 } }]);
  });

  it('locks the PIN pad after three wrong PINs, for longer after each further one, and says so before anyone logs in', async () => {
    const t = await setup();
    await t.act({ type: 'open' });
    for (const pin of ['000001', '000002', '000003']) await t.act({ type: 'login', id: 'admin', pin });
    const start = t.clock.now();
    expect(t.view()).toMatchObject({ step: 'login', lockedUntil: start + 30_000, failures: 3 });
    await t.act({ type: 'login', id: 'admin', pin: '864200' });
    expect(t.view()?.step).toBe('login'); // the right PIN is not even checked while locked
    t.clock.advance(30_000);
    await t.act({ type: 'login', id: 'admin', pin: '000004' });
    expect(t.view()).toMatchObject({ lockedUntil: t.clock.now() + 60_000, failures: 4 });
    expect(t.audit.types().filter((type) => type === 'staff.lockout')).toHaveLength(2);
    t.clock.advance(60_000);
    await t.act({ type: 'login', id: 'admin', pin: '864200' });
    expect(panel(t.view()).alerts.filter((a) => a.kind === 'security')).toHaveLength(2);
    expect(t.state.get().lockout).toEqual({ failures: 0, lockedUntil: null });
  });

  it('keeps a lockout across a restart', async () => {
    const first = await setup();
    await first.act({ type: 'open' });
    for (const pin of ['000001', '000002', '000003']) await first.act({ type: 'login', id: 'tech', pin });
    const until = first.state.get().lockout.lockedUntil;
    const again = await setup({ dir: first.dir });
    await again.act({ type: 'open' });
    expect(again.view()).toMatchObject({ step: 'login', failures: 3 });
    expect((again.view() as { lockedUntil: number | null }).lockedUntil).toBe(until);
    await again.act({ type: 'login', id: 'tech', pin: '246802' });
    expect(again.view()?.step).toBe('login');
  });

  it('logs in with a staff badge read by the scanner and the PIN', async () => {
    const t = await setup();
    const accounts = new StaffAccounts(fileAccountStore(join(t.dir, 'staff', 'accounts.json')), { now: Date.now, params: { N: 1024, r: 8, p: 1 } });
    await accounts.add({ id: 'wang', role: 'agent', pin: '402913', badge: 'STAFF-0042' });
    await t.act({ type: 'open' });
    t.m.observe({ type: 'scan', scannerId: 'scanner', scan: { symbology: 'CODE128', text: 'STAFF-0042' } });
    expect(t.view()).toMatchObject({ step: 'login', badge: true });
    await t.act({ type: 'login', id: '', pin: '402913' });
    expect(panel(t.view()).staff).toEqual({ id: 'wang', role: 'agent' });
    expect(t.audit.entries.at(-1)).toEqual({ type: 'staff.login', actor: 'wang', data: { method: 'badge', role: 'agent' } });
  });

  it('keeps the panel closed when the audit trail cannot record the login', async () => {
    const t = await setup();
    t.audit.failing = true;
    await t.login('admin', '864200');
    expect(t.view()).toMatchObject({ step: 'login', problem: 'auditFailed' });
  });

  it('says when no account exists yet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-maintenance-'));
    const empty = new StaffAccounts(fileAccountStore(join(dir, 'none.json')), { now: Date.now });
    const t = await setup();
    const m = new Maintenance({
      clock: t.clock, logger: silentLogger(), audit: t.audit, accounts: empty, state: MaintenanceState.inMemory(0),
      consumables: { settings: { paper: { capacity: 1, low: 0 }, keyCards: { capacity: 1, low: 0 } }, offered: [] },
      selfTest: async () => ({ ok: true, detail: '' }), setOutOfService: () => undefined,
    });
    m.handle({ type: 'open' });
    await m.idle();
    expect(m.view([])).toMatchObject({ step: 'login', noAccounts: true });
  });

  it('closes itself and logs out when staff walk away', async () => {
    const t = await setup();
    await t.login('agent', '135790');
    t.clock.advance(inactivityMs - 1);
    expect(t.m.isOpen).toBe(true);
    t.clock.advance(1);
    await t.m.idle();
    expect(t.m.isOpen).toBe(false);
    expect(t.audit.entries.at(-1)).toEqual({ type: 'staff.logout', actor: 'agent', data: { reason: 'timeout' } });
  });
});

describe('roles on the panel', () => {
  it('refuses an agent a device setting, records the refusal and leaves the settings untouched', async () => {
    const t = await setup();
    await t.login('agent', '135790');
    await t.act({ type: 'saveDeviceSetting', device: 'reader', path: null, profile: 'desko-cute' });
    expect(panel(t.view()).notice).toEqual({ code: 'notAllowed', detail: '' });
    expect(existsSync(join(t.dir, 'settings', 'devices.json'))).toBe(false);
    expect(t.audit.entries.at(-1)).toEqual({ type: 'staff.refused', actor: 'agent', data: { action: 'saveDeviceSetting' } });
    await t.act({ type: 'section', section: 'settings' });
    expect(panel(t.view())).toMatchObject({ section: 'overview', settings: null });
    await t.act({ type: 'restart' });
    await t.act({ type: 'selfTest', device: 'printer' });
    expect(t.restarts()).toBe(0);
    expect(t.tested).toEqual([]);
  });

  it('sends an agent no device list and no accounts, and a technician no registrations', async () => {
    const agent = await setup();
    await agent.login('agent', '135790');
    expect(panel(agent.view())).toMatchObject({ devices: [], selfTests: [], accounts: null });
    expect(panel(agent.view()).registrations).toHaveLength(2);
    await agent.act({ type: 'section', section: 'accounts' });
    expect(panel(agent.view())).toMatchObject({ section: 'overview', accounts: null });

    const tech = await setup();
    await tech.login('tech', '246802');
    expect(panel(tech.view())).toMatchObject({ registrations: [], devices: [{ id: 'printer' }] });
    await tech.act({ type: 'resendRegistration', id: 'K-R1-1' });
    expect(tech.registrations.items).toHaveLength(2);
  });

  it('lets a technician save a reader profile for the next start', async () => {
    const t = await setup();
    await t.login('tech', '246802');
    await t.act({ type: 'section', section: 'settings' });
    expect(panel(t.view()).settings).toMatchObject({ readers: [{ id: 'reader', profile: 'access-is' }], ports: ['/dev/ttyUSB0'], pendingRestart: false });
    await t.act({ type: 'saveDeviceSetting', device: 'reader', path: null, profile: 'desko-cute' });
    expect(panel(t.view())).toMatchObject({ notice: { code: 'settingsSaved' }, settings: { readers: [{ profile: 'desko-cute' }], pendingRestart: true } });
    expect(t.audit.entries.at(-1)).toEqual({ type: 'config.deviceSetting', actor: 'tech', data: { device: 'reader', path: null, profile: 'desko-cute' } });
    await t.act({ type: 'saveDeviceSetting', device: 'reader', path: '/dev/ttyUSB0', profile: null });
    expect(panel(t.view()).notice).toMatchObject({ code: 'failed', detail: 'noPath' });
    expect(t.audit.entries.at(-1)).toMatchObject({ type: 'staff.actionFailed', data: { action: 'saveDeviceSetting', error: 'noPath' } });
  });

  it('lets an admin add an account, change a PIN and disable an account, each recorded', async () => {
    const t = await setup();
    await t.login('admin', '864200');
    await t.act({ type: 'section', section: 'accounts' });
    expect(panel(t.view()).accounts).toHaveLength(3);
    await t.act({ type: 'addAccount', id: 'chen', role: 'agent', pin: '731946' });
    await t.act({ type: 'setPin', id: 'agent', pin: '123456' });
    expect(panel(t.view()).notice?.code).toBe('weakPin');
    await t.act({ type: 'setDisabled', id: 'tech', disabled: true });
    expect(panel(t.view()).accounts).toEqual(expect.arrayContaining([
      { id: 'chen', role: 'agent', disabled: false, badge: false },
      { id: 'tech', role: 'technician', disabled: true, badge: false },
    ]));
    expect(t.audit.types().slice(1)).toEqual(['account.added', 'account.pinChanged', 'staff.actionFailed', 'account.disabled']);
    await t.act({ type: 'close' });
    await t.login('chen', '731946');
    expect(panel(t.view()).staff).toEqual({ id: 'chen', role: 'agent' });
  });
});

describe('staff work', () => {
  it('takes the kiosk out of service, keeps it so in the state file, and records it', async () => {
    const t = await setup();
    await t.login('agent', '135790');
    await t.act({ type: 'setOutOfService', value: true });
    expect(t.outOfService).toEqual([true]);
    expect(panel(t.view()).outOfService).toBe(true);
    const reloaded = await MaintenanceState.load(join(t.dir, 'maintenance', 'state.json'), 0, () => undefined);
    expect(reloaded.get().outOfService).toBe(true);
    expect(t.audit.entries.at(-1)).toEqual({ type: 'kiosk.outOfService', actor: 'agent', data: { value: true } });
  });

  it('does nothing the audit trail cannot record', async () => {
    const t = await setup();
    await t.login('agent', '135790');
    t.audit.failing = true;
    await t.act({ type: 'setOutOfService', value: true });
    await t.act({ type: 'resendRegistration', id: 'K-R1-1' });
    expect(t.outOfService).toEqual([]);
    expect(t.registrations.items).toHaveLength(2);
    expect(panel(t.view()).notice?.code).toBe('auditFailed');
  });

  it('resends a refused police registration or closes it as handled at the desk, both recorded', async () => {
    const t = await setup();
    await t.login('agent', '135790');
    expect(panel(t.view()).registrations[0]).toMatchObject({ id: 'K-R1-1', refusal: { code: 'visa-missing' } });
    await t.act({ type: 'resendRegistration', id: 'K-R1-1' });
    expect(panel(t.view()).notice).toEqual({ code: 'registrationResent', detail: 'K-R1-1' });
    await t.act({ type: 'closeRegistration', id: 'K-R2-1', reason: 'reportedByHand' });
    expect(panel(t.view()).notice).toEqual({ code: 'registrationClosed', detail: 'K-R2-1' });
    expect(panel(t.view()).registrations).toEqual([]);
    expect(t.audit.entries.slice(1)).toEqual([
      { type: 'registration.resend', actor: 'agent', data: { registrationId: 'K-R1-1' } },
      { type: 'registration.closedAtDesk', actor: 'agent', data: { registrationId: 'K-R2-1', reason: 'reportedByHand' } },
    ]);
    await t.act({ type: 'closeRegistration', id: 'K-R2-1', reason: 'duplicate' });
    expect(panel(t.view()).notice?.code).toBe('registrationGone');
  });

  it('counts paper down, alerts when it runs low, follows the printer to empty and is refilled by staff', async () => {
    const t = await setup();
    await t.login('agent', '135790');
    expect(panel(t.view()).consumables[0]).toEqual({ kind: 'paper', level: null, capacity: 100, low: 10 });
    await t.act({ type: 'refill', consumable: 'paper' });
    expect(panel(t.view()).consumables[0]?.level).toBe(100);
    t.m.consumed('paper', 90);
    expect(panel(t.view()).alerts[0]).toMatchObject({ kind: 'consumable', detail: 'paper: 10 left (low at 10)' });
    t.m.deviceEmpty('paper');
    expect(panel(t.view()).consumables[0]?.level).toBe(0);
    await t.act({ type: 'refill', consumable: 'paper' });
    expect(panel(t.view()).consumables[0]?.level).toBe(100);
    await t.m.idle();
    const reloaded = await MaintenanceState.load(join(t.dir, 'maintenance', 'state.json'), 0, () => undefined);
    expect(reloaded.get().consumables.paper).toBe(100);
    expect(t.audit.types().filter((type) => type === 'consumable.refilled')).toHaveLength(2);
  });

  it('keeps the counters in the state file', async () => {
    const t = await setup();
    t.m.count('sessions');
    t.m.count('verified');
    await t.m.idle();
    const again = await setup({ dir: t.dir });
    await again.login('agent', '135790');
    expect(panel(again.view()).counters).toMatchObject({ sessions: 1, verified: 1, notVerified: 0 });
  });

  it('runs self-tests and a test read, and clears alerts, each recorded', async () => {
    const t = await setup();
    t.m.alert('assistance', 'a traveller asked for help on the document screen');
    await t.login('tech', '246802');
    await t.act({ type: 'selfTest', device: 'printer' });
    await t.act({ type: 'testRead', reader: 'reader' });
    expect(panel(t.view()).notice).toEqual({ code: 'testReadWaiting', detail: 'reader' });
    t.m.observe({ type: 'unreadable', readerId: 'reader', reason: { code: 'check_digits', message: 'bad' } } as never);
    expect(panel(t.view()).selfTests.map((r) => [r.device, r.ok, r.detail])).toEqual([
      ['reader', false, 'test read: unreadable (check_digits)'],
      ['printer', false, 'MEDIA_EMPTY: paper out'],
    ]);
    await t.act({ type: 'clearAlerts' });
    expect(panel(t.view()).alerts).toEqual([]);
    expect(t.audit.types().slice(1)).toEqual(['device.selfTest', 'device.testRead', 'alerts.cleared']);
  });

  it('shows the day\'s journal and restarts on a technician\'s word', async () => {
    const t = await setup();
    await t.login('tech', '246802');
    await t.act({ type: 'section', section: 'journal' });
    expect(panel(t.view()).journal).toEqual([{ at: 1, requestId: 'r1', service: 'hotel', ended: 'finished', lastScreen: 'hotel.done' }]);
    await t.act({ type: 'section', section: 'system' });
    await t.act({ type: 'restart' });
    expect(t.restarts()).toBe(1);
    expect(t.audit.entries.at(-1)).toEqual({ type: 'kiosk.restart', actor: 'tech', data: undefined });
  });
});

describe('maintenance queues', () => {
  it('shows what back-ends are still owed and refreshes it while the panel is open', async () => {
    const t = await setup();
    let refreshes = 0;
    t.m.subscribe(() => refreshes++);
    await t.login('agent', '135790');
    const before = refreshes;
    t.clock.advance(2_000);
    expect(refreshes).toBeGreaterThan(before);
    await t.act({ type: 'close' });
    const closed = refreshes;
    t.clock.advance(10_000);
    expect(refreshes).toBe(closed);
  });
});

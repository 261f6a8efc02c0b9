import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileAccountStore } from '../../electron/staff/account-store.ts';
import { afterFailure, isLocked, lockDuration, noLockout } from '../../electron/staff/lockout.ts';
import { defaultPinParams, hashPin, pinProblem, verifyPin } from '../../electron/staff/pin-hash.ts';
import { can, permissionsOf } from '../../electron/staff/roles.ts';
import { StaffAccounts, simulatedAccounts } from '../../electron/staff/staff-accounts.ts';

const cheap = { N: 2 ** 10, r: 8, p: 1 };

describe('PIN hashing', () => {
  // Two hashes at the full cost: seconds on a busy machine.
  it('stores a salted scrypt hash with the interactive-login cost, and verifies only the same PIN', { timeout: 30_000 }, async () => {
    const stored = await hashPin('135790');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(stored).not.toContain('135790');
    expect(defaultPinParams).toEqual({ N: 32768, r: 8, p: 1 });
    await expect(verifyPin('135790', stored)).resolves.toBe(true);
    await expect(verifyPin('135791', stored)).resolves.toBe(false);
  });

  it('gives two hashes of one PIN different salts', async () => {
    const [a, b] = await Promise.all([hashPin('246802', { params: cheap }), hashPin('246802', { params: cheap })]);
    expect(a).not.toBe(b);
    await expect(verifyPin('246802', b)).resolves.toBe(true);
  });

  it('refuses stored values that are not its hashes or that would cost too much to check', async () => {
    const stored = await hashPin('246802', { params: cheap });
    await expect(verifyPin('246802', 'plain 246802')).resolves.toBe(false);
    await expect(verifyPin('246802', stored.replace('scrypt$1024$', 'scrypt$2$'))).resolves.toBe(false);
    await expect(verifyPin('246802', stored.replace('scrypt$1024$', `scrypt$${2 ** 24}$`))).resolves.toBe(false);
  });

  it('refuses short, repeated and consecutive PINs', () => {
    expect(pinProblem('12345')).toMatch(/6 to 12 digits/);
    expect(pinProblem('12a456')).toMatch(/6 to 12 digits/);
    expect(pinProblem('000000')).toMatch(/repeat/);
    expect(pinProblem('123456')).toMatch(/consecutive/);
    expect(pinProblem('987654')).toMatch(/consecutive/);
    expect(pinProblem('890123')).toMatch(/consecutive/);
    for (const a of simulatedAccounts) expect(pinProblem(a.pin)).toBeNull();
  });
});

describe('PIN lockout', () => {
  it('allows three wrong PINs, then locks for longer after each further one, up to 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 9, 10, 40].map((n) => lockDuration(n))).toEqual([0, 0, 30_000, 60_000, 120_000, 240_000, 900_000, 900_000, 900_000]);
    let state = noLockout;
    const now = 1_000_000;
    state = afterFailure(afterFailure(state, now), now);
    expect(isLocked(state, now)).toBe(false);
    state = afterFailure(state, now);
    expect(state).toEqual({ failures: 3, lockedUntil: now + 30_000 });
    expect(isLocked(state, now + 29_999)).toBe(true);
    expect(isLocked(state, now + 30_000)).toBe(false);
    state = afterFailure(state, now + 30_000);
    expect(state).toEqual({ failures: 4, lockedUntil: now + 90_000 });
  });
});

describe('roles', () => {
  it('lets an agent work with travellers but not change device settings, run diagnostics or manage accounts', () => {
    for (const p of ['alerts', 'outOfService', 'consumables', 'registrations', 'journal'] as const) expect(can('agent', p)).toBe(true);
    for (const p of ['deviceSettings', 'selfTest', 'devices', 'diagnostics', 'restart', 'accounts'] as const) expect(can('agent', p)).toBe(false);
  });

  it('lets a technician look after devices but not manage accounts or police registrations', () => {
    for (const p of ['devices', 'selfTest', 'deviceSettings', 'diagnostics', 'restart'] as const) expect(can('technician', p)).toBe(true);
    expect(can('technician', 'accounts')).toBe(false);
    expect(can('technician', 'registrations')).toBe(false);
  });

  it('lets an admin do everything', () => {
    expect(permissionsOf('admin')).toEqual(expect.arrayContaining([...permissionsOf('agent'), ...permissionsOf('technician'), 'accounts']));
  });
});

describe('staff accounts', () => {
  const setup = () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-staff-'));
    const path = join(dir, 'staff', 'accounts.json');
    return { path, accounts: new StaffAccounts(fileAccountStore(path), { now: () => Date.UTC(2026, 0, 1), params: cheap }) };
  };

  it('seeds the demonstration accounts once, into an owner-only file without the PINs', async () => {
    const { path, accounts } = setup();
    expect(await accounts.seed(simulatedAccounts)).toEqual(['agent', 'tech', 'admin']);
    expect(await accounts.seed(simulatedAccounts)).toEqual([]);
    expect(await accounts.list()).toEqual([
      { id: 'agent', role: 'agent', disabled: false, badge: false },
      { id: 'tech', role: 'technician', disabled: false, badge: false },
      { id: 'admin', role: 'admin', disabled: false, badge: false },
    ]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    const text = readFileSync(path, 'utf8');
    for (const a of simulatedAccounts) expect(text).not.toContain(a.pin);
  });

  it('logs in with id and PIN, refuses a wrong PIN, an unknown id and a disabled account', async () => {
    const { accounts } = setup();
    await accounts.seed(simulatedAccounts);
    await expect(accounts.authenticate({ id: 'tech', badge: null, pin: '246802' })).resolves.toEqual({ id: 'tech', role: 'technician' });
    await expect(accounts.authenticate({ id: 'tech', badge: null, pin: '135790' })).resolves.toBeNull();
    await expect(accounts.authenticate({ id: 'nobody', badge: null, pin: '246802' })).resolves.toBeNull();
    await expect(accounts.setDisabled('tech', true)).resolves.toEqual({ ok: true });
    await expect(accounts.authenticate({ id: 'tech', badge: null, pin: '246802' })).resolves.toBeNull();
  });

  it('logs in with a badge and the PIN of its account', async () => {
    const { accounts } = setup();
    await accounts.add({ id: 'wang', role: 'agent', pin: '402913', badge: 'STAFF-0042' });
    await expect(accounts.authenticate({ id: null, badge: 'STAFF-0042', pin: '402913' })).resolves.toEqual({ id: 'wang', role: 'agent' });
    await expect(accounts.authenticate({ id: null, badge: 'STAFF-0043', pin: '402913' })).resolves.toBeNull();
    await expect(accounts.add({ id: 'li', role: 'agent', pin: '402914', badge: 'STAFF-0042' })).resolves.toMatchObject({ ok: false, error: 'badgeTaken' });
  });

  it('changes a PIN, and refuses weak PINs, bad ids, duplicates and disabling the last admin', async () => {
    const { accounts } = setup();
    await accounts.seed(simulatedAccounts);
    await expect(accounts.setPin('agent', '111111')).resolves.toMatchObject({ ok: false, error: 'weakPin' });
    await expect(accounts.setPin('agent', '508317')).resolves.toEqual({ ok: true });
    await expect(accounts.authenticate({ id: 'agent', badge: null, pin: '508317' })).resolves.not.toBeNull();
    await expect(accounts.add({ id: 'Admin!', role: 'admin', pin: '508317' })).resolves.toMatchObject({ ok: false, error: 'badId' });
    await expect(accounts.add({ id: 'agent', role: 'admin', pin: '508317' })).resolves.toMatchObject({ ok: false, error: 'accountExists' });
    await expect(accounts.setDisabled('admin', true)).resolves.toMatchObject({ ok: false, error: 'lastAdmin' });
    await expect(accounts.setPin('ghost', '508317')).resolves.toMatchObject({ ok: false, error: 'accountNotFound' });
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PoliceSimulator } from '../../electron/hotel/police-simulator.ts';
import { openRegistrationOutbox, type RegistrationOutbox, type RegistrationOutboxEvent } from '../../electron/hotel/registration-outbox.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { ManualClock } from '../support/clock.ts';
import { chineseRegistration, foreignRegistration } from './registration-fixtures.ts';

let dir: string;
let clock: ManualClock;
let police: PoliceSimulator;
let outbox: RegistrationOutbox;
let events: RegistrationOutboxEvent[];

const hour = 3_600_000;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'reg-outbox-'));
  clock = new ManualClock(Date.parse('2026-11-28T14:00:00Z'));
  police = new PoliceSimulator({ now: clock.now, sleep: async () => {} });
  const opened = openRegistrationOutbox({
    path: join(dir, 'outbox.db'),
    key: Buffer.alloc(32, 3),
    police,
    clock,
    logger: silentLogger(),
    alerts: { overseasMs: 2 * hour, mainlandMs: 30 * 60_000 },
    retry: { initialDelayMs: 60_000, maxDelayMs: 60_000, jitter: 0 },
  });
  if (!opened.ok) throw new Error(opened.error.message);
  outbox = opened.value;
  events = [];
  outbox.on((e) => events.push(e));
  outbox.start();
});

afterEach(async () => {
  await outbox.close();
  rmSync(dir, { recursive: true, force: true });
});

async function step(ms = 0): Promise<void> {
  await clock.run(ms, () => outbox.idle());
}

/** Every file SQLite keeps for the database: main file, WAL, shared memory. */
function databaseBytes(): Buffer {
  return Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));
}

describe('registration outbox', () => {
  it('stores nothing personal in plaintext, pending or after delivery', async () => {
    police.setFaults({ down: true });
    const foreign = foreignRegistration('reg-plain-1');
    const chinese = chineseRegistration('reg-plain-2');
    expect(outbox.enqueue(foreign).ok).toBe(true);
    expect(outbox.enqueue(chinese).ok).toBe(true);
    await step();
    const secrets = ['ERIKSSON', 'L898902C3', 'E12345678', '张三', 'ZHANG', '1974-08-12', 'V1234567', '80000003'];
    const pending = databaseBytes();
    expect(pending.includes(Buffer.from('reg-plain-1'))).toBe(true); // the test reads the right files
    for (const s of secrets) expect(pending.includes(Buffer.from(s, 'utf8')), s).toBe(false);

    police.setFaults({ down: false });
    await step(60_000);
    expect(outbox.stats().pending).toBe(0);
    const delivered = databaseBytes();
    for (const s of secrets) expect(delivered.includes(Buffer.from(s, 'utf8')), s).toBe(false);
  });

  it('keeps a rejection reason encrypted too', async () => {
    police.rejectNext('bad-visa', 'visa L number V1234567 unknown for ERIKSSON');
    outbox.enqueue(foreignRegistration('reg-rej'));
    await step();
    expect(databaseBytes().includes(Buffer.from('ERIKSSON'))).toBe(false);
    expect(outbox.attention()).toMatchObject([{ id: 'reg-rej', reason: 'rejected', rejection: { code: 'bad-visa' } }]);
  });

  it('delivers to the police with exactly one effect', async () => {
    outbox.enqueue(foreignRegistration('reg-a'));
    outbox.enqueue(chineseRegistration('reg-b'));
    await step();
    expect(police.acceptedIds().sort()).toEqual(['reg-a', 'reg-b']);
    expect(police.stats().duplicates).toBe(0);
    expect(events.filter((e) => e.type === 'delivered').map((e) => e.id).sort()).toEqual(['reg-a', 'reg-b']);
  });

  it('alerts staff on an overseas guest at the overseas deadline and a mainland guest at the mainland one', async () => {
    police.setFaults({ down: true });
    const foreign = outbox.enqueue(foreignRegistration('reg-f'));
    const mainland = outbox.enqueue(chineseRegistration('reg-m'));
    expect(foreign.ok && foreign.value.alertAt).toBe(clock.now() + 2 * hour);
    expect(mainland.ok && mainland.value.alertAt).toBe(clock.now() + 30 * 60_000);
    await step();
    await step(30 * 60_000);
    expect(events.filter((e) => e.type === 'overdue').map((e) => e.id)).toEqual(['reg-m']);
    await step(90 * 60_000);
    expect(events.filter((e) => e.type === 'overdue').map((e) => e.id)).toEqual(['reg-m', 'reg-f']);
    const attention = outbox.attention();
    expect(attention.map((a) => a.reason)).toEqual(['overdue', 'overdue']);
    // staff see masked data only
    expect(attention[0]?.summary).toMatchObject({ registrationId: 'reg-f', guestName: 'E******* A*** M****', documentRef: 'L*****2C3', category: 'overseas', roomNumber: '1203' });
  });

  it('refuses an invalid registration before storing anything', () => {
    const bad = { ...foreignRegistration('reg-bad'), guest: { ...foreignRegistration().guest, birthDate: '12/08/1974' } };
    const r = outbox.enqueue(bad);
    expect(!r.ok && r.error).toMatchObject({ code: 'invalid-record', message: expect.stringContaining('guest.birthDate') });
    expect(outbox.has('reg-bad')).toBe(false);
  });

  it('lets staff resubmit a corrected registration under the same ID', async () => {
    outbox.enqueue(foreignRegistration('reg-exp', { document: { type: 'passport', number: 'L898902C3', issuer: 'UTO', expiryDate: '2020-01-01' } }));
    await step();
    expect(outbox.attention()).toMatchObject([{ reason: 'rejected', rejection: { code: 'document-expired' } }]);
    const r = outbox.resubmit(foreignRegistration('reg-exp'));
    expect(r.ok && r.value).toBe('resubmitted');
    await step();
    expect(police.deliveriesOf('reg-exp')).toBe(1);
    expect(outbox.attention()).toEqual([]);
  });
});

describe('where a registration stands (what the slip may say)', () => {
  it('is queued before any attempt, retrying while the police system is down, acknowledged once it answered', async () => {
    police.setFaults({ down: true });
    outbox.enqueue(foreignRegistration('reg-state-1'));
    expect(outbox.deliveryState('reg-state-1')).toBe('queued');
    await step();
    expect(outbox.deliveryState('reg-state-1')).toBe('retrying');
    police.setFaults({ down: false });
    await step(60_000);
    expect(outbox.deliveryState('reg-state-1')).toBe('acknowledged');
  });

  it('is rejected when the police system refused it, and unknown for a registration it never held', async () => {
    police.rejectNext('INVALID', 'document number format');
    outbox.enqueue(foreignRegistration('reg-state-2'));
    await step();
    expect(outbox.deliveryState('reg-state-2')).toBe('rejected');
    expect(outbox.deliveryState('never-written')).toBe('unknown');
    outbox.enqueue(foreignRegistration('reg-state-3'));
    expect(outbox.withdraw('reg-state-3')).toBe('withdrawn');
    expect(outbox.deliveryState('reg-state-3')).toBe('unknown');
  });
});

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutbox, OutboxStorageError, type Outbox, type OutboxEvent } from '../../electron/store/outbox.ts';
import { PoliceSimulator } from '../../electron/hotel/police-simulator.ts';
import { openRegistrationOutbox, type RegistrationOutbox, type RegistrationOutboxEvent } from '../../electron/hotel/registration-outbox.ts';
import { foreignRegistration } from '../hotel/registration-fixtures.ts';
import { ManualClock } from '../support/clock.ts';

/** A logger that keeps every line, so a test can count them. */
function countingLogger() {
  const lines: { level: string; message: string }[] = [];
  const log = (level: string) => (a: unknown, b?: unknown) => lines.push({ level, message: typeof a === 'string' ? a : String(b) });
  return { lines, logger: { info: log('info'), warn: log('warn'), error: log('error') } };
}

/**
 * The injected storage fault: a real SQLite database that, once `failWrites` is set, refuses every write the
 * way a read-only or broken disk does (SQLITE_READONLY), while reads still work.
 */
function faultyDatabase() {
  let db: Database.Database | null = null;
  return {
    open: (path: string) => (db = new Database(path)),
    failWrites: (on: boolean) => db?.pragma(`query_only = ${on ? 'ON' : 'OFF'}`),
  };
}

const minute = 60_000;
let dir: string;
let clock: ManualClock;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'outbox-storage-'));
  clock = new ManualClock();
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('outbox on a disk that fails every write', () => {
  let outbox: Outbox<{ n: number }, string>;
  let events: OutboxEvent<string>[];
  let log: ReturnType<typeof countingLogger>;
  let disk: ReturnType<typeof faultyDatabase>;
  let sent: number;

  beforeEach(() => {
    log = countingLogger();
    disk = faultyDatabase();
    sent = 0;
    const opened = openOutbox<{ n: number }, string>({
      path: join(dir, 'outbox.db'),
      openDatabase: disk.open,
      key: Buffer.alloc(32, 1),
      parse: (json) => json as { n: number },
      deliver: async () => {
        sent += 1;
        return { kind: 'acknowledged', receipt: 'R' };
      },
      summarize: (p) => `n=${p.n}`,
      clock,
      logger: log.logger,
      random: () => 0,
      retry: { initialDelayMs: 2_000, maxDelayMs: 5 * minute },
    });
    if (!opened.ok) throw new Error(opened.error.message);
    outbox = opened.outbox;
    events = [];
    outbox.on((e) => events.push(e));
  });

  afterEach(async () => {
    disk.failWrites(false);
    await outbox.close();
  });

  it('retries with a capped exponential backoff and raises one alert, not a storm, over an hour of failure', async () => {
    outbox.enqueue('r1', { n: 1 }, { alertAt: clock.now() + 24 * 60 * minute });
    disk.failWrites(true);
    outbox.start();
    const passes: number[] = [];
    const start = clock.now();
    await clock.run(60 * minute, async () => {
      await outbox.idle();
      if (passes.at(-1) !== clock.now()) passes.push(clock.now());
    });
    // 2, 4, 8 ... 256 s, then every 5 minutes: about 18 passes in the hour, never more than one timer waiting.
    const gaps = passes.slice(1).map((at, i) => at - (passes[i] as number));
    expect(passes.length).toBeLessThan(25);
    expect(gaps.slice(0, 4)).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(Math.max(...gaps)).toBe(5 * minute);
    expect(clock.pending).toBe(1);
    expect(clock.now() - start).toBe(60 * minute);
    expect(sent).toBe(0); // the attempt could not be recorded first, so nothing was sent
    expect(events.filter((e) => e.type === 'storage')).toEqual([{ type: 'storage', health: { ok: false, code: 'SQLITE_READONLY', since: start } }]);
    expect(log.lines.filter((l) => l.level === 'error')).toHaveLength(1);
    expect(log.lines.length).toBeLessThan(25);
    expect(outbox.storage()).toMatchObject({ ok: false, code: 'SQLITE_READONLY' });
  });

  it('refuses an enqueue it cannot store, and works again once the disk does', async () => {
    disk.failWrites(true);
    expect(() => outbox.enqueue('r2', { n: 2 }, { alertAt: clock.now() + minute })).toThrow(OutboxStorageError);
    expect(outbox.has('r2')).toBe(false);
    expect(outbox.storage().ok).toBe(false);
    outbox.start();
    await clock.run(10 * minute, () => outbox.idle());
    disk.failWrites(false);
    // The next backed-off pass probes with a write and finds the storage working again.
    await clock.run(5 * minute, () => outbox.idle());
    expect(outbox.storage()).toEqual({ ok: true });
    expect(events.filter((e) => e.type === 'storage').map((e) => e.type === 'storage' && e.health.ok)).toEqual([false, true]);
    expect(outbox.enqueue('r2', { n: 2 }, { alertAt: clock.now() + minute })).toEqual({ status: 'queued' });
    await clock.run(0, () => outbox.idle());
    expect(sent).toBe(1);
  });
});

describe('registration outbox storage health', () => {
  let outbox: RegistrationOutbox | null = null;
  let events: RegistrationOutboxEvent[];

  afterEach(async () => {
    await outbox?.close();
    outbox = null;
  });

  function open(path: string, extra: { freeSpace?: () => number | null; minFreeBytes?: number } = {}): RegistrationOutbox {
    const opened = openRegistrationOutbox({
      path,
      key: Buffer.alloc(32, 2),
      police: new PoliceSimulator({ now: clock.now, sleep: async () => {} }),
      clock,
      logger: countingLogger().logger,
      alerts: { overseasMs: 60 * minute, mainlandMs: 30 * minute },
      retry: { initialDelayMs: 1_000, maxDelayMs: minute },
      ...extra,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    outbox = opened.value;
    events = [];
    outbox.on((e) => events.push(e));
    outbox.start();
    return outbox;
  }

  it('starts with a directory it cannot open, refuses registrations, and opens it once it can', async () => {
    const missing = join(dir, 'not-yet', 'outbox.db');
    const o = open(missing);
    expect(o.health()).toMatchObject({ ok: false, code: 'cannot-open' });
    expect(o.enqueue(foreignRegistration('reg-a'))).toMatchObject({ ok: false, error: { code: 'storage-unavailable' } });
    await clock.run(10 * minute, () => o.idle());
    mkdirSync(join(dir, 'not-yet'));
    await clock.run(minute, () => o.idle());
    expect(o.health()).toEqual({ ok: true });
    expect(events.filter((e) => e.type === 'health').map((e) => e.type === 'health' && e.health.ok)).toEqual([true]);
    expect(o.enqueue(foreignRegistration('reg-a'))).toMatchObject({ ok: true });
  });

  it('counts as down while free space is below the minimum, checked at start and again while down', async () => {
    let free = 10 * 1_048_576;
    const o = open(join(dir, 'outbox.db'), { freeSpace: () => free, minFreeBytes: 64 * 1_048_576 });
    expect(o.health()).toMatchObject({ ok: false, code: 'low-disk-space', detail: '10 MB free where the outbox is, below the minimum of 64 MB' });
    expect(o.enqueue(foreignRegistration('reg-b'))).toMatchObject({ ok: false, error: { code: 'storage-unavailable' } });
    free = 2_000 * 1_048_576;
    await clock.run(minute, () => o.idle());
    expect(o.health()).toEqual({ ok: true });
    expect(o.enqueue(foreignRegistration('reg-b')).ok).toBe(true);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/log/logger.ts';
import { openOutbox, type DeliveryOutcome, type Outbox, type OutboxEvent, type OutboxOptions } from '../../electron/store/outbox.ts';
import { ManualClock } from '../support/clock.ts';

interface Payload {
  readonly name: string;
  readonly n: number;
}

const key = Buffer.alloc(32, 7);
const parse = (json: unknown): Payload => {
  const p = json as Payload;
  if (typeof p?.name !== 'string' || typeof p.n !== 'number') throw new Error('bad payload');
  return p;
};

let dir: string;
let clock: ManualClock;
let outcomes: DeliveryOutcome[];
let sent: string[];
let events: OutboxEvent<string>[];
const open: Outbox<Payload, string>[] = [];

function make(overrides: Partial<OutboxOptions<Payload, string>> = {}): Outbox<Payload, string> {
  const opened = openOutbox<Payload, string>({
    path: join(dir, 'outbox.db'),
    key,
    parse,
    deliver: async (id) => {
      sent.push(id);
      return outcomes.shift() ?? { kind: 'acknowledged', receipt: `R-${id}` };
    },
    summarize: (p) => `summary:${p.n}`,
    clock,
    logger: silentLogger(),
    random: () => 0,
    ...overrides,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  open.push(opened.outbox);
  opened.outbox.on((e) => events.push(e));
  return opened.outbox;
}

async function step(outbox: Outbox<Payload, string>, ms = 0): Promise<void> {
  await clock.run(ms, () => outbox.idle());
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'outbox-'));
  clock = new ManualClock(Date.parse('2026-11-28T14:00:00Z'));
  outcomes = [];
  sent = [];
  events = [];
});

afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('outbox', () => {
  it('keeps an enqueued record across a reopen before it is delivered', async () => {
    const first = make();
    expect(first.enqueue('a1', { name: 'x', n: 1 }, { alertAt: clock.now() + 60_000 })).toEqual({ status: 'queued' });
    await first.close();
    const second = make();
    expect(second.has('a1')).toBe(true);
    expect(second.stats()).toMatchObject({ pending: 1 });
    second.start();
    await step(second);
    expect(sent).toEqual(['a1']);
    expect(second.has('a1')).toBe(false);
  });

  it('delivers, deletes on acknowledgement and reports the receipt', async () => {
    const outbox = make();
    outbox.start();
    outbox.enqueue('a1', { name: 'x', n: 1 }, { alertAt: clock.now() + 60_000 });
    await step(outbox);
    expect(sent).toEqual(['a1']);
    expect(outbox.stats()).toEqual({ pending: 0, rejected: 0, unreadable: 0, overdue: 0 });
    expect(events).toContainEqual({ type: 'delivered', id: 'a1', receipt: 'R-a1', attempts: 1 });
  });

  it('treats a second enqueue of the same ID as a no-op', async () => {
    const outbox = make();
    outbox.enqueue('a1', { name: 'x', n: 1 }, { alertAt: clock.now() + 60_000 });
    expect(outbox.enqueue('a1', { name: 'y', n: 2 }, { alertAt: clock.now() + 60_000 })).toEqual({ status: 'already-queued' });
    outbox.start();
    await step(outbox);
    expect(sent).toEqual(['a1']);
  });

  it('refuses record IDs that could not be an idempotency key', () => {
    const outbox = make();
    expect(() => outbox.enqueue('has space', { name: 'x', n: 1 }, { alertAt: 0 })).toThrow(RangeError);
  });

  it('retries a failed delivery with exponential backoff', async () => {
    outcomes = [
      { kind: 'failed', code: 'timeout', message: 't' },
      { kind: 'failed', code: 'unreachable', message: 'u' },
    ];
    const outbox = make({ retry: { initialDelayMs: 1000, factor: 2, maxDelayMs: 60_000, jitter: 0.2 } });
    outbox.start();
    outbox.enqueue('a1', { name: 'x', n: 1 }, { alertAt: clock.now() + 3_600_000 });
    await step(outbox);
    expect(sent).toEqual(['a1']);
    await step(outbox, 999);
    expect(sent).toHaveLength(1);
    await step(outbox, 1);
    expect(sent).toHaveLength(2);
    await step(outbox, 1999);
    expect(sent).toHaveLength(2);
    await step(outbox, 1);
    expect(sent).toHaveLength(3);
    expect(outbox.has('a1')).toBe(false);
    expect(events.filter((e) => e.type === 'retrying').map((e) => (e as { code: string }).code)).toEqual(['timeout', 'unreachable']);
  });

  it('caps the backoff and applies jitter downwards only', async () => {
    outcomes = Array.from({ length: 6 }, () => ({ kind: 'failed', code: 'timeout', message: 't' }) as const);
    const outbox = make({ random: () => 0.5, retry: { initialDelayMs: 1000, factor: 10, maxDelayMs: 5000, jitter: 0.2 } });
    outbox.start();
    outbox.enqueue('a1', { name: 'x', n: 1 }, { alertAt: clock.now() + 3_600_000 });
    await step(outbox);
    const retrying = () => events.filter((e) => e.type === 'retrying') as Extract<OutboxEvent<string>, { type: 'retrying' }>[];
    const t0 = clock.now();
    expect(retrying()[0]?.nextAttemptAt).toBe(t0 + 900); // 1000 × (1 − 0.2 × 0.5)
    await step(outbox, 900);
    expect(retrying()[1]?.nextAttemptAt).toBe(clock.now() + 4500); // min(10 000, 5000) × 0.9
  });

  it('pauses the whole queue while the receiver fails instead of trying every record', async () => {
    outcomes = [{ kind: 'failed', code: 'unreachable', message: 'down' }];
    const outbox = make({ retry: { initialDelayMs: 1000, jitter: 0 } });
    outbox.enqueue('a1', { name: 'x', n: 1 }, { alertAt: clock.now() + 3_600_000 });
    outbox.enqueue('a2', { name: 'y', n: 2 }, { alertAt: clock.now() + 3_600_000 });
    outbox.start();
    await step(outbox);
    expect(sent).toEqual(['a1']);
    await step(outbox, 1000);
    expect(sent).toEqual(['a1', 'a1', 'a2']);
    expect(outbox.stats().pending).toBe(0);
  });

  it('keeps a rejected record for staff with its reason, stops retrying it, and delivers it once resubmitted', async () => {
    outcomes = [{ kind: 'rejected', code: 'document-expired', reason: 'document expired' }];
    const outbox = make();
    outbox.start();
    outbox.enqueue('a1', { name: 'x', n: 1 }, { alertAt: clock.now() + 3_600_000 });
    await step(outbox);
    expect(events).toContainEqual({ type: 'rejected', id: 'a1', code: 'document-expired', reason: 'document expired', summary: 'summary:1' });
    expect(outbox.stats()).toMatchObject({ pending: 0, rejected: 1 });
    await step(outbox, 24 * 3_600_000);
    expect(sent).toEqual(['a1']);
    const [item] = outbox.attention();
    expect(item).toMatchObject({ id: 'a1', reason: 'rejected', attempts: 1, rejection: { code: 'document-expired', reason: 'document expired' }, summary: 'summary:1' });
    expect(outbox.resubmit('a1', { name: 'x', n: 2 })).toBe('resubmitted');
    await step(outbox);
    expect(sent).toEqual(['a1', 'a1']);
    expect(outbox.attention()).toEqual([]);
    expect(outbox.resubmit('a1', { name: 'x', n: 2 })).toBe('not-found');
  });

  it('refuses to resubmit a record that is still pending', () => {
    const outbox = make();
    outbox.enqueue('a1', { name: 'x', n: 1 }, { alertAt: clock.now() + 1000 });
    expect(outbox.resubmit('a1', { name: 'x', n: 2 })).toBe('pending');
  });

  it('raises a record still pending at its alert time once, and lists it for staff', async () => {
    outcomes = Array.from({ length: 50 }, () => ({ kind: 'failed', code: 'unreachable', message: 'down' }) as const);
    const outbox = make({ retry: { initialDelayMs: 60_000, maxDelayMs: 60_000, jitter: 0 } });
    outbox.start();
    outbox.enqueue('a1', { name: 'x', n: 1 }, { alertAt: clock.now() + 150_000 });
    await step(outbox);
    await step(outbox, 149_999);
    expect(events.some((e) => e.type === 'overdue')).toBe(false);
    expect(outbox.attention()).toEqual([]);
    await step(outbox, 1);
    expect(events.filter((e) => e.type === 'overdue')).toEqual([{ type: 'overdue', id: 'a1', alertAt: clock.now(), summary: 'summary:1' }]);
    expect(outbox.stats().overdue).toBe(1);
    expect(outbox.attention()).toMatchObject([{ id: 'a1', reason: 'overdue', lastError: 'unreachable', summary: 'summary:1' }]);
    await step(outbox, 600_000);
    expect(events.filter((e) => e.type === 'overdue')).toHaveLength(1);
  });

  it('raises an overdue record even when no retry is due at that moment', async () => {
    outcomes = [{ kind: 'failed', code: 'unreachable', message: 'down' }];
    const outbox = make({ retry: { initialDelayMs: 3_600_000, maxDelayMs: 3_600_000, jitter: 0 } });
    outbox.start();
    outbox.enqueue('a1', { name: 'x', n: 1 }, { alertAt: clock.now() + 10_000 });
    await step(outbox);
    await step(outbox, 10_000);
    expect(events.some((e) => e.type === 'overdue')).toBe(true);
    expect(sent).toHaveLength(1);
  });

  it('will not open with a different key', async () => {
    const first = make();
    first.enqueue('a1', { name: 'x', n: 1 }, { alertAt: 0 });
    await first.close();
    const other = openOutbox<Payload, string>({
      path: join(dir, 'outbox.db'), key: Buffer.alloc(32, 8), parse, deliver: async () => ({ kind: 'acknowledged', receipt: 'r' }),
      summarize: String, clock, logger: silentLogger(),
    });
    expect(other.ok).toBe(false);
    expect(!other.ok && other.error.code).toBe('wrong-key');
  });

  it('reports a file it cannot open as a typed error', () => {
    const r = openOutbox<Payload, string>({
      path: join(dir, 'missing-dir', 'x.db'), key, parse, deliver: async () => ({ kind: 'acknowledged', receipt: 'r' }),
      summarize: String, clock, logger: silentLogger(),
    });
    expect(!r.ok && r.error.code).toBe('cannot-open');
  });

  it('marks a record whose ciphertext was moved to another row unreadable and never sends it', async () => {
    const outbox = make();
    outbox.enqueue('a1', { name: 'x', n: 1 }, { alertAt: clock.now() + 60_000 });
    outbox.enqueue('a2', { name: 'y', n: 2 }, { alertAt: clock.now() + 60_000 });
    await outbox.close();
    const db = new Database(join(dir, 'outbox.db'));
    db.prepare(`UPDATE outbox SET sealed = (SELECT sealed FROM outbox WHERE id = 'a2') WHERE id = 'a1'`).run();
    db.close();
    const reopened = make();
    reopened.start();
    await step(reopened);
    expect(sent).toEqual(['a2']);
    expect(events).toContainEqual({ type: 'unreadable', id: 'a1' });
    expect(reopened.attention()).toMatchObject([{ id: 'a1', reason: 'unreadable', summary: null }]);
    expect(reopened.stats()).toMatchObject({ unreadable: 1, pending: 0 });
  });

  it('marks a record that decrypts but fails validation unreadable', async () => {
    const outbox = make({ parse: () => { throw new Error('schema changed'); } });
    outbox.enqueue('a1', { name: 'x', n: 1 }, { alertAt: clock.now() + 60_000 });
    outbox.start();
    await step(outbox);
    expect(sent).toEqual([]);
    expect(outbox.stats().unreadable).toBe(1);
  });

  it('withdraws a record that was never sent, but not one that was', async () => {
    outcomes = [{ kind: 'failed', code: 'timeout', message: 't' }];
    const outbox = make();
    outbox.enqueue('a1', { name: 'x', n: 1 }, { alertAt: clock.now() + 60_000 });
    outbox.enqueue('a2', { name: 'y', n: 2 }, { alertAt: clock.now() + 60_000 });
    expect(outbox.withdraw('a2')).toBe('withdrawn');
    outbox.start();
    await step(outbox);
    expect(outbox.withdraw('a1')).toBe('attempted');
    expect(outbox.withdraw('zz')).toBe('not-found');
    expect(sent).toEqual(['a1']);
  });

  it('discards a record staff handled by hand', () => {
    const outbox = make();
    outbox.enqueue('a1', { name: 'x', n: 1 }, { alertAt: 0 });
    expect(outbox.discard('a1')).toBe(true);
    expect(outbox.discard('a1')).toBe(false);
  });

  it('treats a deliver function that throws as a failed attempt and retries', async () => {
    let calls = 0;
    const outbox = make({
      retry: { initialDelayMs: 1000, jitter: 0 },
      deliver: async () => {
        calls++;
        if (calls === 1) throw new Error('adapter bug');
        return { kind: 'acknowledged', receipt: 'r' };
      },
    });
    outbox.start();
    outbox.enqueue('a1', { name: 'x', n: 1 }, { alertAt: clock.now() + 60_000 });
    await step(outbox);
    expect(events).toContainEqual(expect.objectContaining({ type: 'retrying', code: 'exception' }));
    await step(outbox, 1000);
    expect(calls).toBe(2);
    expect(outbox.has('a1')).toBe(false);
  });

  it('waits for an in-flight delivery on close and then refuses work', async () => {
    let release!: () => void;
    const outbox = make({
      deliver: () => new Promise<DeliveryOutcome>((resolve) => { release = () => resolve({ kind: 'acknowledged', receipt: 'r' }); }),
    });
    outbox.start();
    outbox.enqueue('a1', { name: 'x', n: 1 }, { alertAt: clock.now() + 60_000 });
    clock.advance(0);
    expect(outbox.withdraw('a1')).toBe('attempted');
    expect(outbox.discard('a1')).toBe(false);
    let closed = false;
    const closing = outbox.close().then(() => { closed = true; });
    await Promise.resolve();
    expect(closed).toBe(false);
    release();
    await closing;
    expect(() => outbox.stats()).toThrow(/closed/);
    const reopened = make();
    expect(reopened.has('a1')).toBe(false);
  });

  it('does not deliver before start', async () => {
    const outbox = make();
    outbox.enqueue('a1', { name: 'x', n: 1 }, { alertAt: 0 });
    await step(outbox, 10_000);
    expect(sent).toEqual([]);
  });
});

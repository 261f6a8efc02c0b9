import Database from 'better-sqlite3';
import type { Unsubscribe } from '../../drivers/device.ts';
import type { Clock } from '../../drivers/clock.ts';
import type { Logger } from '../log/logger.ts';
import { createRecordCipher, type RecordCipher } from './record-cipher.ts';

/**
 * A durable, encrypted outbox: records that must reach a back-end (guest registrations for the police,
 * docs/china-rules.md §1: foreign guests within 24 h) survive crashes and outages.
 *
 * Guarantees:
 * - `enqueue` returns only after the record is committed to disk (SQLite WAL, synchronous=FULL), so a caller
 *   may complete the business step that depends on it (the PMS check-in) once it returns.
 * - Nothing personal is stored in plaintext: the payload (and a rejection's reason) are AES-256-GCM sealed with
 *   the record ID as associated data; only the ID, timestamps, counters and a transport error code are clear.
 *   `secure_delete` zeroes freed pages, so delivered records do not linger in the file.
 * - Delivery is at-least-once on the wire and exactly-once in effect *given an idempotent receiver*: the attempt
 *   is recorded before sending and the record deleted after the acknowledgement, so the only window for a
 *   second send is a crash between the receiver's acknowledgement and the local delete — and the receiver
 *   treats a redelivery of the same ID as a no-op acknowledgement.
 * - Failed sends are retried with exponential backoff (injected clock); while the receiver is failing, the
 *   whole queue pauses rather than hammering it record by record.
 * - Rejected records, unreadable records (wrong key, tampering) and records still pending at their alert time
 *   are raised to staff: as events while running, and always through `attention()`.
 */

/** The part of the clock (drivers/clock.ts) the outbox needs: wall time for records, timers for retries. */
export type OutboxClock = Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>;

export type DeliveryOutcome =
  | { readonly kind: 'acknowledged'; readonly receipt: string }
  | { readonly kind: 'rejected'; readonly code: string; readonly reason: string }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string };

export interface RetryPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly factor: number;
  /** 0..1: the share of each delay that is randomised downwards, so kiosks do not retry in lockstep. */
  readonly jitter: number;
}

export const defaultRetryPolicy: RetryPolicy = { initialDelayMs: 2_000, maxDelayMs: 5 * 60_000, factor: 2, jitter: 0.2 };

/** Named points in enqueue and delivery where a crash test kills the process. */
export type OutboxPoint =
  | 'enqueue:before-commit'
  | 'enqueue:after-commit'
  | 'deliver:before-send'
  | 'deliver:after-send'
  | 'deliver:after-ack-record';

export interface OutboxOptions<T, S> {
  /** SQLite file path, or ':memory:' (not durable; for simulated mode without a data directory). */
  readonly path: string;
  /** 32-byte AES-256-GCM key. */
  readonly key: Uint8Array;
  /** Validates a decrypted payload (e.g. a zod schema's `parse`); a throw marks the record unreadable. */
  readonly parse: (json: unknown) => T;
  readonly deliver: (id: string, payload: T) => Promise<DeliveryOutcome>;
  /** What staff see of a record: must not carry personal data in clear (mask names and numbers). */
  readonly summarize: (payload: T) => S;
  readonly clock: OutboxClock;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly retry?: Partial<RetryPolicy>;
  /** Randomness for jitter, 0 ≤ x < 1. */
  readonly random?: () => number;
  readonly randomBytes?: (n: number) => Buffer;
  /** Records handed to `deliver` per pass. */
  readonly batchSize?: number;
  /** Test probe: called at each named point (a crash test SIGKILLs itself here). */
  readonly faultPoint?: (point: OutboxPoint, id: string) => void;
}

export type OutboxOpenError =
  | { readonly code: 'wrong-key'; readonly message: string }
  | { readonly code: 'cannot-open'; readonly message: string };

export type AttentionReason = 'overdue' | 'rejected' | 'unreadable';

export interface AttentionItem<S> {
  readonly id: string;
  readonly reason: AttentionReason;
  readonly createdAt: number;
  readonly alertAt: number;
  readonly attempts: number;
  /** Transport error code of the last failed attempt (e.g. 'timeout'), or null. */
  readonly lastError: string | null;
  readonly rejection: { readonly code: string; readonly reason: string } | null;
  /** null when the record cannot be decrypted. */
  readonly summary: S | null;
}

export type OutboxEvent<S> =
  | { readonly type: 'queued'; readonly id: string }
  | { readonly type: 'delivered'; readonly id: string; readonly receipt: string; readonly attempts: number }
  | { readonly type: 'retrying'; readonly id: string; readonly code: string; readonly attempts: number; readonly nextAttemptAt: number }
  | { readonly type: 'rejected'; readonly id: string; readonly code: string; readonly reason: string; readonly summary: S }
  | { readonly type: 'overdue'; readonly id: string; readonly alertAt: number; readonly summary: S | null }
  | { readonly type: 'unreadable'; readonly id: string };

export interface OutboxStats {
  readonly pending: number;
  readonly rejected: number;
  readonly unreadable: number;
  /** Pending records past their alert time. */
  readonly overdue: number;
}

interface Row {
  id: string;
  sealed: Buffer;
  state: 'pending' | 'rejected' | 'unreadable';
  created_at: number;
  alert_at: number;
  alerted: number;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  rejection: Buffer | null;
}

const schema = `
CREATE TABLE IF NOT EXISTS outbox (
  id TEXT PRIMARY KEY,
  sealed BLOB NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'rejected', 'unreadable')),
  created_at INTEGER NOT NULL,
  alert_at INTEGER NOT NULL,
  alerted INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  rejection BLOB
) STRICT;
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, next_attempt_at);
CREATE TABLE IF NOT EXISTS outbox_meta (k TEXT PRIMARY KEY, v BLOB NOT NULL) STRICT;
`;

const keyCheckAad = 'passage-outbox:key-check';
const keyCheckText = 'passage-outbox';
const idPattern = /^[A-Za-z0-9._:-]{1,128}$/;

export function openOutbox<T, S>(options: OutboxOptions<T, S>): { ok: true; outbox: Outbox<T, S> } | { ok: false; error: OutboxOpenError } {
  let db: Database.Database;
  try {
    db = new Database(options.path);
    db.pragma('journal_mode = WAL');
    // FULL: a committed enqueue survives power loss too, not only a process crash (NORMAL would not).
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    db.exec(schema);
  } catch (error) {
    return { ok: false, error: { code: 'cannot-open', message: `${options.path}: ${(error as Error).message}` } };
  }
  const cipher = createRecordCipher(options.key, options.randomBytes);
  const check = db.prepare('SELECT v FROM outbox_meta WHERE k = ?').get('key-check') as { v: Buffer } | undefined;
  if (check) {
    if (cipher.open(check.v, keyCheckAad)?.toString('utf8') !== keyCheckText) {
      db.close();
      return { ok: false, error: { code: 'wrong-key', message: 'the outbox key does not open this outbox' } };
    }
  } else {
    db.prepare('INSERT INTO outbox_meta (k, v) VALUES (?, ?)').run('key-check', cipher.seal(Buffer.from(keyCheckText), keyCheckAad));
  }
  return { ok: true, outbox: new Outbox(db, cipher, options) };
}

export class Outbox<T, S> {
  readonly #db: Database.Database;
  readonly #cipher: RecordCipher;
  readonly #o: OutboxOptions<T, S>;
  readonly #retry: RetryPolicy;
  readonly #listeners = new Set<(event: OutboxEvent<S>) => void>();
  readonly #inFlight = new Set<string>();
  #timer: unknown = null;
  #running: Promise<void> | null = null;
  #again = false;
  #started = false;
  #closed = false;
  /** While the receiver is failing, no record is tried before this time. */
  #pauseUntil = 0;

  constructor(db: Database.Database, cipher: RecordCipher, options: OutboxOptions<T, S>) {
    this.#db = db;
    this.#cipher = cipher;
    this.#o = options;
    this.#retry = { ...defaultRetryPolicy, ...options.retry };
  }

  /**
   * Stores a record durably. Returns once committed; `already-queued` when a record with this ID is in the
   * outbox (the payload is not replaced: use `resubmit` for a rejected one).
   */
  enqueue(id: string, payload: T, options: { readonly alertAt: number }): { status: 'queued' | 'already-queued' } {
    this.#assertOpen();
    if (!idPattern.test(id)) throw new RangeError(`outbox record ID must match ${idPattern}`);
    const sealed = this.#seal(payload, id);
    const now = this.#o.clock.now();
    const insert = this.#db.transaction(() => {
      const result = this.#db
        .prepare(
          `INSERT OR IGNORE INTO outbox (id, sealed, state, created_at, alert_at, next_attempt_at)
           VALUES (?, ?, 'pending', ?, ?, ?)`,
        )
        .run(id, sealed, now, options.alertAt, now);
      this.#o.faultPoint?.('enqueue:before-commit', id);
      return result.changes;
    });
    const changes = insert();
    this.#o.faultPoint?.('enqueue:after-commit', id);
    if (changes === 0) return { status: 'already-queued' };
    this.#emit({ type: 'queued', id });
    this.#kick();
    return { status: 'queued' };
  }

  /**
   * Takes back a record that was never sent (the step it belonged to failed, e.g. the PMS refused the
   * check-in). A record that was ever handed to the receiver stays: the receiver may have it.
   */
  withdraw(id: string): 'withdrawn' | 'not-found' | 'attempted' {
    this.#assertOpen();
    const row = this.#row(id);
    if (!row) return 'not-found';
    if (row.attempts > 0 || this.#inFlight.has(id)) return 'attempted';
    this.#db.prepare('DELETE FROM outbox WHERE id = ? AND attempts = 0').run(id);
    return 'withdrawn';
  }

  /** Staff corrected a rejected (or unreadable) record: it is queued again under the same ID. */
  resubmit(id: string, payload: T): 'resubmitted' | 'not-found' | 'pending' {
    this.#assertOpen();
    const row = this.#row(id);
    if (!row) return 'not-found';
    if (row.state === 'pending') return 'pending';
    this.#db
      .prepare(
        `UPDATE outbox SET sealed = ?, state = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL,
         rejection = NULL WHERE id = ?`,
      )
      .run(this.#seal(payload, id), this.#o.clock.now(), id);
    this.#kick();
    return 'resubmitted';
  }

  /**
   * Staff dealt with why a record was refused (or could not be read) outside the kiosk: it is queued again
   * as stored, under the same ID, with a fresh attempt count.
   */
  requeue(id: string): 'requeued' | 'notFound' | 'pending' {
    this.#assertOpen();
    const row = this.#row(id);
    if (!row) return 'notFound';
    if (row.state === 'pending') return 'pending';
    this.#db
      .prepare(`UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL, rejection = NULL WHERE id = ?`)
      .run(this.#o.clock.now(), id);
    this.#kick();
    return 'requeued';
  }

  /** Staff handled a record outside the kiosk (e.g. entered it in the police system by hand). */
  discard(id: string): boolean {
    this.#assertOpen();
    if (this.#inFlight.has(id)) return false;
    return this.#db.prepare('DELETE FROM outbox WHERE id = ?').run(id).changes > 0;
  }

  has(id: string): boolean {
    this.#assertOpen();
    return this.#row(id) !== undefined;
  }

  stats(): OutboxStats {
    this.#assertOpen();
    const now = this.#o.clock.now();
    const r = this.#db
      .prepare(
        `SELECT
           SUM(state = 'pending') AS pending, SUM(state = 'rejected') AS rejected,
           SUM(state = 'unreadable') AS unreadable, SUM(state = 'pending' AND alert_at <= ?) AS overdue
         FROM outbox`,
      )
      .get(now) as Record<keyof OutboxStats, number | null>;
    return { pending: r.pending ?? 0, rejected: r.rejected ?? 0, unreadable: r.unreadable ?? 0, overdue: r.overdue ?? 0 };
  }

  /** Everything staff must act on: rejected, unreadable, and pending past the alert time. Oldest first. */
  attention(): AttentionItem<S>[] {
    this.#assertOpen();
    const rows = this.#db
      .prepare(`SELECT * FROM outbox WHERE state != 'pending' OR alert_at <= ? ORDER BY created_at, id`)
      .all(this.#o.clock.now()) as Row[];
    return rows.map((row) => {
      const payload = this.#openPayload(row);
      const rejection = row.rejection ? this.#openJson(row.rejection, `${row.id}:rejection`) : null;
      return {
        id: row.id,
        reason: row.state === 'pending' ? 'overdue' : row.state,
        createdAt: row.created_at,
        alertAt: row.alert_at,
        attempts: row.attempts,
        lastError: row.last_error,
        rejection: isRejection(rejection) ? rejection : null,
        summary: payload.ok ? this.#o.summarize(payload.value) : null,
      };
    });
  }

  on(listener: (event: OutboxEvent<S>) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts delivering: now, after each enqueue, and whenever a retry or an alert falls due. */
  start(): void {
    this.#assertOpen();
    this.#started = true;
    this.#kick();
  }

  /** Resolves when no delivery pass is running (tests advance the clock, then await this). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Stops the worker, waits for an in-flight delivery to settle, and closes the database. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#clearTimer();
    await this.idle();
    this.#listeners.clear();
    this.#db.close();
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('outbox is closed');
  }

  #row(id: string): Row | undefined {
    return this.#db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as Row | undefined;
  }

  #seal(payload: T, id: string): Buffer {
    return this.#cipher.seal(Buffer.from(JSON.stringify(payload), 'utf8'), id);
  }

  #openJson(sealed: Buffer, aad: string): unknown {
    const plain = this.#cipher.open(sealed, aad);
    if (!plain) return null;
    try {
      return JSON.parse(plain.toString('utf8')) as unknown;
    } catch {
      return null;
    }
  }

  #openPayload(row: Row): { ok: true; value: T } | { ok: false } {
    const json = this.#openJson(row.sealed, row.id);
    if (json === null) return { ok: false };
    try {
      return { ok: true, value: this.#o.parse(json) };
    } catch {
      return { ok: false };
    }
  }

  #emit(event: OutboxEvent<S>): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#o.logger.error({ err: error, event: event.type }, 'outbox listener threw');
      }
    }
  }

  #backoff(attempt: number): number {
    const { initialDelayMs, maxDelayMs, factor, jitter } = this.#retry;
    const base = Math.min(maxDelayMs, initialDelayMs * factor ** Math.max(0, attempt - 1));
    const random = this.#o.random ?? Math.random;
    return Math.max(1, Math.round(base * (1 - jitter * random())));
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#o.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #kick(): void {
    if (!this.#started || this.#closed) return;
    this.#wakeIn(0);
  }

  #wakeIn(ms: number): void {
    this.#clearTimer();
    this.#timer = this.#o.clock.setTimeout(() => {
      this.#timer = null;
      this.#run();
    }, ms);
  }

  #run(): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        await this.#pass();
      } while (this.#again && !this.#closed);
    })()
      .catch((error: unknown) => this.#o.logger.error({ err: error }, 'outbox pass failed'))
      .finally(() => {
        this.#running = null;
        this.#scheduleNext();
      });
  }

  #scheduleNext(): void {
    if (this.#closed || !this.#started) return;
    const r = this.#db
      .prepare(
        `SELECT MIN(next_attempt_at) AS due, (SELECT MIN(alert_at) FROM outbox WHERE state = 'pending' AND alerted = 0) AS alert
         FROM outbox WHERE state = 'pending'`,
      )
      .get() as { due: number | null; alert: number | null };
    const candidates: number[] = [];
    if (r.due !== null) candidates.push(Math.max(r.due, this.#pauseUntil));
    if (r.alert !== null) candidates.push(r.alert);
    if (candidates.length === 0) return;
    this.#wakeIn(Math.max(0, Math.min(...candidates) - this.#o.clock.now()));
  }

  async #pass(): Promise<void> {
    this.#raiseOverdue();
    if (this.#o.clock.now() < this.#pauseUntil) return;
    const due = this.#db
      .prepare(
        `SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY created_at, id LIMIT ?`,
      )
      .all(this.#o.clock.now(), this.#o.batchSize ?? 20) as Row[];
    for (const row of due) {
      if (this.#closed) return;
      const keepGoing = await this.#deliverOne(row);
      if (!keepGoing) return;
    }
    if (due.length === (this.#o.batchSize ?? 20)) this.#again = true;
  }

  #raiseOverdue(): void {
    const now = this.#o.clock.now();
    const rows = this.#db
      .prepare(`SELECT * FROM outbox WHERE state = 'pending' AND alerted = 0 AND alert_at <= ?`)
      .all(now) as Row[];
    for (const row of rows) {
      this.#db.prepare('UPDATE outbox SET alerted = 1 WHERE id = ?').run(row.id);
      const payload = this.#openPayload(row);
      this.#o.logger.warn({ registrationId: row.id, attempts: row.attempts }, 'outbox record overdue');
      this.#emit({ type: 'overdue', id: row.id, alertAt: row.alert_at, summary: payload.ok ? this.#o.summarize(payload.value) : null });
    }
  }

  /** One record; false when the receiver is failing and the pass should stop. */
  async #deliverOne(row: Row): Promise<boolean> {
    const payload = this.#openPayload(row);
    if (!payload.ok) {
      this.#db.prepare(`UPDATE outbox SET state = 'unreadable' WHERE id = ?`).run(row.id);
      this.#o.logger.error({ registrationId: row.id }, 'outbox record cannot be decrypted or validated');
      this.#emit({ type: 'unreadable', id: row.id });
      return true;
    }
    const attempts = row.attempts + 1;
    // Recorded before sending: after a crash the attempt counts, so backoff and `withdraw` stay truthful.
    this.#db
      .prepare('UPDATE outbox SET attempts = ?, next_attempt_at = ? WHERE id = ?')
      .run(attempts, this.#o.clock.now() + this.#backoff(attempts), row.id);
    this.#o.faultPoint?.('deliver:before-send', row.id);
    this.#inFlight.add(row.id);
    let outcome: DeliveryOutcome;
    try {
      outcome = await this.#o.deliver(row.id, payload.value);
    } catch (error) {
      this.#o.logger.error({ err: error, registrationId: row.id }, 'outbox deliver threw (a bug in the adapter)');
      outcome = { kind: 'failed', code: 'exception', message: (error as Error).message };
    } finally {
      this.#inFlight.delete(row.id);
    }
    this.#o.faultPoint?.('deliver:after-send', row.id);
    switch (outcome.kind) {
      case 'acknowledged':
        this.#db.prepare('DELETE FROM outbox WHERE id = ?').run(row.id);
        this.#o.faultPoint?.('deliver:after-ack-record', row.id);
        this.#pauseUntil = 0;
        this.#o.logger.info({ registrationId: row.id, attempts }, 'outbox record delivered');
        this.#emit({ type: 'delivered', id: row.id, receipt: outcome.receipt, attempts });
        return true;
      case 'rejected': {
        const rejection = { code: outcome.code, reason: outcome.reason };
        const sealed = this.#cipher.seal(Buffer.from(JSON.stringify(rejection), 'utf8'), `${row.id}:rejection`);
        this.#db.prepare(`UPDATE outbox SET state = 'rejected', rejection = ? WHERE id = ?`).run(sealed, row.id);
        this.#pauseUntil = 0;
        this.#o.logger.warn({ registrationId: row.id, code: outcome.code }, 'outbox record rejected');
        this.#emit({ type: 'rejected', id: row.id, ...rejection, summary: this.#o.summarize(payload.value) });
        return true;
      }
      case 'failed': {
        const code = /^[a-z0-9-]{1,40}$/.test(outcome.code) ? outcome.code : 'other';
        const nextAttemptAt = this.#o.clock.now() + this.#backoff(attempts);
        this.#db.prepare('UPDATE outbox SET last_error = ?, next_attempt_at = ? WHERE id = ?').run(code, nextAttemptAt, row.id);
        this.#pauseUntil = nextAttemptAt;
        this.#o.logger.warn({ registrationId: row.id, code, attempts }, 'outbox delivery failed; will retry');
        this.#emit({ type: 'retrying', id: row.id, code, attempts, nextAttemptAt });
        return false;
      }
    }
  }
}

function isRejection(value: unknown): value is { code: string; reason: string } {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string'
    && typeof (value as { reason?: unknown }).reason === 'string';
}

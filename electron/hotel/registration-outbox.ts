import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { Unsubscribe } from '../../drivers/device.ts';
import type { Logger } from '../log/logger.ts';
import {
  defaultRetryPolicy, openOutbox, OutboxStorageError, type AttentionItem, type DeliveryOutcome, type Outbox, type OutboxClock,
  type OutboxEvent, type OutboxOpenError, type OutboxPoint, type OutboxStats, type RetryPolicy,
} from '../store/outbox.ts';
import {
  guestCategory, guestRegistrationSchema, summarizeRegistration, type GuestCategory, type GuestRegistration,
  type RegistrationSummary,
} from './guest-registration.ts';
import type { PoliceReporting } from './police-reporting.ts';
import { err, ok, type Result } from '../../drivers/result.ts';

/**
 * Guest registrations on their way to the police: the encrypted outbox (electron/store/outbox.ts) bound to a
 * PoliceReporting port. Write each registration here *before* completing the PMS check-in.
 *
 * Staff alert times: overseas guests must be reported within 24 h (docs/china-rules.md §1, 出境入境管理法
 * art. 39); the alert fires well inside that so staff can still act. Mainland guests are expected in real time.
 */
export interface AlertPolicy {
  readonly overseasMs: number;
  readonly mainlandMs: number;
}

export const legalOverseasReportingLimitMs = 24 * 60 * 60_000;

export type RegistrationAttention = AttentionItem<RegistrationSummary>;

/**
 * Where one registration stands, as far as this outbox knows: `acknowledged` the police system confirmed it;
 * `queued` stored, not sent yet; `retrying` a send failed (police system down or not answering) and it will be
 * sent again by itself; `rejected` the police system refused it and staff must correct it; `unknown` the
 * outbox cannot say (never written here, withdrawn, or handled by staff by other means).
 */
export type RegistrationDeliveryState = 'acknowledged' | 'queued' | 'retrying' | 'rejected' | 'unknown';

/** How many outcomes are remembered for `deliveryState` (a day of a busy kiosk, many times over). */
const rememberedOutcomes = 2000;
export type RegistrationOutboxEvent = OutboxEvent<RegistrationSummary> | { readonly type: 'health'; readonly health: OutboxHealth };

/**
 * Whether registrations can be stored now. Down while the database cannot be opened (a read-only or missing
 * directory), while writes fail, or while the file system has less free space than the configured minimum:
 * the kiosk then takes hotel registration out of its service choice and alerts staff (docs/deployment.md
 * "Storage faults").
 */
export type OutboxHealth =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'cannot-open' | 'low-disk-space' | string; readonly detail: string; readonly since: number };

/** Free bytes of the file system holding `path`, or null when it cannot be told (e.g. an in-memory outbox). */
export type FreeSpace = (path: string) => number | null;

export const fileSystemFreeSpace: FreeSpace = (path) => {
  if (path === ':memory:') return null;
  try {
    const s = statfsSync(dirname(path));
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null; // the directory itself is missing: opening reports that
  }
};

export interface RegistrationOutboxOptions {
  readonly path: string;
  readonly key: Uint8Array;
  readonly police: PoliceReporting;
  readonly clock: OutboxClock;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly alerts: AlertPolicy;
  readonly retry?: Partial<RetryPolicy>;
  readonly random?: () => number;
  readonly faultPoint?: (point: OutboxPoint, id: string) => void;
  /** Below this many free bytes on the outbox's file system, the outbox counts as down (default 0: not checked). */
  readonly minFreeBytes?: number;
  readonly freeSpace?: FreeSpace;
  /** Tests: the database layer (electron/store/outbox.ts `openDatabase`). */
  readonly openDatabase?: (path: string) => Database.Database;
}

type Opened = Outbox<GuestRegistration, RegistrationSummary>;

/**
 * Guest registrations on their way to the police. While its storage is down it refuses new registrations
 * (a typed `storage-unavailable`, so the check-in that depends on one is not completed) and keeps trying: the
 * database is reopened and the free space checked again after an exponential, capped delay.
 */
export class RegistrationOutbox {
  #outbox: Opened | null;
  readonly #open: () => Result<Opened, OutboxOpenError>;
  readonly #options: RegistrationOutboxOptions;
  readonly #listeners = new Set<(event: RegistrationOutboxEvent) => void>();
  #health: OutboxHealth = { ok: true };
  #lastStats: OutboxStats = { pending: 0, rejected: 0, unreadable: 0, overdue: 0 };
  #started = false;
  #closed = false;
  #checkTimer: unknown = null;
  #checks = 0;
  #openError: string | null = null;
  /** The last delivery outcome seen per registration, oldest first (bounded by `rememberedOutcomes`). */
  readonly #outcomes = new Map<string, 'acknowledged' | 'retrying' | 'rejected'>();

  constructor(outbox: Opened | null, open: () => Result<Opened, OutboxOpenError>, options: RegistrationOutboxOptions, openError: string | null) {
    this.#outbox = outbox;
    this.#open = open;
    this.#options = options;
    this.#openError = openError;
    if (outbox) this.#attach(outbox);
    this.#updateHealth();
  }

  /** See OutboxHealth. */
  health(): OutboxHealth {
    return this.#health;
  }

  /** Where a registration stands now (the slip prints this; it never claims more than the outbox knows). */
  deliveryState(registrationId: string): RegistrationDeliveryState {
    const outcome = this.#outcomes.get(registrationId);
    if (outcome === 'acknowledged') return 'acknowledged';
    // While the storage cannot be read, the outbox cannot say whether it still holds the registration.
    if (!this.#outbox || !this.#hasSafely(registrationId)) return 'unknown';
    return outcome ?? 'queued';
  }

  #hasSafely(registrationId: string): boolean {
    try {
      return this.#outbox?.has(registrationId) ?? false;
    } catch (error) {
      if (error instanceof OutboxStorageError) return false;
      throw error;
    }
  }

  #remember(event: Exclude<OutboxEvent<RegistrationSummary>, { type: 'storage' }>): void {
    const outcome = event.type === 'delivered' ? 'acknowledged' : event.type === 'retrying' || event.type === 'rejected' ? event.type : null;
    if (event.type === 'queued') this.#outcomes.delete(event.id);
    if (outcome === null) return;
    this.#outcomes.delete(event.id);
    this.#outcomes.set(event.id, outcome);
    if (this.#outcomes.size > rememberedOutcomes) {
      const oldest = this.#outcomes.keys().next();
      if (!oldest.done) this.#outcomes.delete(oldest.value);
    }
  }

  /**
   * Durable on return. Validates the record first: an invalid record is a bug in the caller, reported as a
   * typed error before anything is stored. `already-queued`: the same registration ID is waiting already.
   */
  enqueue(
    registration: GuestRegistration,
  ): Result<{ status: 'queued' | 'already-queued'; alertAt: number }, { code: 'invalid-record' | 'storage-unavailable'; message: string }> {
    const parsed = guestRegistrationSchema.safeParse(registration);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return err({ code: 'invalid-record', message: `${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}` });
    }
    const outbox = this.#outbox;
    if (!outbox || !this.#health.ok) {
      return err({ code: 'storage-unavailable', message: this.#health.ok ? 'the outbox is not open' : this.#health.detail });
    }
    const alertAt = this.#options.clock.now() + this.alertDelay(guestCategory(parsed.data));
    try {
      const { status } = outbox.enqueue(parsed.data.registrationId, parsed.data, { alertAt });
      return ok({ status, alertAt });
    } catch (error) {
      if (error instanceof OutboxStorageError) return err({ code: 'storage-unavailable', message: error.message });
      throw error;
    }
  }

  alertDelay(category: GuestCategory): number {
    return category === 'overseas' ? this.#options.alerts.overseasMs : this.#options.alerts.mainlandMs;
  }

  /** Takes back a never-sent registration (the check-in it belonged to failed). */
  withdraw(registrationId: string): 'withdrawn' | 'not-found' | 'attempted' {
    return this.#opened().withdraw(registrationId);
  }

  /** Staff corrected a rejected registration; it keeps its ID. */
  resubmit(registration: GuestRegistration): Result<'resubmitted' | 'not-found' | 'pending', { code: 'invalid-record'; message: string }> {
    const parsed = guestRegistrationSchema.safeParse(registration);
    if (!parsed.success) return err({ code: 'invalid-record', message: parsed.error.issues[0]?.message ?? 'invalid' });
    return ok(this.#opened().resubmit(parsed.data.registrationId, parsed.data));
  }

  /** Staff dealt with the cause of a refusal at the desk: the same record is queued again, unchanged. */
  requeue(registrationId: string): 'requeued' | 'notFound' | 'pending' {
    return this.#opened().requeue(registrationId);
  }

  /** Staff reported it by other means. */
  discard(registrationId: string): boolean {
    return this.#opened().discard(registrationId);
  }

  has(registrationId: string): boolean {
    return this.#opened().has(registrationId);
  }

  /** Counts for the maintenance panel; while the storage cannot be read, the last counts it gave. */
  stats(): OutboxStats {
    if (!this.#outbox) return this.#lastStats;
    try {
      this.#lastStats = this.#outbox.stats();
    } catch {
      // the health already says why; the panel keeps showing what was last known
    }
    return this.#lastStats;
  }

  /** Overdue, rejected and unreadable registrations, masked, for the maintenance screen. */
  attention(): RegistrationAttention[] {
    return this.#outbox?.attention() ?? [];
  }

  on(listener: (event: RegistrationOutboxEvent) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    this.#started = true;
    this.#outbox?.start();
    this.#updateHealth();
  }

  async idle(): Promise<void> {
    await this.#outbox?.idle();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#checkTimer !== null) this.#options.clock.clearTimeout(this.#checkTimer);
    this.#checkTimer = null;
    this.#listeners.clear();
    await this.#outbox?.close();
  }

  #opened(): Opened {
    if (!this.#outbox) throw new OutboxStorageError('cannot-open', this.#openError ?? 'the outbox is not open');
    return this.#outbox;
  }

  #attach(outbox: Opened): void {
    outbox.on((event) => {
      if (event.type === 'storage') return this.#updateHealth();
      this.#remember(event);
      this.#emit(event);
    });
  }

  #emit(event: RegistrationOutboxEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.#options.logger.error({ err: error, event: event.type }, 'outbox listener threw');
      }
    }
  }

  /** What the storage is like now: not open, failing writes, short of space, or fine. */
  #currentHealth(): OutboxHealth {
    const since = this.#health.ok ? this.#options.clock.now() : this.#health.since;
    if (!this.#outbox) return { ok: false, code: 'cannot-open', detail: `the outbox cannot be opened: ${this.#openError ?? 'unknown'}`, since };
    const storage = this.#outbox.storage();
    if (!storage.ok) return { ok: false, code: storage.code, detail: `the outbox cannot write (${storage.code})`, since };
    const minimum = this.#options.minFreeBytes ?? 0;
    if (minimum > 0) {
      const free = (this.#options.freeSpace ?? fileSystemFreeSpace)(this.#options.path);
      if (free !== null && free < minimum) {
        const mb = (n: number) => Math.floor(n / 1_048_576);
        return { ok: false, code: 'low-disk-space', detail: `${mb(free)} MB free where the outbox is, below the minimum of ${mb(minimum)} MB`, since };
      }
    }
    return { ok: true };
  }

  #updateHealth(): void {
    const next = this.#currentHealth();
    const changed = next.ok !== this.#health.ok || (!next.ok && !this.#health.ok && next.code !== this.#health.code);
    this.#health = next;
    if (changed) {
      if (next.ok) this.#options.logger.info('registration storage works again');
      else this.#options.logger.error({ code: next.code }, `registration storage down: ${next.detail}`);
      this.#emit({ type: 'health', health: next });
    }
    if (next.ok) {
      this.#checks = 0;
      return;
    }
    // Reopen / recheck on a backoff while it is down (write failures are also retried by the outbox itself).
    if (this.#started && !this.#closed && this.#checkTimer === null) {
      this.#checks += 1;
      this.#checkTimer = this.#options.clock.setTimeout(() => {
        this.#checkTimer = null;
        this.#recheck();
      }, this.#checkDelay());
    }
  }

  #checkDelay(): number {
    const policy = { ...defaultRetryPolicy, ...this.#options.retry };
    return Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** Math.max(0, this.#checks - 1));
  }

  #recheck(): void {
    if (this.#closed) return;
    if (!this.#outbox) {
      const opened = this.#open();
      if (opened.ok) {
        this.#outbox = opened.value;
        this.#openError = null;
        this.#attach(opened.value);
        if (this.#started) opened.value.start();
      } else {
        this.#openError = opened.error.message;
      }
    }
    this.#updateHealth();
  }
}

/**
 * Opens the outbox. A wrong key is an error (a person must fix it); a database that cannot be opened (a read-only
 * or missing directory, a full disk) gives an outbox whose health is down and that keeps trying to open it.
 */
export function openRegistrationOutbox(options: RegistrationOutboxOptions): Result<RegistrationOutbox, OutboxOpenError> {
  const open = () => openOutbox<GuestRegistration, RegistrationSummary>({
    path: options.path,
    key: options.key,
    parse: (json) => guestRegistrationSchema.parse(json),
    deliver: async (_id, registration) => toOutcome(await options.police.submit(registration)),
    summarize: summarizeRegistration,
    clock: options.clock,
    logger: options.logger,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.faultPoint ? { faultPoint: options.faultPoint } : {}),
    ...(options.openDatabase ? { openDatabase: options.openDatabase } : {}),
  });
  const reopen = (): Result<Opened, OutboxOpenError> => {
    const r = open();
    return r.ok ? ok(r.outbox) : err(r.error);
  };
  const first = reopen();
  if (!first.ok && first.error.code === 'wrong-key') return err(first.error);
  if (!first.ok) options.logger.error({ path: options.path, message: first.error.message }, 'the outbox cannot be opened; retrying with backoff');
  return ok(new RegistrationOutbox(first.ok ? first.value : null, reopen, options, first.ok ? null : first.error.message));
}

function toOutcome(result: Awaited<ReturnType<PoliceReporting['submit']>>): DeliveryOutcome {
  switch (result.outcome) {
    case 'acknowledged':
      return { kind: 'acknowledged', receipt: result.receipt };
    case 'rejected':
      return { kind: 'rejected', code: result.code, reason: result.reason };
    case 'failed':
      return { kind: 'failed', code: result.error.code, message: result.error.message };
  }
}

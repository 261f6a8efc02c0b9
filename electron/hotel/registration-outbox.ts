import type { Unsubscribe } from '../../drivers/device.ts';
import type { Logger } from '../log/logger.ts';
import {
  openOutbox, type AttentionItem, type DeliveryOutcome, type Outbox, type OutboxClock, type OutboxEvent,
  type OutboxOpenError, type OutboxPoint, type OutboxStats, type RetryPolicy,
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
export type RegistrationOutboxEvent = OutboxEvent<RegistrationSummary>;

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
}

export class RegistrationOutbox {
  readonly #outbox: Outbox<GuestRegistration, RegistrationSummary>;
  readonly #clock: OutboxClock;
  readonly #alerts: AlertPolicy;
  /** The last delivery outcome seen per registration, oldest first (bounded by `rememberedOutcomes`). */
  readonly #outcomes = new Map<string, 'acknowledged' | 'retrying' | 'rejected'>();
  readonly #unsubscribe: Unsubscribe;

  constructor(outbox: Outbox<GuestRegistration, RegistrationSummary>, clock: OutboxClock, alerts: AlertPolicy) {
    this.#outbox = outbox;
    this.#clock = clock;
    this.#alerts = alerts;
    this.#unsubscribe = outbox.on((event) => this.#remember(event));
  }

  /** Where a registration stands now (the slip prints this; it never claims more than the outbox knows). */
  deliveryState(registrationId: string): RegistrationDeliveryState {
    const outcome = this.#outcomes.get(registrationId);
    if (outcome === 'acknowledged') return 'acknowledged';
    if (!this.#outbox.has(registrationId)) return 'unknown';
    return outcome ?? 'queued';
  }

  #remember(event: RegistrationOutboxEvent): void {
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
  enqueue(registration: GuestRegistration): Result<{ status: 'queued' | 'already-queued'; alertAt: number }, { code: 'invalid-record'; message: string }> {
    const parsed = guestRegistrationSchema.safeParse(registration);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return err({ code: 'invalid-record', message: `${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}` });
    }
    const alertAt = this.#clock.now() + this.alertDelay(guestCategory(parsed.data));
    const { status } = this.#outbox.enqueue(parsed.data.registrationId, parsed.data, { alertAt });
    return ok({ status, alertAt });
  }

  alertDelay(category: GuestCategory): number {
    return category === 'overseas' ? this.#alerts.overseasMs : this.#alerts.mainlandMs;
  }

  /** Takes back a never-sent registration (the check-in it belonged to failed). */
  withdraw(registrationId: string): 'withdrawn' | 'not-found' | 'attempted' {
    return this.#outbox.withdraw(registrationId);
  }

  /** Staff corrected a rejected registration; it keeps its ID. */
  resubmit(registration: GuestRegistration): Result<'resubmitted' | 'not-found' | 'pending', { code: 'invalid-record'; message: string }> {
    const parsed = guestRegistrationSchema.safeParse(registration);
    if (!parsed.success) return err({ code: 'invalid-record', message: parsed.error.issues[0]?.message ?? 'invalid' });
    return ok(this.#outbox.resubmit(parsed.data.registrationId, parsed.data));
  }

  /** Staff dealt with the cause of a refusal at the desk: the same record is queued again, unchanged. */
  requeue(registrationId: string): 'requeued' | 'notFound' | 'pending' {
    return this.#outbox.requeue(registrationId);
  }

  /** Staff reported it by other means. */
  discard(registrationId: string): boolean {
    return this.#outbox.discard(registrationId);
  }

  has(registrationId: string): boolean {
    return this.#outbox.has(registrationId);
  }

  stats(): OutboxStats {
    return this.#outbox.stats();
  }

  /** Overdue, rejected and unreadable registrations, masked, for the maintenance screen. */
  attention(): RegistrationAttention[] {
    return this.#outbox.attention();
  }

  on(listener: (event: RegistrationOutboxEvent) => void): Unsubscribe {
    return this.#outbox.on(listener);
  }

  start(): void {
    this.#outbox.start();
  }

  idle(): Promise<void> {
    return this.#outbox.idle();
  }

  close(): Promise<void> {
    this.#unsubscribe();
    return this.#outbox.close();
  }
}

export function openRegistrationOutbox(options: RegistrationOutboxOptions): Result<RegistrationOutbox, OutboxOpenError> {
  const opened = openOutbox<GuestRegistration, RegistrationSummary>({
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
  });
  if (!opened.ok) return err(opened.error);
  return ok(new RegistrationOutbox(opened.outbox, options.clock, options.alerts));
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

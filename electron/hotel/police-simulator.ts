import { guestRegistrationSchema, type GuestRegistration } from './guest-registration.ts';
import { startJsonServer, type JsonResponse, type JsonServer } from './json-http.ts';
import type { PoliceReporting, PoliceSubmitResult } from './police-reporting.ts';
import { rememberLatest } from '../../drivers/sim/bounded.ts';

/** Registration IDs remembered for idempotent redelivery: the latest ten thousand (a redelivery comes within days). */
export const keptRegistrations = 10_000;

/**
 * Simulated police registration system: validates, acknowledges (idempotently by registration ID), rejects with
 * a reason, or fails on demand. It counts what it received so a test can prove exactly-once effect:
 * `accepted` is the set of distinct IDs that took effect, `duplicates` the redeliveries it acknowledged as no-ops.
 * No personal data leaves it through `stats()`. It remembers the latest `keptRegistrations` IDs, so a kiosk
 * left running simulated does not grow without bound.
 */
export interface PoliceFaults {
  /** Answers 503 to everything (and is unreachable to the direct port). */
  readonly down: boolean;
  /** 0..1: share of submissions answered with a 500 before any effect. */
  readonly errorRate: number;
  /** Delay before a submission is processed. The effect happens after the delay, even if the client gave up. */
  readonly latencyMs: number;
}

export interface PoliceStats {
  readonly received: number;
  readonly distinctAccepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly failedInjected: number;
  readonly faults: PoliceFaults;
  readonly rejectQueued: number;
}

export interface PoliceSimulatorOptions {
  readonly now: () => number;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export class PoliceSimulator implements PoliceReporting {
  readonly #o: PoliceSimulatorOptions;
  readonly #accepted = new Map<string, { receipt: string; deliveries: number }>();
  readonly #rejectQueue: { code: string; reason: string }[] = [];
  #faults: PoliceFaults = { down: false, errorRate: 0, latencyMs: 0 };
  #received = 0;
  #duplicates = 0;
  #rejected = 0;
  #failedInjected = 0;
  #sequence = 0;
  #distinctAccepted = 0;

  constructor(options: PoliceSimulatorOptions) {
    this.#o = options;
  }

  setFaults(faults: Partial<PoliceFaults>): PoliceFaults {
    this.#faults = { ...this.#faults, ...faults };
    return this.#faults;
  }

  /** The next `count` valid submissions are rejected with this reason. */
  rejectNext(code = 'rejected-by-police', reason = 'record refused by the police system', count = 1): void {
    for (let i = 0; i < count; i++) this.#rejectQueue.push({ code, reason });
  }

  stats(): PoliceStats {
    return {
      received: this.#received,
      distinctAccepted: this.#distinctAccepted,
      duplicates: this.#duplicates,
      rejected: this.#rejected,
      failedInjected: this.#failedInjected,
      faults: this.#faults,
      rejectQueued: this.#rejectQueue.length,
    };
  }

  /** How many times this ID was delivered and acknowledged (1 = once, more = idempotent redeliveries). */
  deliveriesOf(registrationId: string): number {
    return this.#accepted.get(registrationId)?.deliveries ?? 0;
  }

  acceptedIds(): string[] {
    return [...this.#accepted.keys()];
  }

  async submit(registration: GuestRegistration): Promise<PoliceSubmitResult> {
    const response = await this.handle(registration);
    if (response.status === 200) {
      const body = response.body as { receipt: string; duplicate: boolean };
      return { outcome: 'acknowledged', receipt: body.receipt, duplicate: body.duplicate };
    }
    if (response.status === 422) {
      const body = response.body as { code: string; reason: string };
      return { outcome: 'rejected', code: body.code, reason: body.reason };
    }
    if (response.status === 503) return { outcome: 'failed', error: { code: 'unreachable', message: 'police system down' } };
    return { outcome: 'failed', error: { code: 'server-error', message: `HTTP ${response.status}` } };
  }

  /** The protocol of police-http.ts, shared by the direct port and the HTTP server. */
  async handle(body: unknown): Promise<JsonResponse> {
    this.#received++;
    if (this.#faults.down) return this.#fail(503);
    if (this.#faults.latencyMs > 0) await (this.#o.sleep ?? defaultSleep)(this.#faults.latencyMs);
    if (this.#faults.errorRate > 0 && (this.#o.random ?? Math.random)() < this.#faults.errorRate) return this.#fail(500);
    const parsed = guestRegistrationSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return this.#reject('invalid-record', `field ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
    }
    const registration = parsed.data;
    const known = this.#accepted.get(registration.registrationId);
    if (known) {
      known.deliveries++;
      this.#duplicates++;
      return { status: 200, body: { status: 'accepted', receipt: known.receipt, duplicate: true } };
    }
    const expiry = registration.document.expiryDate;
    if (expiry !== null && expiry < registration.reservation.arrival.slice(0, 10)) {
      return this.#reject('document-expired', 'the document had expired on arrival');
    }
    const forced = this.#rejectQueue.shift();
    if (forced) return this.#reject(forced.code, forced.reason);
    this.#sequence++;
    const receipt = `PSB-${new Date(this.#o.now()).toISOString().slice(0, 10).replace(/-/g, '')}-${String(this.#sequence).padStart(6, '0')}`;
    rememberLatest(this.#accepted, registration.registrationId, { receipt, deliveries: 1 }, keptRegistrations);
    this.#distinctAccepted++;
    return { status: 200, body: { status: 'accepted', receipt, duplicate: false } };
  }

  #fail(status: number): JsonResponse {
    this.#failedInjected++;
    return { status, body: { status: 'error' } };
  }

  #reject(code: string, reason: string): JsonResponse {
    this.#rejected++;
    return { status: 422, body: { status: 'rejected', code, reason } };
  }
}

/** Serves the simulator over HTTP on loopback, so the HTTP adapter runs even in simulated mode. */
export function startPoliceServer(simulator: PoliceSimulator, port = 0): Promise<JsonServer> {
  return startJsonServer((request) => {
    if (request.method === 'POST' && request.path === '/registrations') return simulator.handle(request.body);
    return { status: 404, body: { status: 'error', detail: 'not found' } };
  }, port);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

import type { Clock } from '../../drivers/clock.ts';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  readonly failureThreshold: number;
  /** Wait before the first recovery probe; doubles after each failed probe. */
  readonly openMs: number;
  /** Upper bound of the probe interval. */
  readonly maxOpenMs: number;
}

export type BreakerState =
  | { readonly state: 'closed'; readonly failures: number }
  | { readonly state: 'open'; readonly since: number; readonly lastFailure: string; readonly nextProbeAt: number }
  | { readonly state: 'probing'; readonly since: number; readonly lastFailure: string };

/**
 * Circuit breaker with active recovery probes. While open no request goes out (callers answer `circuit_open`
 * at once, so a traveller is not kept waiting on a dead platform); after `openMs` a probe runs, and only a
 * successful probe closes the circuit. The probe is a signed health request, so it also proves that TLS and
 * response signatures work again. Time comes from the injected clock.
 */
export class CircuitBreaker {
  #state: BreakerState = { state: 'closed', failures: 0 };
  #timer: unknown = null;
  #interval: number;
  #closed = false;
  readonly #options: BreakerOptions;
  readonly #clock: Clock;
  readonly #probe: () => Promise<boolean>;
  readonly #onChange: (state: BreakerState) => void;

  constructor(options: BreakerOptions, clock: Clock, probe: () => Promise<boolean>, onChange: (state: BreakerState) => void = () => {}) {
    this.#options = options;
    this.#clock = clock;
    this.#probe = probe;
    this.#onChange = onChange;
    this.#interval = options.openMs;
  }

  get state(): BreakerState {
    return this.#state;
  }

  /** true when a request may go out now. */
  allows(): boolean {
    return this.#state.state === 'closed';
  }

  recordSuccess(): void {
    if (this.#state.state === 'closed' && this.#state.failures === 0) return;
    if (this.#state.state !== 'closed') return; // only a probe closes an open circuit
    this.#set({ state: 'closed', failures: 0 });
  }

  recordFailure(reason: string): void {
    if (this.#state.state !== 'closed') return;
    const failures = this.#state.failures + 1;
    if (failures < this.#options.failureThreshold) {
      this.#state = { state: 'closed', failures };
      return;
    }
    this.#interval = this.#options.openMs;
    this.#open(reason, this.#clock.now());
  }

  /** Stops the probe timer for good. */
  close(): void {
    this.#closed = true;
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #open(reason: string, since: number): void {
    const nextProbeAt = this.#clock.now() + this.#interval;
    this.#set({ state: 'open', since, lastFailure: reason, nextProbeAt });
    if (this.#closed) return;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      void this.#runProbe(since, reason);
    }, this.#interval);
  }

  async #runProbe(since: number, lastFailure: string): Promise<void> {
    if (this.#closed) return;
    this.#set({ state: 'probing', since, lastFailure });
    let ok = false;
    try {
      ok = await this.#probe();
    } catch {
      ok = false; // a probe that throws is a bug in the probe, but it must not leave the circuit stuck
    }
    if (this.#closed) return;
    if (ok) {
      this.#interval = this.#options.openMs;
      this.#set({ state: 'closed', failures: 0 });
      return;
    }
    this.#interval = Math.min(this.#interval * 2, this.#options.maxOpenMs);
    this.#open(lastFailure, since);
  }

  #set(state: BreakerState): void {
    this.#state = state;
    this.#onChange(state);
  }
}

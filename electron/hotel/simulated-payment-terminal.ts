import { available, busy, unavailable, type DeviceStatus, type Unsubscribe } from '../../drivers/device.ts';
import type { Timers } from '../../drivers/clock.ts';
import type { PaymentTerminal, PreAuthRequest, PreAuthResult } from './payment-terminal.ts';

export interface SimulatedPaymentTerminalOptions {
  readonly id?: string;
  /** How long the terminal waits for a card before `timeout`. */
  readonly timeoutMs: number;
  readonly clock: Timers;
}

type Scripted = { kind: 'decline'; reason: string } | { kind: 'timeout' };

/** A terminal that approves unless the control API scripts a decline or a timeout for the next request. */
export class SimulatedPaymentTerminal implements PaymentTerminal {
  readonly id: string;
  readonly #o: SimulatedPaymentTerminalOptions;
  readonly #listeners = new Set<(status: DeviceStatus) => void>();
  readonly #script: Scripted[] = [];
  readonly #holds = new Map<string, number>();
  #running = false;
  #connected = true;
  #sequence = 0;
  #declined = 0;
  #timedOut = 0;
  #status: DeviceStatus = available;

  constructor(options: SimulatedPaymentTerminalOptions) {
    this.id = options.id ?? 'payment-terminal';
    this.#o = options;
  }

  status(): DeviceStatus {
    return this.#status;
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Control API: the next pre-authorisation is declined. */
  declineNext(reason = 'declined by issuer'): void {
    this.#script.push({ kind: 'decline', reason });
  }

  /** Control API: the next pre-authorisation times out (no card presented). */
  timeoutNext(): void {
    this.#script.push({ kind: 'timeout' });
  }

  setConnected(connected: boolean): void {
    this.#connected = connected;
    this.#update();
  }

  state(): { status: DeviceStatus; holds: number; heldMinor: number; declined: number; timedOut: number; scripted: number } {
    return {
      status: this.#status,
      holds: this.#holds.size,
      heldMinor: [...this.#holds.values()].reduce((a, b) => a + b, 0),
      declined: this.#declined,
      timedOut: this.#timedOut,
      scripted: this.#script.length,
    };
  }

  async preAuthorize(request: PreAuthRequest): Promise<PreAuthResult> {
    if (!Number.isInteger(request.amountMinor) || request.amountMinor <= 0 || !/^[A-Z]{3}$/.test(request.currency)) {
      return { outcome: 'error', code: 'invalid-request', message: 'amount must be a positive whole number of minor units in an ISO 4217 currency' };
    }
    if (!this.#connected) return { outcome: 'error', code: 'unavailable', message: 'payment terminal not connected' };
    if (this.#running) return { outcome: 'error', code: 'busy', message: 'a payment is in progress' };
    this.#running = true;
    this.#update();
    try {
      const next = this.#script.shift();
      if (next?.kind === 'timeout') {
        await new Promise<void>((resolve) => this.#o.clock.setTimeout(resolve, this.#o.timeoutMs));
        this.#timedOut++;
        return { outcome: 'timeout' };
      }
      if (next?.kind === 'decline') {
        this.#declined++;
        return { outcome: 'declined', reason: next.reason };
      }
      this.#sequence++;
      const authorizationCode = `SIMAUTH${String(this.#sequence).padStart(4, '0')}`;
      this.#holds.set(authorizationCode, request.amountMinor);
      return { outcome: 'approved', authorizationCode, amountMinor: request.amountMinor, currency: request.currency, cardRef: '**** 4242' };
    } finally {
      this.#running = false;
      this.#update();
    }
  }

  async release(authorizationCode: string): Promise<{ ok: true } | { ok: false; error: { code: 'not-found' | 'unavailable'; message: string } }> {
    if (!this.#connected) return { ok: false, error: { code: 'unavailable', message: 'payment terminal not connected' } };
    if (!this.#holds.delete(authorizationCode)) return { ok: false, error: { code: 'not-found', message: 'no such hold' } };
    return { ok: true };
  }

  #update(): void {
    const next: DeviceStatus = !this.#connected ? unavailable('payment terminal not connected', 'NOT_REACHABLE') : this.#running ? busy : available;
    if (JSON.stringify(next) === JSON.stringify(this.#status)) return;
    this.#status = next;
    for (const listener of this.#listeners) listener(next);
  }
}

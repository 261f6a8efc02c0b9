import { createHash, timingSafeEqual } from 'node:crypto';
import type { DeviceView, MaintenanceAction, MaintenanceView, SelfTestResult, StaffAlert, StaffQueue } from '../contract/index.ts';
import type { Unsubscribe } from '../../drivers/device.ts';
import type { Logger } from '../log/logger.ts';
import type { Clock } from '../../drivers/clock.ts';

export interface MaintenanceDeps {
  /** Staff PIN; null disables maintenance mode (a real kiosk without a configured PIN). */
  readonly pin: string | null;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Runs a device's self-test (a printer's test page, a reader's status check ...). Never rejects. */
  readonly selfTest: (deviceId: string) => Promise<{ ok: boolean; detail: string }>;
  readonly setOutOfService: (value: boolean) => void;
  /** Work owed to back-ends (police registrations waiting in the outbox), read each time the panel refreshes. */
  readonly queues?: () => readonly StaffQueue[];
}

const maxAttempts = 3;
const lockoutMs = 60_000;
/** Maintenance closes itself when staff walk away, so the kiosk is never left open on the panel. */
const inactivityMs = 120_000;
/** The panel shows queues that change on their own (deliveries): it refreshes while open. */
const refreshMs = 2_000;
const keep = 50;

const digest = (pin: string) => createHash('sha256').update(pin).digest();

/**
 * Maintenance mode's state: PIN gate with lockout, staff alerts, self-test results and counters. The session
 * shows its view instead of the traveller's screens while it is open. Holds no personal data by design: alerts
 * carry device ids, screen names and counts only.
 */
export class Maintenance {
  readonly #deps: MaintenanceDeps;
  readonly #listeners = new Set<() => void>();
  #step: 'closed' | 'pin' | 'panel' = 'closed';
  #failed = false;
  #attempts = 0;
  #lockedUntil: number | null = null;
  #alerts: StaffAlert[] = [];
  #selfTests: SelfTestResult[] = [];
  #counters = { sessions: 0, verified: 0, notVerified: 0, unreadable: 0 };
  #timer: unknown = null;
  #refresh: unknown = null;

  constructor(deps: MaintenanceDeps) {
    this.#deps = deps;
  }

  get isOpen(): boolean {
    return this.#step !== 'closed';
  }

  subscribe(listener: () => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  view(devices: readonly DeviceView[]): MaintenanceView | null {
    if (this.#step === 'closed') return null;
    if (this.#step === 'pin') return { step: 'pin', failed: this.#failed, lockedUntil: this.#locked() ? this.#lockedUntil : null };
    return {
      step: 'panel',
      devices: devices.map((d) => ({ ...d })),
      alerts: [...this.#alerts].reverse(),
      selfTests: [...this.#selfTests].reverse(),
      queues: (this.#deps.queues?.() ?? []).map((q) => ({ ...q })),
      counters: { ...this.#counters },
    };
  }

  alert(kind: StaffAlert['kind'], detail: string): void {
    this.#alerts = [...this.#alerts, { kind, detail: detail.slice(0, 200), at: this.#deps.clock.now() }].slice(-keep);
    this.#changed();
  }

  count(what: 'sessions' | 'verified' | 'notVerified' | 'unreadable'): void {
    this.#counters[what] += 1;
  }

  handle(action: MaintenanceAction): void {
    if (this.#deps.pin === null) return;
    this.#touch();
    switch (action.type) {
      case 'open':
        if (this.#step === 'closed') this.#set('pin');
        return;
      case 'pin':
        return this.#checkPin(action.pin);
      case 'close':
        return this.#close();
      default:
        if (this.#step !== 'panel') return; // everything else needs the PIN
        if (action.type === 'setOutOfService') {
          this.#deps.logger.warn({ value: action.value }, 'staff set out of service');
          this.#deps.setOutOfService(action.value);
        } else if (action.type === 'clearAlerts') {
          this.#alerts = [];
        } else {
          void this.#selfTest(action.device);
        }
        return this.#changed();
    }
  }

  dispose(): void {
    if (this.#timer !== null) this.#deps.clock.clearTimeout(this.#timer);
    if (this.#refresh !== null) this.#deps.clock.clearTimeout(this.#refresh);
    this.#timer = null;
    this.#refresh = null;
    this.#listeners.clear();
  }

  #checkPin(pin: string): void {
    if (this.#step !== 'pin' || this.#locked() || this.#deps.pin === null) return;
    if (timingSafeEqual(digest(pin), digest(this.#deps.pin))) {
      this.#attempts = 0;
      this.#failed = false;
      this.#deps.logger.info('maintenance opened');
      return this.#set('panel');
    }
    this.#attempts += 1;
    this.#failed = true;
    this.#deps.logger.warn({ attempts: this.#attempts }, 'wrong maintenance PIN');
    if (this.#attempts >= maxAttempts) {
      this.#attempts = 0;
      this.#lockedUntil = this.#deps.clock.now() + lockoutMs;
      this.alert('device', 'maintenance PIN entered wrongly 3 times; locked for 60 s');
    }
    this.#changed();
  }

  async #selfTest(device: string): Promise<void> {
    const result = await this.#deps.selfTest(device).catch((error: unknown) => ({ ok: false, detail: `self-test failed: ${(error as Error).message}` }));
    this.#selfTests = [...this.#selfTests, { device, ok: result.ok, detail: result.detail.slice(0, 200), at: this.#deps.clock.now() }].slice(-keep);
    this.#changed();
  }

  #locked(): boolean {
    return this.#lockedUntil !== null && this.#deps.clock.now() < this.#lockedUntil;
  }

  #close(): void {
    if (this.#step === 'closed') return;
    this.#failed = false;
    this.#set('closed');
  }

  #set(step: 'closed' | 'pin' | 'panel'): void {
    this.#step = step;
    this.#touch();
    this.#scheduleRefresh();
    this.#changed();
  }

  #scheduleRefresh(): void {
    if (this.#refresh !== null) this.#deps.clock.clearTimeout(this.#refresh);
    this.#refresh = null;
    if (this.#step !== 'panel') return;
    this.#refresh = this.#deps.clock.setTimeout(() => {
      this.#refresh = null;
      this.#changed();
      this.#scheduleRefresh();
    }, refreshMs);
  }

  #touch(): void {
    if (this.#timer !== null) this.#deps.clock.clearTimeout(this.#timer);
    this.#timer = this.#step === 'closed' ? null : this.#deps.clock.setTimeout(() => this.#close(), inactivityMs);
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

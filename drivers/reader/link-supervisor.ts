import { available, unavailable, type DeviceStatus } from '../device.ts';
import type { Connect, Link } from './link.ts';
import type { Clock } from '../clock.ts';

export interface Backoff {
  /** First retry delay; doubles on every failed attempt up to `maxMs`. */
  readonly initialMs: number;
  readonly maxMs: number;
}

export const defaultBackoff: Backoff = { initialMs: 500, maxMs: 10_000 };

export interface LinkSupervisorOptions {
  readonly connect: Connect;
  readonly timers: Clock;
  readonly backoff?: Backoff;
  readonly onStatus: (status: DeviceStatus) => void;
  readonly onData: (chunk: Uint8Array) => void;
  readonly onOpen?: (link: Link) => void;
  /** The link dropped (before `onStatus` reports it), so framers can report a frame cut off. */
  readonly onDrop?: () => void;
}

/**
 * Keeps a device link open: connects, reports status all the while, and after a failure or an unplug
 * reconnects with exponential backoff on the injected timers until `stop()`.
 */
export class LinkSupervisor {
  readonly #o: LinkSupervisorOptions;
  readonly #backoff: Backoff;
  #status: DeviceStatus = unavailable('not started', 'NOT_REACHABLE');
  #link: Link | undefined;
  #timer: unknown;
  #attempt = 0;
  #running = false;
  #generation = 0;

  constructor(options: LinkSupervisorOptions) {
    this.#o = options;
    this.#backoff = options.backoff ?? defaultBackoff;
  }

  status(): DeviceStatus {
    return this.#status;
  }

  get link(): Link | undefined {
    return this.#link;
  }

  /** Resolves once the first attempt has finished, connected or not. */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#attempt = 0;
    await this.#connect();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#generation += 1;
    if (this.#timer !== undefined) this.#o.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    const link = this.#link;
    this.#link = undefined;
    if (link) await link.close().catch(() => undefined);
    this.#status = unavailable('stopped', 'NOT_REACHABLE');
  }

  async #connect(): Promise<void> {
    const generation = this.#generation;
    const current = (): boolean => this.#running && generation === this.#generation;
    let result;
    try {
      result = await this.#o.connect({
        data: (chunk) => {
          if (current() && this.#link) this.#o.onData(chunk);
        },
        closed: (reason) => {
          if (!current() || !this.#link) return;
          this.#link = undefined;
          this.#generation += 1;
          this.#o.onDrop?.();
          this.#setStatus(unavailable(`disconnected: ${reason}`, 'NOT_REACHABLE'));
          this.#attempt = 0;
          this.#schedule();
        },
      });
    } catch (error) {
      result = { ok: false as const, failure: { reason: `cannot open: ${(error as Error).message}`, code: 'SOFTWARE_ERROR' as const } };
    }
    if (!current()) {
      if (result.ok) await result.link.close().catch(() => undefined);
      return;
    }
    if (result.ok) {
      this.#link = result.link;
      this.#attempt = 0;
      this.#setStatus(available);
      this.#o.onOpen?.(result.link);
    } else {
      this.#setStatus(unavailable(result.failure.reason, result.failure.code));
      this.#schedule();
    }
  }

  #schedule(): void {
    const delay = Math.min(this.#backoff.maxMs, this.#backoff.initialMs * 2 ** this.#attempt);
    this.#attempt += 1;
    this.#timer = this.#o.timers.setTimeout(() => {
      this.#timer = undefined;
      if (this.#running) void this.#connect();
    }, delay);
  }

  #setStatus(status: DeviceStatus): void {
    if (JSON.stringify(status) === JSON.stringify(this.#status)) return;
    this.#status = status;
    this.#o.onStatus(status);
  }
}

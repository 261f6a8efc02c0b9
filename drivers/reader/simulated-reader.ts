import { available, unavailable, type DeviceStatus, type Unsubscribe } from '../device.ts';
import type { DocumentReader, ReaderEvent } from './document-reader.ts';

/**
 * A scripted reader driven by the simulation control API (architecture.md "Simulation control").
 * It keeps the DocumentReader guarantees exactly as a hardware adapter does, so the session cannot tell.
 */
export class SimulatedReader implements DocumentReader {
  readonly id: string;
  #status: DeviceStatus = unavailable('not started', 'NOT_REACHABLE');
  #plugged = true;
  #running = false;
  readonly #listeners = new Set<(event: ReaderEvent) => void>();

  constructor(id = 'reader') {
    this.id = id;
  }

  status(): DeviceStatus {
    return this.#status;
  }

  async start(): Promise<void> {
    this.#running = true;
    this.#setStatus(this.#plugged ? available : unavailable('reader unplugged', 'NOT_REACHABLE'));
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#listeners.clear();
  }

  subscribe(listener: (event: ReaderEvent) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Places a document on the reader: one read cycle. Refused while unplugged, as real hardware would be silent. */
  insert(lines: readonly string[]): { accepted: boolean; reason?: string } {
    if (!this.#running) return { accepted: false, reason: 'reader not started' };
    if (!this.#plugged) return { accepted: false, reason: 'reader unplugged' };
    this.#emit({ type: 'mediaInserted' });
    this.#emit({ type: 'readStart' });
    this.#emit({ type: 'data', data: { lines: [...lines], origin: 'reader' } });
    this.#emit({ type: 'readEnd' });
    return { accepted: true };
  }

  /** A read that fails at the device (garbage bytes, bad frame). */
  fault(code: string, message: string): { accepted: boolean; reason?: string } {
    if (!this.#running || !this.#plugged) return { accepted: false, reason: 'reader unavailable' };
    this.#emit({ type: 'readStart' });
    this.#emit({ type: 'error', error: { code, message } });
    this.#emit({ type: 'readEnd' });
    return { accepted: true };
  }

  remove(): void {
    if (this.#running && this.#plugged) this.#emit({ type: 'mediaRemoved' });
  }

  unplug(): void {
    this.#plugged = false;
    if (this.#running) this.#setStatus(unavailable('reader unplugged', 'NOT_REACHABLE'));
  }

  plug(): void {
    this.#plugged = true;
    if (this.#running) this.#setStatus(available);
  }

  #setStatus(status: DeviceStatus): void {
    this.#status = status;
    this.#emit({ type: 'status', status });
  }

  #emit(event: ReaderEvent): void {
    if (!this.#running) return;
    for (const listener of [...this.#listeners]) listener(event);
  }
}

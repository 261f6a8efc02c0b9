import type { DeviceStatus, Unsubscribe } from '../device.ts';
import type { Framer, FramerEvent, FramerOptions } from '../framing/framer.ts';
import type { DocumentReader, ReaderEvent } from './document-reader.ts';
import type { Connect, Link } from './link.ts';
import { LinkSupervisor, type Backoff } from './link-supervisor.ts';
import type { Clock } from '../clock.ts';

/** What a framed reader needs from a protocol profile (drivers/framing/profiles.ts). */
export interface FramedReaderProtocol {
  createFramer(options?: FramerOptions): Framer;
  readonly openCommands: readonly Uint8Array[];
  readonly afterReadCommands: readonly Uint8Array[];
}

export interface FramedReaderOptions {
  readonly id: string;
  readonly connect: Connect;
  readonly protocol: FramedReaderProtocol;
  readonly timers: Clock;
  readonly backoff?: Backoff;
  readonly framerOptions?: FramerOptions;
  /**
   * Turns one transport chunk into stream bytes before framing (HID: strip the report's length byte).
   * Returns undefined for a chunk that carries no stream bytes.
   */
  readonly unwrap?: (chunk: Uint8Array) => Uint8Array | undefined;
}

/**
 * A DocumentReader over any byte link plus a framer: the serial adapter, the Access-IS HID adapter and the
 * simulated reader's byte-level faults all run through it, so they keep the port's guarantees the same way.
 * Framer events map 1:1 onto CUSS lifecycle events (docs/devices.md §1.12); noise between frames is
 * an `error` outside any readStart/readEnd pair.
 */
export class FramedDocumentReader implements DocumentReader {
  readonly id: string;
  readonly #o: FramedReaderOptions;
  readonly #supervisor: LinkSupervisor;
  readonly #listeners = new Set<(event: ReaderEvent) => void>();
  #framer: Framer;
  #pollTimer: unknown;
  #running = false;

  constructor(options: FramedReaderOptions) {
    this.id = options.id;
    this.#o = options;
    this.#framer = options.protocol.createFramer(options.framerOptions);
    this.#supervisor = new LinkSupervisor({
      connect: options.connect,
      timers: options.timers,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      onStatus: (status) => this.#emit({ type: 'status', status }),
      onData: (chunk) => this.#onChunk(chunk),
      onOpen: (link) => void this.#send(link, options.protocol.openCommands),
      onDrop: () => this.#deliver(this.#framer.end()),
    });
  }

  status(): DeviceStatus {
    return this.#supervisor.status();
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#framer = this.#o.protocol.createFramer(this.#o.framerOptions);
    await this.#supervisor.start();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#clearPoll();
    await this.#supervisor.stop();
  }

  subscribe(listener: (event: ReaderEvent) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #onChunk(chunk: Uint8Array): void {
    const bytes = this.#o.unwrap ? this.#o.unwrap(chunk) : chunk;
    if (bytes === undefined || bytes.length === 0) return;
    this.#deliver(this.#framer.push(bytes, this.#o.timers.monotonic()));
  }

  #deliver(events: FramerEvent[]): void {
    let completed = false;
    for (const event of events) {
      if (event.type === 'error') this.#emit({ type: 'error', error: { code: event.error.code, message: event.error.message } });
      else if (event.type === 'data') {
        completed = true;
        this.#emit({ type: 'data', data: { lines: [...event.lines], origin: 'reader' } });
      } else this.#emit({ type: event.type });
    }
    const link = this.#supervisor.link;
    if (completed && link) void this.#send(link, this.#o.protocol.afterReadCommands);
    this.#schedulePoll();
  }

  #schedulePoll(): void {
    this.#clearPoll();
    const due = this.#framer.deadline();
    if (due === undefined || !this.#running) return;
    const { timers } = this.#o;
    this.#pollTimer = timers.setTimeout(() => {
      this.#pollTimer = undefined;
      if (this.#running) this.#deliver(this.#framer.poll(timers.monotonic()));
    }, Math.max(0, due - timers.monotonic()));
  }

  #clearPoll(): void {
    if (this.#pollTimer !== undefined) this.#o.timers.clearTimeout(this.#pollTimer);
    this.#pollTimer = undefined;
  }

  async #send(link: Link, commands: readonly Uint8Array[]): Promise<void> {
    for (const command of commands) {
      try {
        await link.write(command);
      } catch (error) {
        this.#emit({ type: 'error', error: { code: 'WRITE_FAILED', message: (error as Error).message } });
        return;
      }
    }
  }

  #emit(event: ReaderEvent): void {
    if (!this.#running) return;
    for (const listener of [...this.#listeners]) listener(event);
  }
}

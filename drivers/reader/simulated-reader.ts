import { available, unavailable, type DeviceStatus, type Unsubscribe } from '../device.ts';
import type { Framer, FramerEvent } from '../framing/framer.ts';
import { profiles, type FramingProfile, type ProfileName } from '../framing/profiles.ts';
import type { DocumentReader, ReaderEvent } from './document-reader.ts';

export interface SimulatedReaderOptions {
  /**
   * The protocol the simulated device speaks. Documents and faults are encoded with it and decoded by the
   * real framer, so a fault injected here exercises the same framing code a hardware reader does.
   */
  readonly profile?: ProfileName;
}

/** Bytes no reader frame starts with, as a glitching line delivers them. */
const defaultGarbage = Uint8Array.from([0x00, 0xff, 0x7f, 0x15, 0x00, 0xfe, 0x11, 0x13]);

/**
 * A scripted reader driven by the simulation control API (docs/architecture.md "Simulation control").
 * It keeps the DocumentReader guarantees exactly as a hardware adapter does, so the session cannot tell.
 */
export class SimulatedReader implements DocumentReader {
  readonly id: string;
  readonly profile: FramingProfile;
  #status: DeviceStatus = unavailable('not started', 'NOT_REACHABLE');
  #plugged = true;
  #running = false;
  #framer: Framer;
  /** A logical clock for the framer: every injection happens "later" than the previous one. */
  #clock = 0;
  readonly #listeners = new Set<(event: ReaderEvent) => void>();

  constructor(id = 'reader', options: SimulatedReaderOptions = {}) {
    this.id = id;
    this.profile = profiles[options.profile ?? 'access-is'];
    this.#framer = this.profile.createFramer();
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
    this.#framer = this.profile.createFramer();
    this.#listeners.clear();
  }

  subscribe(listener: (event: ReaderEvent) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Places a document on the reader: one read cycle. Refused while unplugged, as real hardware would be silent. */
  insert(lines: readonly string[]): { accepted: boolean; reason?: string } {
    const refused = this.#refusal();
    if (refused) return refused;
    this.#emit({ type: 'mediaInserted' });
    this.#feed(this.profile.encode(lines));
    return { accepted: true };
  }

  /** A read that fails at the device with a given code (no bytes involved). */
  fault(code: string, message: string): { accepted: boolean; reason?: string } {
    const refused = this.#refusal();
    if (refused) return refused;
    this.#emit({ type: 'readStart' });
    this.#emit({ type: 'error', error: { code, message } });
    this.#emit({ type: 'readEnd' });
    return { accepted: true };
  }

  /** Line noise: bytes that open no frame go through the framer and come out as a NOISE error. */
  garbage(bytes: Uint8Array = defaultGarbage): { accepted: boolean; reason?: string } {
    const refused = this.#refusal();
    if (refused) return refused;
    this.#feed(bytes);
    return { accepted: true };
  }

  /**
   * The reader is unplugged halfway through sending a document: the framer sees half a frame and then the
   * end of the stream (readStart, TRUNCATED error, readEnd), and the status goes unavailable. Unless told to
   * stay unplugged the device comes back at once, as a reconnecting adapter would.
   */
  disconnectMidFrame(lines: readonly string[], options: { stayUnplugged?: boolean } = {}): { accepted: boolean; reason?: string } {
    const refused = this.#refusal();
    if (refused) return refused;
    const frame = this.profile.encode(lines);
    this.#emit({ type: 'mediaInserted' });
    this.#deliver(this.#framer.push(frame.subarray(0, Math.ceil(frame.length / 2)), this.#tick()));
    this.#deliver(this.#framer.end());
    this.unplug();
    if (!options.stayUnplugged) this.plug();
    return { accepted: true };
  }

  remove(): void {
    if (this.#running && this.#plugged) this.#emit({ type: 'mediaRemoved' });
  }

  unplug(): void {
    this.#plugged = false;
    this.#deliver(this.#framer.end());
    if (this.#running) this.#setStatus(unavailable('reader unplugged', 'NOT_REACHABLE'));
  }

  plug(): void {
    this.#plugged = true;
    if (this.#running) this.#setStatus(available);
  }

  #refusal(): { accepted: false; reason: string } | undefined {
    if (!this.#running) return { accepted: false, reason: 'reader not started' };
    if (!this.#plugged) return { accepted: false, reason: 'reader unplugged' };
    return undefined;
  }

  #tick(): number {
    this.#clock += 60_000;
    return this.#clock;
  }

  /** Pushes bytes, then lets the profile's timeout pass so gap-ended reads and pending noise come out now. */
  #feed(bytes: Uint8Array): void {
    const at = this.#tick();
    this.#deliver(this.#framer.push(bytes, at));
    this.#deliver(this.#framer.poll(at + 30_000));
  }

  #deliver(events: FramerEvent[]): void {
    for (const event of events) {
      if (event.type === 'data') this.#emit({ type: 'data', data: { lines: [...event.lines], origin: 'reader' } });
      else if (event.type === 'error') this.#emit({ type: 'error', error: { code: event.error.code, message: event.error.message } });
      else this.#emit({ type: event.type });
    }
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

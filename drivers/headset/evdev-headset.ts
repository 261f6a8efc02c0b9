import { createReadStream, type ReadStream } from 'node:fs';
import type { Unsubscribe } from '../device.ts';
import { JackState, type HeadsetJack } from './headset-jack.ts';
import { headphoneState, parseInputEvents } from './input-event.ts';

export interface EvdevHeadsetOptions {
  /** The sound card's jack switch device, e.g. `/dev/input/by-path/pci-0000:00:1f.3-event` (docs/accessibility.md "Headset jack"). */
  readonly path: string;
  /** The device could not be read (gone, no permission): reported, and the jack counts as unplugged. */
  readonly onFault?: (reason: string) => void;
}

/**
 * The headphone jack of the kiosk's sound card, read as Linux switch events (SW_HEADPHONE_INSERT). The kernel
 * reports changes only; the state at start would need an ioctl (EVIOCGSW) Node cannot make, so a headset that
 * is already plugged in when the kiosk starts counts once it is plugged in again.
 */
export class EvdevHeadset implements HeadsetJack {
  readonly #state = new JackState();
  readonly #stream: ReadStream;
  #rest: Uint8Array = new Uint8Array(0);

  constructor(options: EvdevHeadsetOptions) {
    this.#stream = createReadStream(options.path, { highWaterMark: 24 * 64 });
    this.#stream.on('data', (chunk) => this.#read(chunk as Buffer));
    this.#stream.on('error', (error: NodeJS.ErrnoException) => {
      this.#state.report(false);
      options.onFault?.(`${options.path}: ${error.code ?? error.message}`);
    });
  }

  plugged(): boolean {
    return this.#state.plugged();
  }

  subscribe(listener: (plugged: boolean) => void): Unsubscribe {
    return this.#state.subscribe(listener);
  }

  async close(): Promise<void> {
    this.#state.clear();
    this.#stream.destroy();
  }

  #read(chunk: Buffer): void {
    const bytes = new Uint8Array(this.#rest.length + chunk.length);
    bytes.set(this.#rest);
    bytes.set(chunk, this.#rest.length);
    const { events, rest } = parseInputEvents(bytes);
    this.#rest = rest;
    for (const event of events) {
      const plugged = headphoneState(event);
      if (plugged !== null) this.#state.report(plugged);
    }
  }
}

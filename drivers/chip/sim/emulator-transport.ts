import { CardRemovedError, type ApduTransport } from '../card-channel.ts';
import type { ChipEmulator } from './chip-emulator.ts';

/**
 * How long a contactless exchange takes (docs/chip.md "Read time"): ISO/IEC 14443 sends 9 bits per byte
 * (8 data + parity) at the negotiated bit rate, plus a fixed turnaround for the frames and the chip's own work.
 */
export interface ContactlessTiming {
  /** Bits per second on the air: 106 000, 212 000, 424 000 or 848 000. */
  readonly bitRate: number;
  /** Per-APDU turnaround in milliseconds (frame delay, chip's cryptography). */
  readonly turnaroundMs: number;
}

export const typicalContactless: ContactlessTiming = { bitRate: 424_000, turnaroundMs: 4 };

export function exchangeMs(timing: ContactlessTiming, commandBytes: number, responseBytes: number): number {
  return timing.turnaroundMs + ((commandBytes + responseBytes) * 9 * 1000) / timing.bitRate;
}

export interface EmulatorTransportOptions {
  readonly timing?: ContactlessTiming;
  readonly delay?: (ms: number) => Promise<void>;
}

/**
 * The emulator as an APDU transport, in process: what the simulated chip reader and the tests use. `remove()`
 * takes the card out of the field, so the exchange under way and every later one reject with CardRemovedError.
 */
export class EmulatorTransport implements ApduTransport {
  readonly #emulator: ChipEmulator;
  readonly #options: EmulatorTransportOptions;
  #present = true;

  constructor(emulator: ChipEmulator, options: EmulatorTransportOptions = {}) {
    this.#emulator = emulator;
    this.#options = options;
  }

  remove(): void {
    this.#present = false;
    this.#emulator.reset();
  }

  async transmit(apdu: Uint8Array): Promise<Uint8Array> {
    if (!this.#present) throw new CardRemovedError('the card left the reader');
    const response = this.#emulator.transmit(apdu);
    const { timing, delay } = this.#options;
    if (timing && delay) await delay(exchangeMs(timing, apdu.length, response.length));
    if (!this.#present) throw new CardRemovedError('the card left the reader');
    return response;
  }
}

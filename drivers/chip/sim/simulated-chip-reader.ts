import { available, unavailable, type DeviceStatus, type Unsubscribe } from '../../device.ts';
import { CardRemovedError } from '../card-channel.ts';
import { NoCardError, type CardConnection, type ChipReader, type ChipReaderEvent } from '../chip-reader.ts';
import { ChipEmulator } from './chip-emulator.ts';
import { EmulatorTransport, type ContactlessTiming } from './emulator-transport.ts';
import type { ChipPersonalisation } from './personalise.ts';
import type { RandomBytes } from '../access/bac.ts';

export interface SimulatedChipReaderOptions {
  readonly random: RandomBytes;
  /** Contactless timing to imitate, and the sleep that realises it; none for instant answers. */
  readonly timing?: ContactlessTiming;
  readonly delay?: (ms: number) => Promise<void>;
}

/**
 * A contactless reader whose cards are emulated chips, driven by the simulation control API and the tests. It
 * keeps the ChipReader guarantees as the PC/SC adapter does; the chip behind it is the same emulator that the
 * PC/SC path reaches through pcscd and vpcd.
 */
export class SimulatedChipReader implements ChipReader {
  readonly id: string;
  readonly #options: SimulatedChipReaderOptions;
  readonly #listeners = new Set<(event: ChipReaderEvent) => void>();
  #status: DeviceStatus = unavailable('not started');
  #plugged = true;
  #running = false;
  #card: { emulator: ChipEmulator; transport?: EmulatorTransport } | undefined;

  constructor(id: string, options: SimulatedChipReaderOptions) {
    this.id = id;
    this.#options = options;
  }

  status(): DeviceStatus {
    return this.#status;
  }

  cardPresent(): boolean {
    return this.#card !== undefined;
  }

  async start(): Promise<void> {
    this.#running = true;
    this.#setStatus(this.#plugged ? available : unavailable('chip reader unplugged'));
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#listeners.clear();
  }

  subscribe(listener: (event: ChipReaderEvent) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Places a chip in the field (a document laid on the reader). */
  present(chip: ChipPersonalisation): void {
    this.remove();
    this.#card = { emulator: new ChipEmulator(chip, this.#options.random) };
    if (this.#plugged) this.#emit({ type: 'cardPresent' });
  }

  /** Takes the chip out of the field; an exchange under way rejects with CardRemovedError. */
  remove(): void {
    const card = this.#card;
    if (!card) return;
    card.transport?.remove();
    this.#card = undefined;
    this.#emit({ type: 'cardRemoved' });
  }

  unplug(): void {
    this.remove();
    this.#plugged = false;
    this.#setStatus(unavailable('chip reader unplugged'));
  }

  plug(): void {
    this.#plugged = true;
    this.#setStatus(available);
  }

  async connect(): Promise<CardConnection> {
    const card = this.#card;
    if (!card || !this.#plugged) throw new NoCardError('no card in the field');
    card.emulator.reset();
    const transport = new EmulatorTransport(card.emulator, { ...(this.#options.timing ? { timing: this.#options.timing } : {}), ...(this.#options.delay ? { delay: this.#options.delay } : {}) });
    card.transport = transport;
    let open = true;
    return {
      atr: card.emulator.atr,
      transmit: (apdu) => (open ? transport.transmit(apdu) : Promise.reject(new CardRemovedError('connection closed'))),
      close: async () => {
        open = false;
      },
    };
  }

  #setStatus(status: DeviceStatus): void {
    const changed = JSON.stringify(status) !== JSON.stringify(this.#status);
    this.#status = status;
    if (changed) this.#emit({ type: 'status', status });
  }

  #emit(event: ChipReaderEvent): void {
    if (!this.#running) return;
    for (const l of [...this.#listeners]) l(event);
  }
}

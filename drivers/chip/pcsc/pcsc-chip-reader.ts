import { available, unavailable, type DeviceStatus, type Unsubscribe } from '../../device.ts';
import { CardRemovedError } from '../card-channel.ts';
import { NoCardError, type CardConnection, type ChipReader, type ChipReaderEvent } from '../chip-reader.ts';

/** The part of the `smartcard` package (PC/SC over pcsc-lite) this adapter uses, injectable for tests. */
export interface PcscCard {
  readonly atr: Buffer | null;
  transmit(command: Buffer, options?: { maxRecvLength?: number }): Promise<Buffer>;
  reconnect(shareMode?: number, protocol?: number, initialization?: number): Promise<number>;
  getStatus(): { atr: Buffer };
  disconnect(disposition?: number): void;
}

export interface PcscReaderHandle {
  readonly name: string;
  connect(shareMode: number, protocol: number): Promise<PcscCard>;
}

export interface PcscReaderState {
  readonly name: string;
  readonly state: number;
}

export interface PcscContext {
  listReaders(): PcscReaderHandle[];
  /** Resolves with the readers whose state changed, [] on timeout, null when cancelled. */
  waitForChange(readers: PcscReaderState[], timeout: number): Promise<PcscReaderState[] | null>;
  cancel(): void;
  close(): void;
}

export interface PcscBinding {
  createContext(): PcscContext;
  readonly SCARD_SHARE_SHARED: number;
  readonly SCARD_PROTOCOL_T0: number;
  readonly SCARD_PROTOCOL_T1: number;
  readonly SCARD_RESET_CARD: number;
  readonly SCARD_STATE_PRESENT: number;
  readonly SCARD_STATE_MUTE: number;
  readonly SCARD_STATE_CHANGED: number;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PcscChipReaderOptions {
  /** Use the first reader whose name contains this text (e.g. the passport reader's contactless slot). */
  readonly readerName?: string;
  /** Loads the binding; the default imports `smartcard`, which needs libpcsclite at run time. */
  readonly binding?: () => Promise<PcscBinding>;
  readonly timers?: Timers;
  /** How long to wait before trying to reach the PC/SC service again after it failed. */
  readonly retryMs?: number;
  /** Longest wait for a state change before the reader list is looked at again (hot-plug latency). */
  readonly pollMs?: number;
}

async function defaultBinding(): Promise<PcscBinding> {
  const m = await import('smartcard');
  return {
    createContext: () => new m.Context() as unknown as PcscContext,
    SCARD_SHARE_SHARED: m.SCARD_SHARE_SHARED,
    SCARD_PROTOCOL_T0: m.SCARD_PROTOCOL_T0,
    SCARD_PROTOCOL_T1: m.SCARD_PROTOCOL_T1,
    SCARD_RESET_CARD: m.SCARD_RESET_CARD,
    SCARD_STATE_PRESENT: m.SCARD_STATE_PRESENT,
    SCARD_STATE_MUTE: m.SCARD_STATE_MUTE,
    SCARD_STATE_CHANGED: m.SCARD_STATE_CHANGED,
  };
}

/** PC/SC answers that mean the card has gone (pcsc-lite's SCARD_W_REMOVED_CARD, SCARD_E_NO_SMARTCARD, SCARD_W_RESET_CARD…). */
function isRemoval(error: unknown): boolean {
  const code = (error as { code?: number }).code;
  const text = String((error as Error).message ?? '');
  return code === 0x80100069 || code === 0x8010000c || code === 0x80100066 || /removed|no smart ?card|unresponsive/i.test(text);
}

/**
 * The contactless reader through pcsc-lite (Debian `pcscd`) with the `smartcard` N-API binding. Readers and
 * cards are watched with SCardGetStatusChange in a loop of its own (cancelled on stop), rather than with the
 * binding's monitor thread, whose stop can deadlock against its own event queue. Readers that appear later are
 * found within `pollMs`; when the PC/SC service cannot be reached the status says so and the adapter tries
 * again every `retryMs` until stopped.
 */
export class PcscChipReader implements ChipReader {
  readonly id: string;
  readonly #options: PcscChipReaderOptions;
  readonly #timers: Timers;
  readonly #listeners = new Set<(event: ChipReaderEvent) => void>();
  #status: DeviceStatus = unavailable('not started');
  #binding: PcscBinding | undefined;
  /** Watches readers; pcsc-lite holds a context's lock for a whole status wait, so cards use another context. */
  #context: PcscContext | undefined;
  #cardContext: PcscContext | undefined;
  #reader: { name: string; state: number } | undefined;
  #card: PcscCard | undefined;
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(id: string, options: PcscChipReaderOptions = {}) {
    this.id = id;
    this.#options = options;
    this.#timers = options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
  }

  status(): DeviceStatus {
    return this.#status;
  }

  cardPresent(): boolean {
    return this.#card !== undefined;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    let first: () => void = () => {};
    const started = new Promise<void>((resolve) => (first = resolve));
    this.#loop = this.#watch(first);
    await started;
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#listeners.clear();
    try {
      this.#context?.cancel();
    } catch {
      // The service is gone: nothing to cancel.
    }
    this.#wake?.();
    await this.#loop;
  }

  subscribe(listener: (event: ChipReaderEvent) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async connect(): Promise<CardConnection> {
    let card = this.#card;
    const binding = this.#binding;
    if (!card || !binding) throw new NoCardError('no card in the field');
    const protocols = binding.SCARD_PROTOCOL_T0 | binding.SCARD_PROTOCOL_T1;
    try {
      await card.reconnect(binding.SCARD_SHARE_SHARED, protocols, binding.SCARD_RESET_CARD);
    } catch (error) {
      if (this.#card !== card || !isRemoval(error)) throw this.#card !== card ? new CardRemovedError('the card left the reader') : error;
      // The handle went stale (the card was swapped between two status waits): open the card afresh once.
      const reader = this.#cardContext?.listReaders().find((r) => r.name === this.#reader?.name);
      try {
        if (!reader) throw error;
        card = await reader.connect(binding.SCARD_SHARE_SHARED, protocols);
      } catch {
        throw new CardRemovedError('the card left the reader');
      }
      this.#card = card;
    }
    const atr = new Uint8Array(card.getStatus().atr ?? card.atr ?? []);
    let open = true;
    return {
      atr,
      transmit: async (apdu) => {
        if (!open || this.#card !== card) throw new CardRemovedError('the card left the reader');
        try {
          return new Uint8Array(await card.transmit(Buffer.from(apdu), { maxRecvLength: 65538 }));
        } catch (error) {
          if (isRemoval(error) || this.#card !== card) throw new CardRemovedError('the card left the reader');
          throw error;
        }
      },
      close: async () => {
        open = false;
      },
    };
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const handle = this.#timers.setTimeout(() => {
        this.#wake = undefined;
        resolve();
      }, ms);
      this.#wake = () => {
        this.#timers.clearTimeout(handle);
        this.#wake = undefined;
        resolve();
      };
    });
  }

  async #watch(started: () => void): Promise<void> {
    while (this.#running) {
      try {
        this.#binding ??= await (this.#options.binding ?? defaultBinding)();
        this.#context ??= this.#binding.createContext();
        this.#cardContext ??= this.#binding.createContext();
        await this.#poll(this.#binding, this.#context, this.#cardContext);
      } catch (error) {
        this.#serviceDown(error as Error);
        started();
        if (this.#running) await this.#sleep(this.#options.retryMs ?? 2000);
      }
      started();
    }
    this.#dropCard();
    this.#closeContexts();
  }

  #closeContexts(): void {
    for (const context of [this.#context, this.#cardContext]) {
      try {
        context?.close();
      } catch {
        // Already released with the service.
      }
    }
    this.#context = undefined;
    this.#cardContext = undefined;
  }

  /** One round: find the reader, then wait (bounded) for its state to change and apply what changed. */
  async #poll(binding: PcscBinding, context: PcscContext, cardContext: PcscContext): Promise<void> {
    const pollMs = this.#options.pollMs ?? 500;
    const handle = context.listReaders().find((r) => this.#matches(r.name));
    if (!handle) {
      if (this.#reader) this.#detached();
      this.#setStatus(unavailable('no contactless reader attached', 'NOT_REACHABLE'));
      await this.#sleep(pollMs);
      return;
    }
    if (!this.#reader || this.#reader.name !== handle.name) {
      this.#reader = { name: handle.name, state: 0 };
      this.#setStatus(available);
    }
    const reader = this.#reader;
    const changes = await context.waitForChange([{ name: reader.name, state: reader.state }], pollMs);
    if (changes === null || !this.#running) return;
    const change = changes.find((c) => c.name === reader.name);
    if (!change) return;
    // pcsc-lite counts card insertions and removals in the high word: a new count under a card we hold means
    // that card left and another (or the same) came back between two waits.
    const replaced = (change.state >>> 16) !== (reader.state >>> 16) && reader.state !== 0;
    reader.state = change.state & ~binding.SCARD_STATE_CHANGED;
    const present = (change.state & binding.SCARD_STATE_PRESENT) !== 0 && (change.state & binding.SCARD_STATE_MUTE) === 0;
    if (replaced && this.#card) this.#dropCard();
    if (present && !this.#card) {
      try {
        const cardReader = cardContext.listReaders().find((r) => r.name === reader.name);
        if (!cardReader) return;
        this.#card = await cardReader.connect(binding.SCARD_SHARE_SHARED, binding.SCARD_PROTOCOL_T0 | binding.SCARD_PROTOCOL_T1);
        this.#emit({ type: 'cardPresent' });
      } catch {
        // Card left again before we could open it, or it does not answer: wait for the next change.
      }
    } else if (!present && this.#card) this.#dropCard();
  }

  #serviceDown(error: Error): void {
    this.#dropCard();
    this.#reader = undefined;
    this.#closeContexts();
    this.#setStatus(unavailable(`PC/SC service not reachable: ${error.message}`, 'NOT_REACHABLE'));
  }

  #detached(): void {
    this.#dropCard();
    this.#reader = undefined;
  }

  #dropCard(): void {
    const card = this.#card;
    if (!card) return;
    this.#card = undefined;
    try {
      card.disconnect();
    } catch {
      // The card is gone already.
    }
    this.#emit({ type: 'cardRemoved' });
  }

  #matches(name: string): boolean {
    return this.#options.readerName === undefined || name.includes(this.#options.readerName);
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

import { available, busy, unavailable, type DeviceStatus, type Unsubscribe } from '../../drivers/device.ts';
import type { EncodedCard, KeyEncodeRequest, KeyEncodeResult, KeyEncoder } from './key-encoder.ts';
import { appendLatest } from '../../drivers/sim/bounded.ts';

export interface SimulatedKeyEncoderOptions {
  readonly id?: string;
  /** Cards in the hopper at start. */
  readonly cardStock: number;
  /** Time to encode one card; injected so tests need not wait. */
  readonly encodeCard?: () => Promise<void>;
}

/** A key dispenser that records what it encoded; the control API empties and refills its hopper. */
export class SimulatedKeyEncoder implements KeyEncoder {
  readonly id: string;
  readonly #encodeCard: () => Promise<void>;
  readonly #listeners = new Set<(status: DeviceStatus) => void>();
  /** The latest cards only (the count is kept apart), so weeks of check-ins stay bounded. */
  readonly #encoded: EncodedCard[] = [];
  #cardsEncoded = 0;
  #stock: number;
  #encoding = false;
  #connected = true;
  #serial = 0;
  #status: DeviceStatus;

  constructor(options: SimulatedKeyEncoderOptions) {
    this.id = options.id ?? 'key-encoder';
    this.#stock = Math.max(0, Math.floor(options.cardStock));
    this.#encodeCard = options.encodeCard ?? (async () => {});
    this.#status = this.#computeStatus();
  }

  status(): DeviceStatus {
    return this.#status;
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Control API: the hopper runs out. */
  empty(): void {
    this.#stock = 0;
    this.#update();
  }

  /** Control API: staff refill the hopper (default: full, 100 cards). */
  refill(cards = 100): void {
    this.#stock = Math.max(0, Math.floor(cards));
    this.#update();
  }

  /** Control API: unplug / plug the encoder. */
  setConnected(connected: boolean): void {
    this.#connected = connected;
    this.#update();
  }

  /** What the simulator knows, without personal data (room numbers and counts only). */
  state(): { stock: number; status: DeviceStatus; cardsEncoded: number; lastRoom: string | null } {
    return { stock: this.#stock, status: this.#status, cardsEncoded: this.#cardsEncoded, lastRoom: this.#encoded.at(-1)?.roomNumber ?? null };
  }

  encoded(): readonly EncodedCard[] {
    return [...this.#encoded];
  }

  async encode(request: KeyEncodeRequest): Promise<KeyEncodeResult> {
    if (!Number.isInteger(request.count) || request.count < 1 || request.count > 4) {
      return { ok: false, error: { code: 'invalid-request', message: 'count must be 1 to 4' }, cards: [] };
    }
    if (!(Date.parse(request.validUntil) > Date.parse(request.validFrom))) {
      return { ok: false, error: { code: 'invalid-request', message: 'validUntil must be after validFrom' }, cards: [] };
    }
    if (!request.roomNumber || !request.keyData) {
      return { ok: false, error: { code: 'invalid-request', message: 'roomNumber and keyData are required' }, cards: [] };
    }
    if (this.#encoding) return { ok: false, error: { code: 'busy', message: 'the encoder is encoding another request' }, cards: [] };
    if (!this.#connected) return { ok: false, error: { code: 'unavailable', message: 'key encoder not connected' }, cards: [] };
    if (this.#stock === 0) return { ok: false, error: { code: 'stock-empty', message: 'no key cards left' }, cards: [] };
    this.#encoding = true;
    this.#update();
    const cards: EncodedCard[] = [];
    try {
      for (let i = 0; i < request.count; i++) {
        if (this.#stock === 0) {
          return { ok: false, error: { code: 'stock-empty', message: `card stock ran out after ${cards.length} of ${request.count}` }, cards };
        }
        await this.#encodeCard();
        this.#stock--;
        this.#serial++;
        const card = { serial: `SIMCARD-${String(this.#serial).padStart(6, '0')}`, roomNumber: request.roomNumber, validUntil: request.validUntil };
        cards.push(card);
        appendLatest(this.#encoded, card, 200);
        this.#cardsEncoded++;
      }
      return { ok: true, cards };
    } finally {
      this.#encoding = false;
      this.#update();
    }
  }

  #computeStatus(): DeviceStatus {
    if (!this.#connected) return unavailable('key encoder not connected', 'NOT_REACHABLE');
    if (this.#encoding) return busy;
    if (this.#stock === 0) return unavailable('key card stock empty', 'MEDIA_EMPTY');
    return available;
  }

  #update(): void {
    const next = this.#computeStatus();
    if (JSON.stringify(next) === JSON.stringify(this.#status)) return;
    this.#status = next;
    for (const listener of this.#listeners) listener(next);
  }
}

/** One message waiting for the broker. */
export interface OutboxMessage {
  readonly topic: string;
  readonly payload: string;
}

/**
 * Store-and-forward for events and command results while the broker is unreachable: first in, first out,
 * bounded. When full, the oldest message is dropped and counted, so a kiosk offline for days keeps its most
 * recent history and says how much it lost. In memory: a restart loses what was waiting (docs/fleet.md).
 */
export class Outbox {
  readonly #limit: number;
  #items: OutboxMessage[] = [];
  #dropped = 0;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`outbox limit must be a positive integer, not ${limit}`);
    this.#limit = limit;
  }

  get size(): number {
    return this.#items.length;
  }

  /** Messages dropped because the outbox was full, since start. */
  get dropped(): number {
    return this.#dropped;
  }

  push(message: OutboxMessage): void {
    this.#items.push(message);
    if (this.#items.length > this.#limit) {
      this.#items.shift();
      this.#dropped += 1;
    }
  }

  /** The oldest message, left in place until `remove` confirms the broker took it. */
  peek(): OutboxMessage | undefined {
    return this.#items[0];
  }

  /** Removes `message` if it is still the oldest (it may have been dropped meanwhile). */
  remove(message: OutboxMessage): void {
    if (this.#items[0] === message) this.#items.shift();
  }
}

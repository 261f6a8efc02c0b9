import type { Unsubscribe } from '../device.ts';

/**
 * The kiosk's headphone jack: whether a traveller's headset is plugged in (docs/accessibility.md "Starting speech
 * mode"). Plugging one in starts speech mode; pulling it out stops speech, so nothing personal is ever said
 * through a speaker the traveller did not choose. Guarantees every adapter keeps:
 * - `plugged()` is the last state the jack reported; `false` until it has reported anything.
 * - Listeners hear each change once, in order; a report that repeats the current state is not a change.
 * - A jack that fails (its device file gone) reports through `onFault` and counts as unplugged; it never throws.
 */
export interface HeadsetJack {
  plugged(): boolean;
  subscribe(listener: (plugged: boolean) => void): Unsubscribe;
  close(): Promise<void>;
}

/** Keeps the state and the listeners; adapters only report what the hardware says. */
export class JackState {
  readonly #listeners = new Set<(plugged: boolean) => void>();
  #plugged = false;

  plugged(): boolean {
    return this.#plugged;
  }

  subscribe(listener: (plugged: boolean) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  report(plugged: boolean): void {
    if (plugged === this.#plugged) return;
    this.#plugged = plugged;
    for (const listener of [...this.#listeners]) listener(plugged);
  }

  clear(): void {
    this.#listeners.clear();
  }
}

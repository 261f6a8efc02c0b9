import type { Timers } from '../../drivers/reader/timers.ts';

/** Timers a test advances by hand: deterministic reconnection backoff and frame timeouts. */
export class ManualTimers implements Timers {
  #now = 0;
  #next = 1;
  readonly #due = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#due.set(id, { at: this.#now + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#due.delete(handle as number);
  }

  /** Delays of the timers now pending, soonest first. */
  pending(): number[] {
    return [...this.#due.values()].map((t) => t.at - this.#now).sort((a, b) => a - b);
  }

  /** Moves time forward, running every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const next = [...this.#due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.#due.delete(next[0]);
      this.#now = next[1].at;
      next[1].fn();
    }
    this.#now = end;
  }
}

/** Lets promises and nextTick/setImmediate callbacks (serialport's mock delivers on nextTick) run. */
export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((r) => setImmediate(r));
}

/** Waits (real time) until `check` holds; for real I/O such as ptys. Throws with `what` when it never does. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

import type { Clock, TimerHandle } from '../../drivers/clock.ts';

/**
 * The one manual clock of the tests (drivers/clock.ts `Clock`): time moves only when a test says so. Advancing
 * moves wall time and monotonic time together and runs the timers that fall due, in order; `setWallTime`
 * jumps the wall clock alone, as a clock change on a kiosk would.
 */
export class ManualClock implements Clock {
  #wall: number;
  #monotonic = 0;
  readonly #timers = new Map<number, { at: number; fn: () => void }>();
  #next = 1;

  constructor(start = Date.UTC(2026, 10, 28, 9, 0, 0)) {
    this.#wall = start;
  }

  // Bound, so a test may hand `clock.now` on by itself as a `() => number`.
  readonly now = (): number => this.#wall;

  readonly monotonic = (): number => this.#monotonic;

  readonly setTimeout = (fn: () => void, ms: number): TimerHandle => {
    const id = this.#next++;
    this.#timers.set(id, { at: this.#monotonic + Math.max(0, ms), fn });
    return id;
  };

  readonly clearTimeout = (handle: TimerHandle): void => {
    if (typeof handle === 'number') this.#timers.delete(handle);
  };

  /** How many timers are waiting. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Delays of the timers now waiting, soonest first. */
  pendingDelays(): number[] {
    return [...this.#timers.values()].map((t) => t.at - this.#monotonic).sort((a, b) => a - b);
  }

  /** The wall clock jumps (NTP, a person setting the time); timers and monotonic time are not affected. */
  setWallTime(epochMs: number): void {
    this.#wall = epochMs;
  }

  /** Moves time forward by `ms`, running every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const end = this.#monotonic + ms;
    for (let due = this.#due(end); due; due = this.#due(end)) this.#fire(due);
    this.#moveTo(end);
  }

  /**
   * Like `advance`, but lets asynchronous work settle after each timer (`settle`, e.g. an outbox's `idle`), so
   * timers that work schedules within the window also run, as they would in real time.
   */
  async run(ms: number, settle: () => Promise<void>): Promise<void> {
    const end = this.#monotonic + ms;
    await settle();
    for (let due = this.#due(end); due; due = this.#due(end)) {
      this.#fire(due);
      await settle();
    }
    this.#moveTo(end);
  }

  #due(end: number): [number, { at: number; fn: () => void }] | undefined {
    return [...this.#timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
  }

  #fire([id, timer]: [number, { at: number; fn: () => void }]): void {
    this.#timers.delete(id);
    this.#moveTo(Math.max(this.#monotonic, timer.at));
    timer.fn();
  }

  #moveTo(monotonic: number): void {
    this.#wall += monotonic - this.#monotonic;
    this.#monotonic = monotonic;
  }
}

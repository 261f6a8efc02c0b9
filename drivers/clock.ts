/**
 * Time, injected everywhere so tests control it (docs/architecture.md "Time"). The one clock of the codebase:
 * devices, the platform client, the outbox and the session all take this interface (or the part they use).
 *
 * Two kinds of time are kept apart:
 * - `now()` is wall-clock time (epoch milliseconds): what a record says happened when (an arrival, an alert,
 *   an expiry date). It can jump when the system clock is set.
 * - `monotonic()` only ever moves forward, from an arbitrary origin: use it for durations and deadlines (a frame
 *   timeout, how long a request took), which a clock change must not stretch or shrink.
 * Timers run after a duration, whatever happens to the wall clock.
 */
export interface Clock {
  now(): number;
  monotonic(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Opaque: only ever handed back to the clock that made it. */
export type TimerHandle = unknown;

/** Timers alone, for code that measures nothing. */
export type Timers = Pick<Clock, 'setTimeout' | 'clearTimeout'>;

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

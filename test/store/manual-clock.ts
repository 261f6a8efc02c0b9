import type { OutboxClock } from '../../electron/store/outbox.ts';

/** A clock whose timers run only when the test advances it. */
export interface ManualClock extends OutboxClock {
  advance(ms: number): void;
  /**
   * Like `advance`, but lets async work settle after each timer (`settle`, e.g. the outbox's `idle`), so timers
   * that work schedules within the window also run, as they would in real time.
   */
  run(ms: number, settle: () => Promise<void>): Promise<void>;
  pendingTimers(): number;
}

export function manualClock(start = Date.parse('2026-11-28T14:00:00Z')): ManualClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
      }
      now = until;
    },
    async run(ms, settle) {
      const until = now + ms;
      await settle();
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
        await settle();
      }
      now = until;
    },
    pendingTimers: () => timers.size,
  };
}

/**
 * What a shell does when its page or its browser fails (docs/deployment.md "Recovery"). The same policy serves
 * the Electron window and the Chromium shell, so both recover alike: a page that crashed or hung is reloaded;
 * a page that keeps failing gets a new browser; a browser that keeps exiting is started again after a delay
 * that grows, so a fault that cannot heal does not become a restart storm.
 */

export type PageRecovery = 'reload' | 'relaunch';

export interface PageFailurePolicyOptions {
  /** Reloads allowed within `windowMs`; the next failure in that window relaunches the browser. */
  readonly maxReloads: number;
  readonly windowMs: number;
  readonly now: () => number;
}

export const defaultPageFailurePolicy = { maxReloads: 3, windowMs: 60_000 } as const;

/** Counts page failures in a sliding window and answers each with a reload, or with a relaunch once too many. */
export function pageFailurePolicy(options: PageFailurePolicyOptions): { pageFailed(): PageRecovery } {
  let failures: number[] = [];
  return {
    pageFailed() {
      const now = options.now();
      failures = [...failures.filter((at) => now - at < options.windowMs), now];
      if (failures.length <= options.maxReloads) return 'reload';
      failures = [];
      return 'relaunch';
    },
  };
}

export interface RelaunchBackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  /** A browser that ran this long before exiting counts as healthy: the delay starts again from `initialMs`. */
  readonly stableMs: number;
}

export const defaultRelaunchBackoff: RelaunchBackoffOptions = { initialMs: 1_000, maxMs: 30_000, stableMs: 60_000 };

/** The delay before starting a browser again, given how long the one that just exited had run. */
export function relaunchBackoff(options: RelaunchBackoffOptions): { delayAfter(ranMs: number): number } {
  let next = options.initialMs;
  return {
    delayAfter(ranMs) {
      if (ranMs >= options.stableMs) next = options.initialMs;
      const delay = next;
      next = Math.min(next * 2, options.maxMs);
      return delay;
    },
  };
}

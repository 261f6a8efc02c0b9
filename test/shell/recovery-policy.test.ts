import { describe, expect, it } from 'vitest';
import { pageFailurePolicy, relaunchBackoff } from '../../electron/shell/recovery-policy.ts';

describe('page failure policy', () => {
  it('reloads a failed page, and relaunches the browser when the page keeps failing within the window', () => {
    let now = 0;
    const policy = pageFailurePolicy({ maxReloads: 3, windowMs: 60_000, now: () => now });
    const answers = [0, 10_000, 20_000, 30_000].map((at) => {
      now = at;
      return policy.pageFailed();
    });
    expect(answers).toEqual(['reload', 'reload', 'reload', 'relaunch']);
    // The relaunch starts a fresh count.
    now = 31_000;
    expect(policy.pageFailed()).toBe('reload');
  });

  it('forgets failures older than the window', () => {
    let now = 0;
    const policy = pageFailurePolicy({ maxReloads: 2, windowMs: 60_000, now: () => now });
    const answers = [0, 50_000, 70_000, 115_000].map((at) => {
      now = at;
      return policy.pageFailed();
    });
    expect(answers).toEqual(['reload', 'reload', 'reload', 'reload']);
    now = 116_000;
    expect(policy.pageFailed()).toBe('relaunch');
  });
});

describe('relaunch backoff', () => {
  it('doubles the delay for a browser that keeps exiting, up to the maximum', () => {
    const backoff = relaunchBackoff({ initialMs: 1_000, maxMs: 8_000, stableMs: 60_000 });
    expect([1, 2, 3, 4, 5].map(() => backoff.delayAfter(500))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it('starts again from the first delay after a browser that ran long enough', () => {
    const backoff = relaunchBackoff({ initialMs: 1_000, maxMs: 8_000, stableMs: 60_000 });
    backoff.delayAfter(100);
    backoff.delayAfter(100);
    expect(backoff.delayAfter(60_000)).toBe(1_000);
    expect(backoff.delayAfter(100)).toBe(2_000);
  });
});

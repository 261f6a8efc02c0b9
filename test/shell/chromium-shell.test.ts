import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startChromiumShell } from '../../electron/shell/chromium-shell.ts';
import { chromiumFlags } from '../../electron/shell/chromium-flags.ts';
import { silentLogger } from '../../electron/log/logger.ts';

/** Timers the test fires by hand; `delays` records what the shell asked for. */
function fakeClock() {
  const timers = new Map<number, () => void>();
  const delays: number[] = [];
  let next = 0;
  return {
    delays,
    now: () => 0,
    monotonic: () => 0,
    setTimeout: (fn: () => void, ms: number) => {
      delays.push(ms);
      timers.set(++next, fn);
      return next;
    },
    clearTimeout: (id: unknown) => timers.delete(id as number),
    fireAll() {
      const due = [...timers.values()];
      timers.clear();
      for (const fn of due) fn();
    },
    get pending() {
      return timers.size;
    },
  };
}

describe('Chromium shell supervision (failure paths; test/e2e/chromium-shell.test.ts runs the real browser)', () => {
  it('waits for a page address with a growing delay, starting no browser meanwhile', async () => {
    const clock = fakeClock();
    const profileRoot = mkdtempSync(join(tmpdir(), 'passage-shell-'));
    const pageUrl = vi.fn(async (): Promise<string> => {
      throw new Error('no kiosk page address (ENOENT)');
    });
    const shell = startChromiumShell({ binary: '/nonexistent/chromium', pageUrl, kiosk: true, extraFlags: [], profileRoot, logger: silentLogger(), clock });
    for (let i = 0; i < 4; i++) {
      await vi.waitFor(() => expect(clock.pending).toBe(1));
      clock.fireAll();
    }
    await vi.waitFor(() => expect(clock.delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]));
    expect(readdirSync(profileRoot)).toEqual([]);
    await shell.stop();
  });

  it('starts a browser that cannot run again after a growing delay, not in a loop, and removes its profiles', async () => {
    const clock = fakeClock();
    const profileRoot = mkdtempSync(join(tmpdir(), 'passage-shell-'));
    const shell = startChromiumShell({ binary: '/nonexistent/chromium', pageUrl: async () => 'http://127.0.0.1:9/#token=t', kiosk: true, extraFlags: [], profileRoot, logger: silentLogger(), clock });
    for (let i = 0; i < 3; i++) {
      await vi.waitFor(() => expect(clock.pending).toBe(1));
      clock.fireAll();
    }
    await vi.waitFor(() => expect(clock.delays).toEqual([1_000, 2_000, 4_000, 8_000]));
    await shell.stop();
    await vi.waitFor(() => expect(readdirSync(profileRoot)).toEqual([]));
  });
});

describe('Chromium command line', () => {
  it('carries the profile, the pipe and kiosk mode, and never a page address', () => {
    const flags = chromiumFlags({ profileDir: '/tmp/p', kiosk: true, extra: ['--force-device-scale-factor=1.5'] });
    expect(flags).toEqual(expect.arrayContaining(['--user-data-dir=/tmp/p', '--remote-debugging-pipe', '--kiosk', '--force-device-scale-factor=1.5']));
    expect(flags.at(-1)).toBe('about:blank');
    expect(flags.filter((f) => /^(https?:|--app=http)/.test(f))).toEqual([]);
    expect(chromiumFlags({ profileDir: '/tmp/p', kiosk: false, extra: [] })).toEqual(expect.arrayContaining(['--app=about:blank', '--window-size=1080,1920']));
  });
});

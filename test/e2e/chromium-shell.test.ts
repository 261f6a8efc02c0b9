import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPids, commandLine, descendants } from '../support/processes.ts';
import { chromiumArgs } from './support/browser.ts';
import { repoRoot } from './support/kiosk-process.ts';
import { freePort } from '../support/free-port.ts';

/**
 * `passage start --shell chromium`, as a kiosk runs it, with Chromium headless. The test watches the page over a
 * debugging port of its own (PASSAGE_CHROMIUM_FLAGS); the shell drives the browser over its private pipe.
 */

let kiosk: ChildProcess;
let output = '';
let debugPort: number;
let kioskPort: number;

/** The kiosk's page as the test sees it, over a fresh debugging connection (the browser may be a new one). */
async function kioskPageOnce(): Promise<{ browser: Browser; page: Page } | null> {
  let browser: Browser;
  try {
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${debugPort}`, { timeout: 2_000 });
  } catch {
    return null;
  }
  const page = browser.contexts().flatMap((c) => c.pages()).find((p) => p.url().startsWith(`http://127.0.0.1:${kioskPort}/`));
  if (page) return { browser, page };
  await browser.close();
  return null;
}

/** Milliseconds until the kiosk page shows the attract screen (polled every 100 ms, up to `limitMs`). */
async function msUntilAttract(since: number, limitMs: number): Promise<number> {
  while (Date.now() - since < limitMs) {
    const found = await kioskPageOnce();
    if (found) {
      const shown = await found.page
        .locator('main.kiosk[data-screen="attract"]')
        .isVisible()
        .catch(() => false);
      await found.browser.close();
      if (shown) return Date.now() - since;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the kiosk page was not back on the attract screen within ${limitMs} ms\n${output.slice(-3000)}`);
}

/** Chromium's processes below the kiosk. Chromium rewrites its children's command lines as one string, so `line` is what to search. */
function chromiumProcesses(): { pid: number; args: string[]; line: string }[] {
  return descendants(kiosk.pid ?? -1)
    .map((pid) => ({ pid, args: commandLine(pid) ?? [] }))
    .map((p) => ({ ...p, line: p.args.join(' ') }))
    .filter((p) => p.line.includes('chromium'));
}

const isBrowserProcess = (p: { line: string }) => !p.line.includes('--type=');

beforeAll(async () => {
  debugPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'passage-chromium-shell-'));
  const config = join(dir, 'kiosk.json');
  writeFileSync(config, JSON.stringify({ dataDir: join(dir, 'data'), services: [], verifyHolders: false, ocr: { enabled: false }, log: { level: 'info' } }));
  kiosk = spawn(process.execPath, [join(repoRoot, 'bin/passage.js'), 'start', '--shell', 'chromium', '--port', '0', '--config', config], {
    cwd: repoRoot,
    env: { ...process.env, PASSAGE_CHROMIUM_FLAGS: [...chromiumArgs, `--remote-debugging-port=${debugPort}`].join(' ') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  kiosk.stderr?.on('data', (c) => (output += String(c)));
  kioskPort = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the kiosk did not start:\n${output}`)), 45_000);
    kiosk.stdout?.on('data', (chunk) => {
      output += String(chunk);
      const match = /at http:\/\/127\.0\.0\.1:(\d+)\/ in the Chromium shell/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    kiosk.once('exit', (code) => reject(new Error(`the kiosk exited with ${code}:\n${output}`)));
  });
  await msUntilAttract(Date.now(), 30_000);
});

afterAll(async () => {
  if (kiosk.exitCode !== null) return;
  const exited = new Promise((r) => kiosk.once('exit', r));
  kiosk.kill('SIGTERM');
  await exited;
  expect(chromiumProcesses()).toEqual([]);
});

describe('Chromium shell', () => {
  it('shows the kiosk page without its token on any command line', async () => {
    const found = await kioskPageOnce();
    expect(found).not.toBeNull();
    const token = new URLSearchParams(new URL(found!.page.url()).hash.slice(1)).get('token');
    await found!.browser.close();
    expect(token).toMatch(/^[\w-]{20,}$/);
    const carrying = allPids().filter((pid) => commandLine(pid)?.some((arg) => arg.includes(token!)));
    expect(carrying).toEqual([]);
    // The browser runs in kiosk mode on a fresh profile of its own.
    const browserProcess = chromiumProcesses().find(isBrowserProcess);
    expect(browserProcess?.args).toEqual(expect.arrayContaining(['--kiosk', '--remote-debugging-pipe', expect.stringMatching(/^--user-data-dir=.*passage-chromium-/)]));
  });

  it('is back on the attract screen within 5 s after its renderer is killed with SIGKILL', async () => {
    const renderers = chromiumProcesses().filter((p) => p.line.includes('--type=renderer'));
    expect(renderers.length).toBeGreaterThan(0);
    const killedAt = Date.now();
    for (const renderer of renderers) process.kill(renderer.pid, 'SIGKILL');
    expect(await msUntilAttract(killedAt, 5_000)).toBeLessThan(5_000);
    expect(output).toMatch(/kiosk page crashed/);
  });

  it('loads the page again when it hangs', async () => {
    const found = await kioskPageOnce();
    await found!.page.evaluate(() => setTimeout(() => {
      for (;;);
    }, 0));
    await found!.browser.close();
    const hungAt = Date.now();
    // Found within the health check's interval and time limit (2 s + 5 s), then crashed on purpose and reloaded.
    await msUntilAttract(hungAt + 1_000, 20_000);
    expect(output).toMatch(/kiosk page does not answer/);
  });

  it('starts a new browser when the browser itself is killed', async () => {
    const before = chromiumProcesses().find(isBrowserProcess);
    expect(before).toBeDefined();
    const killedAt = Date.now();
    process.kill(before!.pid, 'SIGKILL');
    await msUntilAttract(killedAt, 20_000);
    const after = chromiumProcesses().find(isBrowserProcess);
    expect(after?.pid).not.toBe(before!.pid);
    expect(output).toMatch(/Chromium exited; starting it again/);
  });
});

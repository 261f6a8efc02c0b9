import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/kiosk-process.ts';
import { freePort } from '../support/free-port.ts';

/**
 * The installed kiosk's two services, as their units run them (docs/deployment.md "Installed services"): the
 * host writes its page address to a file, and the session's user runs `cage -- passage start --attach FILE`.
 * cage runs on wlroots' headless backend with the pixman renderer, so no screen or GPU is needed. cage refuses
 * to run as root, so a test run as root runs the session as `nobody`, who reads the page address through the
 * group of a set-group-ID directory, as the installed session's user does.
 */

const cage = '/usr/bin/cage';
const xwayland = '/usr/bin/Xwayland';
const missing = [cage, xwayland].filter((p) => !existsSync(p));
if (missing.length > 0) console.warn(`SKIPPED: the cage session test needs ${missing.join(' and ')} (Debian packages cage and xwayland)`);
const asRoot = process.getuid?.() === 0;
const nobody = { uid: 65534, gid: 65534 };

const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children.reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
});

describe.skipIf(missing.length > 0)('kiosk session under cage', () => {
  it('shows the host\'s page, whose address it read from the page file, at the attract screen', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-cage-'));
    chmodSync(dir, 0o755);
    const pageDir = join(dir, 'page');
    mkdirSync(pageDir);
    if (asRoot) {
      chownSync(pageDir, 0, nobody.gid);
      chmodSync(pageDir, 0o2750);
    }
    const config = join(dir, 'kiosk.json');
    writeFileSync(config, JSON.stringify({ dataDir: join(dir, 'data'), services: [], verifyHolders: false, ocr: { enabled: false }, log: { level: 'warn' } }));
    let output = '';
    const host = spawn(process.execPath, [join(repoRoot, 'bin/passage.js'), 'start', '--shell', 'none', '--port', '0', '--config', config, '--page-file', join(pageDir, 'page')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(host);
    host.stdout?.on('data', (c) => (output += String(c)));
    host.stderr?.on('data', (c) => (output += String(c)));

    // The session's own runtime and home directory, as logind and StateDirectory= give it.
    const sessionHome = join(dir, 'session');
    mkdirSync(sessionHome, { mode: 0o700 });
    if (asRoot) chownSync(sessionHome, nobody.uid, nobody.gid);
    const debugPort = await freePort();
    const command = [cage, '-d', '--', process.execPath, join(repoRoot, 'bin/passage.js'), 'start', '--attach', join(pageDir, 'page')];
    const session = spawn(asRoot ? 'setpriv' : command[0]!, asRoot ? [`--reuid=${nobody.uid}`, `--regid=${nobody.gid}`, '--clear-groups', ...command] : command.slice(1), {
      env: {
        PATH: process.env.PATH,
        HOME: sessionHome,
        TMPDIR: sessionHome,
        XDG_RUNTIME_DIR: sessionHome,
        WLR_BACKENDS: 'headless',
        WLR_RENDERER: 'pixman',
        WLR_LIBINPUT_NO_DEVICES: '1',
        // The test's window on the page; the shell itself drives Chromium over its pipe.
        PASSAGE_CHROMIUM_FLAGS: `--remote-debugging-port=${debugPort}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(session);
    session.stdout?.on('data', (c) => (output += String(c)));
    session.stderr?.on('data', (c) => (output += String(c)));

    const deadline = Date.now() + 100_000;
    let shown = false;
    while (!shown && Date.now() < deadline) {
      expect(session.exitCode, output.slice(-3000)).toBeNull();
      const browser = await chromium.connectOverCDP(`http://127.0.0.1:${debugPort}`, { timeout: 2_000 }).catch(() => null);
      if (browser) {
        const page = browser.contexts().flatMap((c) => c.pages()).find((p) => p.url().includes('#token='));
        shown = (await page?.locator('main.kiosk[data-screen="attract"]').isVisible().catch(() => false)) ?? false;
        await browser.close();
      }
      if (!shown) await new Promise((r) => setTimeout(r, 500));
    }
    expect(shown, output.slice(-3000)).toBe(true);
  });
});

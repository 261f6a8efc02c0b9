import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { mosquittoMissing } from '../fleet/support/mosquitto.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevBroker, type DevBroker } from '../../electron/fleet/dev-broker.ts';
import { kioskPage, launchChromium, screenshot } from './support/browser.ts';
import { repoRoot, startKiosk, type KioskProcess } from './support/kiosk-process.ts';

/**
 * The fleet console in Chromium, against a real Mosquitto (TLS, client certificates, ACL) and a real kiosk
 * process reporting to it: staff log in at the broker, see the kiosk run out of paper, and take it out of
 * service; a viewer's command is refused by the broker's ACL, not by the page.
 */
const site = 'airport-t2';
const kioskId = 'kiosk-e2e';
let broker: DevBroker;
let kiosk: KioskProcess;
let consoleProcess: ChildProcess;
let consoleUrl: string;
let browser: Browser;
let page: Page;

async function startConsole(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/passage.js'), 'fleet', 'console', '--broker', broker.staffUrl, '--ca', broker.paths.caCert, '--port', '0'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (c) => (output += String(c)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`console did not start:\n${output}`)), 30_000);
    child.stdout?.on('data', (c) => {
      output += String(c);
      const match = /console at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`console exited with ${code}:\n${output}`)));
  });
  return { child, url };
}

async function logIn(user: string, password: string): Promise<void> {
  await page.goto(consoleUrl);
  await page.getByTestId('login-user').fill(user);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

const card = () => page.getByTestId(`kiosk-${kioskId}`);

beforeAll(async () => {
  if (mosquittoMissing) return;
  broker = await startDevBroker({
    dir: mkdtempSync(join(tmpdir(), 'passage-e2e-fleet-')),
    staff: [
      { user: 'ops', password: 'ops-pw', role: 'operator' },
      { user: 'viewer', password: 'viewer-pw', role: 'viewer' },
    ],
  });
  const creds = await broker.issueKiosk(kioskId);
  kiosk = await startKiosk({
    language: { default: 'en' },
    services: [],
    ocr: { enabled: false },
    fleet: { url: broker.kioskUrl, site, kioskId, caPath: creds.caPath, certPath: creds.certPath, keyPath: creds.keyPath, stateDebounceMs: 50 },
  });
  ({ child: consoleProcess, url: consoleUrl } = await startConsole());
  browser = await launchChromium();
  ({ page } = await kioskPage(browser, 'about:blank'));
  await page.setViewportSize({ width: 1280, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  if (consoleProcess && consoleProcess.exitCode === null) {
    const exited = new Promise((r) => consoleProcess.once('exit', r));
    consoleProcess.kill('SIGTERM');
    await exited;
  }
  await kiosk?.stop();
  await broker?.stop();
});

describe.skipIf(mosquittoMissing)('fleet console', () => {
  it('refuses a wrong password (the broker says no)', async () => {
    await logIn('ops', 'not-the-password');
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toContain('refused');
  });

  it('shows the kiosk online, sees it run out of paper, and takes it out of service', async () => {
    await logIn('ops', 'ops-pw');
    await page.locator(`[data-testid="kiosk-${kioskId}"][data-online="true"]`).waitFor({ timeout: 15_000 });
    expect(await card().getAttribute('data-paper')).toBe('ok');

    await kiosk.sim('/printer/paper-out');
    await page.locator(`[data-testid="kiosk-${kioskId}"][data-paper="out"]`).waitFor({ timeout: 5_000 });
    await card().locator('[data-testid="device-printer"][data-state="unavailable"]').waitFor();
    await page.getByTestId('filter-only').selectOption('paper');
    await card().waitFor();
    await screenshot(page, 'fleet-console-paper-out');

    await card().getByTestId('cmd-out-of-service').click();
    await card().locator('[data-testid="result"][data-outcome="done"]').waitFor({ timeout: 5_000 });
    await page.locator(`[data-testid="kiosk-${kioskId}"][data-out-of-service="true"]`).waitFor();

    // The kiosk itself now shows travellers that it is out of service.
    const { context, page: kioskScreen } = await kioskPage(browser, kiosk.url);
    try {
      await kioskScreen.locator('main.kiosk[data-screen="outOfService"]').waitFor({ timeout: 8_000 });
    } finally {
      await context.close();
    }
    await screenshot(page, 'fleet-console-out-of-service');
  });

  it('lets a viewer watch but the broker refuses their command', async () => {
    await page.getByTestId('logout').click();
    await logIn('viewer', 'viewer-pw');
    await page.locator(`[data-testid="kiosk-${kioskId}"][data-out-of-service="true"]`).waitFor({ timeout: 15_000 });
    await card().getByTestId('cmd-in-service').click();
    await card().getByTestId('note').getByText('not authorised by the broker').waitFor({ timeout: 5_000 });
    await page.waitForTimeout(500);
    expect(await card().getAttribute('data-out-of-service')).toBe('true');
  });
});

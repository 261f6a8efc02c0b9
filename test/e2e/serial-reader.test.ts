import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { profileNames, profiles } from '../../drivers/framing/profiles.ts';
import { startPtyPair, type PtyPair } from '../reader/pty.ts';
import { kioskPage, launchChromium, screenshot } from './support/browser.ts';
import { startKiosk, type KioskProcess } from './support/kiosk-process.ts';

// The serial reader path end to end: a framed MRZ written into a kernel pty in any supported profile appears as a parsed
// document on the kiosk screen in browser mode; unplugging shows the reader unavailable, replugging recovers.
const specimen = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function waitForScreen(page: Page, name: string, timeout = 10_000): Promise<void> {
  await page.locator(`main.kiosk[data-screen="${name}"]`).waitFor({ timeout });
}

describe('a real serial reader behind a pty, one per protocol profile', () => {
  const ptys = new Map<string, PtyPair>();
  let kiosk: KioskProcess;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-pty-'));
    for (const profile of profileNames) ptys.set(profile, await startPtyPair(join(dir, profile)));
    kiosk = await startKiosk({
      language: { default: 'en' },
      services: [],
      devices: {
        readers: profileNames.map((profile) => ({ id: `reader-${profile}`, kind: 'serial', profile, path: ptys.get(profile)?.readerPath })),
        scanners: [],
      },
    });
    ({ context, page } = await kioskPage(browser, kiosk.url));
    await waitForScreen(page, 'attract', 20_000);
  });

  afterAll(async () => {
    await context?.close();
    await kiosk?.stop();
    for (const pty of ptys.values()) await pty.kill();
  });

  it.each(profileNames)('shows the holder for an MRZ framed in the %s protocol', async (profile) => {
    await ptys.get(profile)?.write(profiles[profile].encode(specimen));
    await waitForScreen(page, 'holder');
    await expect(page.getByTestId('holder-name').textContent()).resolves.toBe('ERIKSSON, ANNA MARIA');
    await page.getByTestId('continue').tap();
    await waitForScreen(page, 'attract');
  });
});

describe('unplugging and replugging a serial reader', () => {
  let pty: PtyPair;
  let kiosk: KioskProcess;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    pty = await startPtyPair(join(mkdtempSync(join(tmpdir(), 'passage-pty-')), 'access-is'));
    kiosk = await startKiosk({
      language: { default: 'en' },
      services: [],
      devices: { readers: [{ id: 'reader', kind: 'serial', profile: 'access-is', path: pty.readerPath }], scanners: [] },
    });
    ({ context, page } = await kioskPage(browser, kiosk.url));
    await waitForScreen(page, 'attract', 20_000);
  });

  afterAll(async () => {
    await context?.close();
    await kiosk?.stop();
    await pty?.kill();
  });

  it('shows the reader unavailable while unplugged and reads again once replugged, without a restart', async () => {
    await page.getByTestId('start').tap();
    await waitForScreen(page, 'document');
    await page.locator('[data-testid="reader-status"][data-status="available"]').waitFor({ timeout: 10_000 });
    await pty.kill();
    await page.locator('[data-testid="reader-status"][data-status="unavailable"]').waitFor({ timeout: 10_000 });
    await screenshot(page, 'document-reader-unplugged-en');
    await pty.restart();
    await page.locator('[data-testid="reader-status"][data-status="available"]').waitFor({ timeout: 15_000 });
    await pty.write(profiles['access-is'].encode(specimen));
    await waitForScreen(page, 'holder');
    expect(kiosk.child.exitCode).toBeNull();
  });
});

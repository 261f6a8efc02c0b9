import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { assertGlyphsCovered } from './glyphs.ts';
import { repoRoot } from './kiosk-process.ts';

/** Debian's Chromium with the flags this machine needs (docs/toolchain.md "Browser tests"); never a downloaded browser. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...chromiumArgs, ...extraArgs] });
}

/** A portrait 1080×1920 touchscreen. */
export async function kioskPage(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

export const screenshotDir = join(repoRoot, 'test-results', 'screens');

/** Saves a screenshot of the screen, after checking that every character on it has a glyph in its fonts. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
  await assertGlyphsCovered(page, name);
}

import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseConfig } from '../../../electron/host/config.ts';
import type { Language } from '../../../electron/contract/index.ts';
import { kioskPage, launchChromium } from './browser.ts';
import { startKiosk, type KioskProcess } from './kiosk-process.ts';
import { backToStart } from './back-to-start.ts';

/**
 * One kiosk process and one touchscreen page, shared by the tests of a file (started once: they are slow).
 * Before each test the kiosk is put back to where every test starts, whatever the test before left behind:
 * simulators reset (`resetSimulators`), no session, staff mode closed, in service, the default language, the
 * attract screen shown. So any test can run alone (`vitest -t`).
 */
export interface KioskUnderTest {
  readonly kiosk: KioskProcess;
  readonly page: Page;
  /** Waits until the kiosk shows the named screen (`main.kiosk[data-screen]`). */
  waitForScreen(name: string, timeout?: number): Promise<void>;
  /** Waits until the screen's title reads exactly `text` (rendering follows the host's state asynchronously). */
  title(text: string): Promise<void>;
}

export interface KioskUnderTestOptions {
  /** Extra Chromium flags (a fake camera, say). */
  readonly chromiumArgs?: string[];
  /** Runs before the page loads the kiosk (init scripts). */
  readonly prepare?: (page: Page) => Promise<unknown>;
  /** Puts this file's simulators back to the state its tests start from; runs before each test. */
  readonly resetSimulators?: (kiosk: KioskProcess) => Promise<void>;
}

/** Registers the hooks that start the kiosk with `config`, open it in Chromium, and reset it before each test. */
export function useKiosk(config: Record<string, unknown> | (() => Promise<Record<string, unknown>>), options: KioskUnderTestOptions = {}): KioskUnderTest {
  let kiosk: KioskProcess | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let start: { language: Language } | undefined;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started (use it inside a test)`);
    return value;
  };
  const handle: KioskUnderTest = {
    get kiosk() {
      return need(kiosk, 'the kiosk');
    },
    get page() {
      return need(page, 'the page');
    },
    waitForScreen: (name, timeout = 8_000) => handle.page.locator(`main.kiosk[data-screen="${name}"]`).waitFor({ timeout }),
    title: (text) => handle.page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor({ timeout: 5_000 }),
  };

  beforeAll(async () => {
    const resolved = typeof config === 'function' ? await config() : config;
    start = { language: parseConfig(resolved).language.default };
    kiosk = await startKiosk(resolved);
    browser = await launchChromium(options.chromiumArgs);
    ({ context, page } = await kioskPage(browser, kiosk.url));
    if (options.prepare) {
      await options.prepare(page);
      await page.reload();
    }
    await handle.waitForScreen('attract', 20_000);
  });

  beforeEach(async () => {
    const running = need(kiosk, 'the kiosk');
    await options.resetSimulators?.(running);
    await backToStart(running, need(start, 'the start state'));
    await handle.waitForScreen('attract');
    await handle.page.locator(`html[lang="${need(start, 'the start state').language}"]`).waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await kiosk?.stop();
  });

  return handle;
}

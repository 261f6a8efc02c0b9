import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { kioskPage, launchChromium, screenshot } from './support/browser.ts';
import { startKiosk, type KioskProcess } from './support/kiosk-process.ts';

/** What a newcomer sees when the kiosk's page is opened by hand, without the address the start printed. */
let kiosk: KioskProcess;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKiosk({ ocr: { enabled: false } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
});

describe('first contact', () => {
  it('says the address lacks its access key, and where the right one is printed, instead of reconnecting forever', async () => {
    const { context, page } = await kioskPage(browser, `http://127.0.0.1:${kiosk.port}/`);
    try {
      await page.getByTestId('no-access').waitFor({ timeout: 5_000 });
      expect(await page.getByTestId('no-access').getAttribute('data-reason')).toBe('missing');
      const text = await page.getByTestId('no-access').innerText();
      expect(text).toContain("The address was opened without the kiosk's access key.");
      expect(text).toContain('passage start');
      expect(text).toContain('此页面无法连接自助终端');
      expect(await page.getByTestId('reconnecting').count()).toBe(0);
      await screenshot(page, 'no-access-missing');
    } finally {
      await context.close();
    }
  });

  it('tells a wrong or stale token from a host that is down', async () => {
    const { context, page } = await kioskPage(browser, `http://127.0.0.1:${kiosk.port}/#token=from-an-earlier-start`);
    try {
      await page.getByTestId('no-access').waitFor({ timeout: 5_000 });
      expect(await page.getByTestId('no-access').getAttribute('data-reason')).toBe('wrong');
    } finally {
      await context.close();
    }
  });

  it('connects with the printed address', async () => {
    const { context, page } = await kioskPage(browser, kiosk.url);
    try {
      await page.locator('main.kiosk[data-screen="attract"]').waitFor({ timeout: 8_000 });
      expect(await page.getByTestId('no-access').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});

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

  it('lists every control route, with its body and what it does, at the simulation control address the start printed', async () => {
    const printed = /simulation control: (http:\/\/127\.0\.0\.1:\d+\/sim\/)/.exec(kiosk.output())?.[1];
    expect(printed).toBeDefined();
    const index = (await (await fetch(printed!)).json()) as { routes: { method: string; path: string; summary: string; body: unknown }[] };
    expect(index.routes.length).toBeGreaterThan(40);
    expect(index.routes.every((r) => r.summary.length > 10)).toBe(true);
    expect(index.routes).toContainEqual(expect.objectContaining({ method: 'POST', path: '/sim/reader/document', summary: expect.stringContaining('MRZ lines') }));
    // Each route listed answers: a GET that is listed is served.
    for (const route of index.routes.filter((r) => r.method === 'GET')) {
      expect((await fetch(`http://127.0.0.1:${kiosk.port}${route.path}`)).status, route.path).toBe(200);
    }
    const { context, page } = await kioskPage(browser, printed!);
    try {
      await page.getByRole('cell', { name: '/sim/reader/document' }).waitFor({ timeout: 5_000 });
      await screenshot(page, 'simulation-control-index');
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

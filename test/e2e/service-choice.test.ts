import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { languages } from '../../electron/contract/index.ts';
import { catalogues } from '../../renderer/src/i18n/index.ts';
import { kioskPage, launchChromium, screenshot } from './support/browser.ts';
import { startKiosk, type KioskProcess } from './support/kiosk-process.ts';

// The default kiosk offers both transactions: the traveller chooses first (issue 7: "service choice").
let kiosk: KioskProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const waitForScreen = (name: string, timeout = 8_000) => page.locator(`main.kiosk[data-screen="${name}"]`).waitFor({ timeout });

beforeAll(async () => {
  kiosk = await startKiosk({ language: { default: 'en' } });
  browser = await launchChromium();
  ({ context, page } = await kioskPage(browser, kiosk.url));
  await waitForScreen('attract', 20_000);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await kiosk?.stop();
});

describe('service choice', () => {
  it('asks which transaction in every language, then asks for the document', async () => {
    for (const language of languages) {
      await page.getByTestId(`language-${language}`).tap();
      await page.getByTestId('start').tap();
      await waitForScreen('service');
      await page.getByRole('heading', { level: 1, name: catalogues[language]['service.title'], exact: true }).waitFor();
      await page.getByTestId('service-checkIn').getByText(catalogues[language]['service.checkIn']).waitFor();
      await page.getByTestId('service-hotel').getByText(catalogues[language]['service.hotel']).waitFor();
      await screenshot(page, `service-${language}`);
      await page.getByTestId('back').tap();
      await waitForScreen('attract');
    }
  });

  it('goes back from the document screen to the choice', async () => {
    await page.getByTestId('start').tap();
    await page.getByTestId('service-hotel').tap();
    await waitForScreen('document');
    await page.getByTestId('back').tap();
    await waitForScreen('service');
    await page.getByTestId('service-checkIn').tap();
    await waitForScreen('document');
    await page.getByTestId('cancel').tap();
    await waitForScreen('attract');
  });
});

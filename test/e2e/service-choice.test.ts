import { describe, it } from 'vitest';
import { languages } from '../../electron/contract/index.ts';
import { catalogues } from '../../renderer/src/i18n/index.ts';
import { screenshot } from './support/browser.ts';
import { useKiosk } from './support/kiosk-under-test.ts';

// The default kiosk offers both transactions: the traveller chooses first (the "service choice" screen).
const k = useKiosk({ language: { default: 'en' } });
const waitForScreen = k.waitForScreen;

describe('service choice', () => {
  it('asks which transaction in every language, then asks for the document', async () => {
    const { page } = k;
    for (const language of languages) {
      await page.getByTestId(`language-${language}`).tap();
      await page.getByTestId('start').tap();
      await waitForScreen('service');
      await k.title(catalogues[language]['service.title']);
      await page.getByTestId('service-checkIn').getByText(catalogues[language]['service.checkIn']).waitFor();
      await page.getByTestId('service-hotel').getByText(catalogues[language]['service.hotel']).waitFor();
      await screenshot(page, `service-${language}`);
      await page.getByTestId('back').tap();
      await waitForScreen('attract');
    }
  });

  it('goes back from the document screen to the choice', async () => {
    const { page } = k;
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

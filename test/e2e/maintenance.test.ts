import { describe, expect, it } from 'vitest';
import { languages } from '../../electron/contract/index.ts';
import { catalogues } from '../../renderer/src/i18n/index.ts';
import { screenshot } from './support/browser.ts';
import { useKiosk } from './support/kiosk-under-test.ts';

const k = useKiosk({ language: { default: 'en' }, maintenance: { pin: '97531' } });
const waitForScreen = k.waitForScreen;

/** The staff gesture: a three-second press on the hidden corner of the attract screen. */
async function longPressCorner(): Promise<void> {
  // Held down until maintenance opens (the corner disappears with the attract screen).
  await k.page.getByTestId('staff-corner').dispatchEvent('pointerdown');
  await waitForScreen('maintenance', 6_000);
}

async function typePin(pin: string): Promise<void> {
  for (const digit of pin) await k.page.getByTestId(`pin-${digit}`).tap();
  await k.page.getByTestId('pin-enter').tap();
}


describe('maintenance mode', () => {
  it('does not open on a short press', async () => {
    const { page, kiosk } = k;
    const corner = page.getByTestId('staff-corner');
    await corner.dispatchEvent('pointerdown');
    await page.waitForTimeout(500);
    await corner.dispatchEvent('pointerup');
    await page.waitForTimeout(3_000);
    expect(await page.locator('main.kiosk').getAttribute('data-screen')).toBe('attract');
  });

  it('asks for the PIN and refuses a wrong one', async () => {
    const { page, kiosk } = k;
    await longPressCorner();
    await waitForScreen('maintenance');
    await typePin('1234');
    await page.getByTestId('pin-wrong').waitFor();
    await screenshot(page, 'maintenance-pin-en');
  });

  it('shows devices, runs a printer self-test and reports paper out', async () => {
    const { page, kiosk } = k;
    await typePin('97531');
    await page.locator('[data-testid="maintenance"][data-step="panel"]').waitFor();
    await page.getByTestId('device-reader').waitFor();
    // Staff see which parts run on simulators (the badge only says that some do).
    await expect(page.getByTestId('simulated-parts').textContent()).resolves.toContain('platform, airport.dcs, hotel.pms');
    await kiosk.sim('/printer/paper-out');
    await page.locator('[data-testid="device-printer"][data-status="unavailable"]').waitFor();
    await page.getByTestId('test-printer').tap();
    await page.getByTestId('self-tests').getByText('MEDIA_EMPTY').waitFor();
    await page.getByTestId('alerts').getByText('printer').first().waitFor();
    await kiosk.sim('/printer/paper-in');
    await page.getByTestId('test-printer').tap();
    await page.getByTestId('self-tests').getByText('test page printed').waitFor();
    const jobs = (await (await fetch(`http://127.0.0.1:${kiosk.port}/sim/printer/jobs`)).json()) as { jobs: unknown[] };
    expect(jobs.jobs.length).toBe(1);
    await screenshot(page, 'maintenance-panel-en');
  });

  it('takes the kiosk out of service so no traveller can start, and back', async () => {
    const { page, kiosk } = k;
    await page.getByTestId('toggle-service').tap();
    await page.locator('[data-testid="toggle-service"][data-out-of-service="true"]').waitFor();
    await page.getByTestId('maintenance-close').tap();
    await waitForScreen('outOfService');
    await kiosk.sim('/reader/document', { mrz: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'] });
    await page.waitForTimeout(500);
    expect(await page.locator('main.kiosk').getAttribute('data-screen')).toBe('outOfService');
    for (const language of languages) {
      await page.getByTestId(`language-${language}`).tap();
      await k.title(catalogues[language]['outOfService.title']);
      await screenshot(page, `out-of-service-${language}`);
    }
    await page.getByTestId('language-en').tap();
    await longPressCorner();
    await waitForScreen('maintenance');
    await typePin('97531');
    await page.getByTestId('toggle-service').tap();
    await page.getByTestId('maintenance-close').tap();
    await waitForScreen('attract');
  });
});

import { describe, expect, it } from 'vitest';
import { languages } from '../../electron/contract/index.ts';
import { catalogues } from '../../renderer/src/i18n/index.ts';
import { resetDevices } from './support/back-to-start.ts';
import { screenshot } from './support/browser.ts';
import { withKioskSocket } from './support/kiosk-socket.ts';
import { useKiosk } from './support/kiosk-under-test.ts';

// The page runs on Playwright's clock (time flows as usual until a test pauses it), so the three-second
// press is timed by the test instead of waited out.
const k = useKiosk(
  { language: { default: 'en' }, maintenance: { pin: '97531' } },
  { prepare: (page) => page.clock.install(), resetSimulators: resetDevices },
);
const waitForScreen = k.waitForScreen;

/** Presses the hidden corner of the attract screen for `ms` of the page's time, then lifts the finger. */
async function pressCorner(ms: number): Promise<void> {
  const corner = k.page.getByTestId('staff-corner');
  await k.page.clock.pauseAt((await k.page.evaluate(() => Date.now())) + 100);
  await corner.dispatchEvent('pointerdown');
  await k.page.clock.runFor(ms);
  if (ms < 3_000) {
    await corner.dispatchEvent('pointerup');
    await k.page.clock.runFor(10_000); // long after: a press that was cut short has no late effect
  }
  await k.page.clock.resume();
}

/** The staff gesture: a three-second press on the hidden corner of the attract screen. */
async function longPressCorner(): Promise<void> {
  await pressCorner(3_000);
  await waitForScreen('maintenance');
}

async function typePin(pin: string): Promise<void> {
  for (const digit of pin) await k.page.getByTestId(`pin-${digit}`).tap();
  await k.page.getByTestId('pin-enter').tap();
}

async function openPanel(): Promise<void> {
  await longPressCorner();
  await typePin('97531');
  await k.page.locator('[data-testid="maintenance"][data-step="panel"]').waitFor();
}

describe('maintenance mode', () => {
  it('does not open on a press shorter than three seconds, and opens on one of three', async () => {
    const { page } = k;
    await pressCorner(2_900);
    // Whatever the press sent has reached the host before this language change does (one socket, in order).
    await page.getByTestId('language-pt').tap();
    await page.locator('html[lang="pt"]').waitFor();
    expect(await page.locator('main.kiosk').getAttribute('data-screen')).toBe('attract');
    await expect(withKioskSocket(k.kiosk, async (s) => s.state().maintenance)).resolves.toBeNull();
    await longPressCorner();
    await page.locator('[data-testid="maintenance"][data-step="pin"]').waitFor();
  });

  it('asks for the PIN and refuses a wrong one', async () => {
    const { page } = k;
    await longPressCorner();
    await typePin('1234');
    await page.getByTestId('pin-wrong').waitFor();
    await expect(page.locator('[data-testid="maintenance"][data-step="panel"]').count()).resolves.toBe(0);
    await screenshot(page, 'maintenance-pin-en');
  });

  it('shows devices, runs a printer self-test and reports paper out', async () => {
    const { page, kiosk } = k;
    await openPanel();
    await page.getByTestId('device-reader').waitFor();
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
    await openPanel();
    await page.getByTestId('toggle-service').tap();
    await page.locator('[data-testid="toggle-service"][data-out-of-service="true"]').waitFor();
    await page.getByTestId('maintenance-close').tap();
    await waitForScreen('outOfService');
    await kiosk.sim('/reader/document', { mrz: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'] });
    // The reader's next event is handled in order: once the unplug shows, the document was refused before it.
    await kiosk.sim('/reader/unplug');
    const state = await withKioskSocket(kiosk, (s) =>
      s.until((st) => st.devices.some((d) => d.id === 'reader' && d.status.state === 'unavailable'), 'the reader unplugged'),
    );
    expect(state).toMatchObject({ screen: { name: 'attract' }, outOfService: true });
    expect(await page.locator('main.kiosk').getAttribute('data-screen')).toBe('outOfService');
    await kiosk.sim('/reader/plug');
    for (const language of languages) {
      await page.getByTestId(`language-${language}`).tap();
      await k.title(catalogues[language]['outOfService.title']);
      await screenshot(page, `out-of-service-${language}`);
    }
    await page.getByTestId('language-en').tap();
    await openPanel();
    await page.getByTestId('toggle-service').tap();
    await page.locator('[data-testid="toggle-service"][data-out-of-service="false"]').waitFor();
    await page.getByTestId('maintenance-close').tap();
    await waitForScreen('attract');
  });
});

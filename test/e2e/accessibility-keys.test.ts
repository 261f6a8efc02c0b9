import { describe, expect, it } from 'vitest';
import { catalogues } from '../../renderer/src/i18n/index.ts';
import { useKiosk } from './support/kiosk-under-test.ts';
import { focusOn, press } from './support/keypad.ts';
import { publishedState } from './support/ui-socket.ts';
import { Listener } from './support/speech.ts';
import { mrz } from './support/a11y-seeds.ts';
import { must } from './support/back-to-start.ts';

/**
 * The keypad's keys without touch (docs/accessibility.md "Keypad", "Timeouts"): staff maintenance done with the
 * arrows and Enter alone, with the focus ring always drawn; and the idle warning's "more time" reached by keypad
 * and said by the voice. Speech mode's idle warning comes five seconds after the last key here, so the test is short.
 */

const anna = mrz.anna;
const en = catalogues.en;

const k = useKiosk({
  language: { default: 'en' },
  services: [],
  session: { idleTimeoutSeconds: 20, idleWarningSeconds: 15 },
  accessibility: { idleTimeoutSeconds: 30, idleWarningSeconds: 25 },
}, {
  // No headset and nothing said at the start of each test.
  resetSimulators: async (kiosk) => {
    await must(kiosk, '/audio/headset', { plugged: false });
    await must(kiosk, '/speech/clear');
  },
});

const screen = () => k.page.locator('main.kiosk').getAttribute('data-screen');

describe('the keypad alone', () => {
  it('opens maintenance by holding the back key, logs in on the touch keyboards by keys, switches the display modes, takes the kiosk out of service and back, and logs out', async () => {
    const { page } = k;
    await page.keyboard.down('Escape');
    await page.locator('[data-testid="maintenance"][data-step="login"]').waitFor({ timeout: 6_000 });
    await page.keyboard.up('Escape');
    // Holding the back key starts no speech: it is staff's way in.
    expect((await publishedState(page)).accessibility.speech).toBe(false);

    for (const key of 'agent') await press(page, `id-key-${key}`);
    await expect.poll(() => page.getByTestId('staff-id').textContent()).toBe('agent');
    await press(page, 'id-next');
    for (const digit of '135790') await press(page, `pin-${digit}`);
    await expect.poll(() => page.getByTestId('pin-dots').textContent()).toBe('●'.repeat(6));
    await press(page, 'pin-enter');
    await page.locator('[data-testid="signed-in"][data-staff="agent"]').waitFor({ timeout: 10_000 });

    // The display switches work here too: large text by keypad, high contrast by touch.
    await press(page, 'large-text');
    await page.locator('html.large-text').waitFor({ state: 'attached' });
    await page.getByTestId('high-contrast').tap();
    await page.locator('html.high-contrast').waitFor({ state: 'attached' });
    await press(page, 'section-alerts');
    await page.getByTestId('page-alerts').waitFor();
    await press(page, 'section-overview');
    await page.getByTestId('page-overview').waitFor();
    await press(page, 'toggle-service');
    await page.locator('[data-testid="toggle-service"][data-out-of-service="true"]').waitFor();
    // The keypad stays on the button the panel redrew: Enter again puts the kiosk back in service.
    await focusOn(page, 'toggle-service', 0);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="toggle-service"][data-out-of-service="false"]').waitFor();
    await press(page, 'maintenance-close');
    await k.waitForScreen('attract');
    // Staff's display modes end with their visit.
    await page.locator('html:not(.large-text):not(.high-contrast)').waitFor({ state: 'attached' });
  });

  it('warns before the session ends, says so, and gives more time on Enter', async () => {
    const voice = new Listener(k.kiosk, k.page);
    await k.kiosk.sim('/audio/headset', { plugged: true });
    await k.kiosk.sim('/reader/document', { mrz: anna });
    await voice.hear(en['holder.verified'], 15_000);
    // No key for five seconds: the warning, said with the item that has the focus.
    const warning = await voice.hear(en['idle.title'], 15_000);
    expect(warning.map((u) => u.text)).toContain(en['idle.moreTime']);
    const before = await publishedState(k.page);
    await voice.press('Enter');
    await k.page.getByTestId('idle-countdown').waitFor({ state: 'detached' });
    const after = await publishedState(k.page);
    expect(after.screen.name).toBe('holder');
    expect(after.idle?.endAt ?? 0).toBeGreaterThan((before.idle?.endAt ?? 0) + 3_000);
    expect(await screen()).toBe('holder');
  });
});

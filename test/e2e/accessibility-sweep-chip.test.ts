import { describe, expect, it } from 'vitest';
import { sweepScreen } from './support/axe.ts';
import { mrz } from './support/a11y-seeds.ts';
import { useKiosk } from './support/kiosk-under-test.ts';

/**
 * The accessibility sweep (support/axe.ts) on the ePassport chip's screens, which only a kiosk with the chip step
 * shows: reading the chip while it waits for the document, the holder with the chip's photo, and a refused chip.
 */

const k = useKiosk({ language: { default: 'en' }, services: [], chip: { policy: 'required', waitForCardSeconds: 30 } });

describe('axe-core and touch targets on the chip screens, four languages, both display modes', () => {
  it('chip reading, the holder with the chip photo, and a refused chip', async () => {
    const { page, kiosk } = k;
    const problems: string[] = [];
    // No chip on the reader yet: the kiosk waits for it (up to 30 s) on the reading screen.
    await kiosk.sim('/reader/document', { mrz: mrz.anna });
    await k.waitForScreen('chip', 15_000);
    problems.push(...(await sweepScreen(page, 'chip reading', { still: 'main.kiosk[data-screen="chip"]' })));
    await kiosk.sim('/chip/document', { mrz: mrz.anna, kind: 'genuine' });
    await page.getByTestId('chip-verified').waitFor({ timeout: 30_000 });
    problems.push(...(await sweepScreen(page, 'holder with chip photo')));
    await page.getByTestId('continue').tap();
    await k.waitForScreen('attract');

    await kiosk.sim('/chip/document', { mrz: mrz.anna, kind: 'altered-photo' });
    await kiosk.sim('/reader/document', { mrz: mrz.anna });
    await k.waitForScreen('chipRefused', 30_000);
    problems.push(...(await sweepScreen(page, 'chip refused')));
    await page.getByTestId('done').tap();
    await k.waitForScreen('attract');
    await kiosk.sim('/chip/remove');
    expect(problems).toEqual([]);
  }, 240_000);
});

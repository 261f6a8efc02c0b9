import { describe, expect, it } from 'vitest';
import { formatMrz } from '../../drivers/mrz/index.ts';
import { useKiosk } from './support/kiosk-under-test.ts';

// A valid TD3 passport whose chip the simulated chip reader emulates (fresh test PKI per document).
const passport = formatMrz({
  format: 'TD3',
  documentCode: 'P',
  issuer: 'UTO',
  surname: 'ERIKSSON',
  givenNames: 'ANNA MARIA',
  documentNumber: 'L898902C3',
  nationality: 'UTO',
  birthDate: '1974-08-12',
  sex: 'F',
  expiryDate: '2034-04-15',
  optionalData: 'ZE184226B',
});
if (!passport.ok) throw new Error(`cannot build the test passport: ${passport.error}`);
const mrz = passport.lines;

// An identify-only kiosk at a venue that requires a verified chip.
const k = useKiosk({ language: { default: 'en' }, services: [], chip: { policy: 'required', waitForCardSeconds: 2 } });

describe('chip step in the kiosk', () => {
  it('shows "chip verified" with the chip photo for a genuine document', async () => {
    const { page, kiosk } = k;
    expect((await kiosk.sim('/chip/document', { mrz, kind: 'genuine' })).json).toEqual({ accepted: true });
    await kiosk.sim('/reader/document', { mrz });
    await k.waitForScreen('holder');
    await page.getByTestId('chip-verified').waitFor();
    await expect(page.getByTestId('chip-verified').textContent()).resolves.toContain('Chip verified');
    const photo = page.getByTestId('chip-photo');
    await expect(photo.getAttribute('src')).resolves.toMatch(/^data:image\/jpeg;base64,/);
    // The image decoded in the browser: a real photo, not a broken one.
    await expect(photo.evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth, img.naturalHeight])).resolves.toEqual([true, 240, 320]);
    await page.getByTestId('continue').tap();
    await k.waitForScreen('attract');
    await kiosk.sim('/chip/remove');
  });

  it('refuses a document whose chip photo was altered, in the traveller’s words, with the code for staff', async () => {
    const { page, kiosk } = k;
    await kiosk.sim('/chip/document', { mrz, kind: 'altered-photo' });
    await kiosk.sim('/reader/document', { mrz });
    await k.waitForScreen('chipRefused');
    await expect(page.getByTestId('chip-refused').getAttribute('data-reason')).resolves.toBe('data-altered');
    await expect(page.getByTestId('chip-refused').textContent()).resolves.toContain('did not pass its security check');
    await expect(page.getByTestId('chip-staff-code').textContent()).resolves.toContain('data-altered');
    await expect(page.getByTestId('retry').count()).resolves.toBe(0);
    await page.getByTestId('done').tap();
    await k.waitForScreen('attract');
    await kiosk.sim('/chip/remove');
  });

  it('asks for the document again when no chip answers, and reads it once it is laid down', async () => {
    const { page, kiosk } = k;
    await kiosk.sim('/reader/document', { mrz });
    await k.waitForScreen('chipRefused');
    await expect(page.getByTestId('chip-refused').getAttribute('data-reason')).resolves.toBe('no-chip');
    await kiosk.sim('/chip/document', { mrz, kind: 'genuine' });
    await page.getByTestId('retry').tap();
    await k.waitForScreen('holder');
    await page.getByTestId('chip-verified').waitFor();
    await page.getByTestId('continue').tap();
    await k.waitForScreen('attract');
    await kiosk.sim('/chip/remove');
  });
});

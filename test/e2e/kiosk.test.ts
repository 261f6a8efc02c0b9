import { describe, expect, it } from 'vitest';
import { languages } from '../../electron/contract/index.ts';
import { catalogues } from '../../renderer/src/i18n/index.ts';
import { formatMrz } from '../../drivers/mrz/index.ts';
import { screenshot } from './support/browser.ts';
import { assertNoRawCodes } from './support/raw-codes.ts';
import { useKiosk } from './support/kiosk-under-test.ts';

// A valid TD3 passport that does not expire during the life of this test suite.
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
const passportLines = passport.lines;

// An identify-only kiosk (no transaction) with a short idle timeout, so the idle test stays short.
const k = useKiosk({ session: { idleTimeoutSeconds: 6, idleWarningSeconds: 3 }, language: { default: 'en' }, services: [] });
const { waitForScreen, title } = k;
const screen = () => k.page.locator('main.kiosk').getAttribute('data-screen');

describe('kiosk in browser mode', () => {
  it('shows the holder when a document is placed on the reader while the attract screen shows', async () => {
    const { page, kiosk } = k;
    const res = await kiosk.sim('/reader/document', { mrz: passportLines });
    expect(res.status).toBe(200);
    await waitForScreen('holder');
    await expect(page.getByTestId('holder-name').textContent()).resolves.toBe('ERIKSSON, ANNA MARIA');
    await expect(page.getByTestId('holder-document-number').textContent()).resolves.toBe('L*****2C3');
    // The state is named, not coded: `UTO` is the ICAO specimens' Utopia.
    await expect(page.getByTestId('holder-nationality').textContent()).resolves.toBe('Utopia (specimen)');
    await page.getByTestId('holder-verified').waitFor();
    expect(await page.content()).not.toContain('L898902C3');
    await page.getByTestId('continue').tap();
    await waitForScreen('attract');
  });

  it('walks attract → document → holder by touch, and shows the reader status', async () => {
    const { page, kiosk } = k;
    await page.getByTestId('start').tap();
    await waitForScreen('document');
    await expect(page.getByTestId('reader-status').getAttribute('data-status')).resolves.toBe('available');
    await kiosk.sim('/reader/document', { mrz: passportLines });
    await waitForScreen('holder');
    await page.getByTestId('not-me').tap();
    await waitForScreen('attract');
  });

  it('shows the reader unavailable when it is unplugged, and ready again when replugged', async () => {
    const { page, kiosk } = k;
    await page.getByTestId('start').tap();
    await waitForScreen('document');
    await kiosk.sim('/reader/unplug');
    await page.locator('[data-testid="reader-status"][data-status="unavailable"]').waitFor();
    await expect(page.getByTestId('reader-status').textContent()).resolves.toContain(catalogues.en['reader.unavailable']);
    await kiosk.sim('/reader/plug');
    await page.locator('[data-testid="reader-status"][data-status="available"]').waitFor();
    await page.getByTestId('cancel').tap();
    await waitForScreen('attract');
  });

  it('tells the traveller when the document cannot be read, and lets them try again', async () => {
    const { page, kiosk } = k;
    const corrupted = [passportLines[0] as string, (passportLines[1] as string).replace(/^L8/, 'L9')];
    await kiosk.sim('/reader/document', { mrz: corrupted });
    await waitForScreen('unreadable');
    await expect(page.getByTestId('unreadable').getAttribute('data-code')).resolves.toBe('check_digits');
    await page.getByTestId('retry').tap();
    await waitForScreen('document');
    await kiosk.sim('/reader/fault', { code: 'BAD_FRAME', message: 'noise on the line' });
    await waitForScreen('unreadable');
    await expect(page.getByTestId('unreadable').getAttribute('data-code')).resolves.toBe('device_error');
    await page.getByTestId('cancel').tap();
    await waitForScreen('attract');
  });

  it('refuses a malformed control request and names the field', async () => {
    const { page, kiosk } = k;
    const res = await kiosk.sim('/reader/document', { mrz: 'P<UTO' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json)).toContain('mrz');
    expect(await screen()).toBe('attract');
  });

  it('counts down when idle and returns to attract, dropping the holder', async () => {
    const { page, kiosk } = k;
    await kiosk.sim('/reader/document', { mrz: passportLines });
    await waitForScreen('holder');
    await page.getByTestId('idle-countdown').waitFor({ timeout: 6_000 });
    await screenshot(page, 'idle-countdown-en');
    await page.getByTestId('more-time').tap();
    await page.getByTestId('idle-countdown').waitFor({ state: 'detached' });
    await waitForScreen('attract', 10_000);
    await expect(page.getByTestId('holder').count()).resolves.toBe(0);
  });

  it.each([
    ['notFound', ['P<UTONOBODY<<NOEL<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'UN00000179UTO7001017M3101012<<<<<<<<<<<<<<<0']],
    ['invalidated', ['P<UTOFORSBERG<<KARL<<<<<<<<<<<<<<<<<<<<<<<<<', 'UL33087624UTO8204181M3105205<<<<<<<<<<<<<<<4']],
    ['mismatch', ['P<UTOMORENO<<LUCIA<<<<<<<<<<<<<<<<<<<<<<<<<<', 'UM44103873UTO9107142F3202285<<<<<<<<<<<<<<<0']],
  ])('sends the traveller to the counter when the platform answers %s', async (reason, mrz) => {
    const { page, kiosk } = k;
    await kiosk.sim('/reader/document', { mrz });
    await page.locator(`[data-testid="not-verified"][data-reason="${reason}"]`).waitFor();
    await expect(page.getByTestId('holder').count()).resolves.toBe(0);
    await page.getByTestId('done').tap();
    await waitForScreen('attract');
  });

  it('never shows a holder as verified while the platform fails, and recovers when it is back', async () => {
    const { page, kiosk } = k;
    expect((await kiosk.sim('/platform/faults', { errorRate: 1 })).status).toBe(200);
    await kiosk.sim('/reader/document', { mrz: passportLines });
    await waitForScreen('verifyUnavailable', 15_000);
    await expect(page.getByTestId('holder').count()).resolves.toBe(0);
    await screenshot(page, 'verify-unavailable-en');
    await kiosk.sim('/platform/faults/clear');
    await page.getByTestId('retry').tap();
    await waitForScreen('document');
    await kiosk.sim('/reader/document', { mrz: passportLines });
    await waitForScreen('holder', 15_000);
    await page.getByTestId('holder-verified').waitFor();
    await page.getByTestId('continue').tap();
    await waitForScreen('attract');
  });

  it('shows every screen in the four languages', async () => {
    const { page, kiosk } = k;
    for (const language of languages) {
      const t = catalogues[language];
      await page.getByTestId(`language-${language}`).tap();
      await title(t['attract.title']);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
      await screenshot(page, `attract-${language}`);

      await page.getByTestId('start').tap();
      await waitForScreen('document');
      await title(t['document.title']);
      await screenshot(page, `document-${language}`);

      // A slow platform shows the verifying screen long enough to see it.
      await kiosk.sim('/platform/faults', { latencyMs: 1200, count: 1 });
      await kiosk.sim('/reader/document', { mrz: passportLines });
      await waitForScreen('verifying');
      await title(t['verifying.title']);
      await screenshot(page, `verifying-${language}`);
      await waitForScreen('holder');
      await title(t['holder.title']);
      await expect(page.getByTestId('holder-document-type').textContent()).resolves.toBe(t['documentKind.passport']);
      await screenshot(page, `holder-${language}`);
      await assertNoRawCodes(page, `holder-${language}`, ['UTO']);

      await page.getByTestId('not-me').tap();
      await waitForScreen('attract');
      await page.getByTestId(`language-${language}`).tap();
      await kiosk.sim('/reader/document', { mrz: ['P<UTONOBODY<<NOEL<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'UN00000179UTO7001017M3101012<<<<<<<<<<<<<<<0'] });
      await waitForScreen('notVerified');
      await title(t['notVerified.title']);
      await screenshot(page, `not-verified-${language}`);
      await page.getByTestId('done').tap();
      await waitForScreen('attract');
      await page.getByTestId(`language-${language}`).tap();
      await page.getByTestId('start').tap();
      await waitForScreen('document');
      await kiosk.sim('/reader/fault', { code: 'BAD_FRAME', message: 'x' });
      await waitForScreen('unreadable');
      await title(t['unreadable.title']);
      await screenshot(page, `unreadable-${language}`);
      // Cancelling ends the session, which resets the language; the next round picks its own.
      await page.getByTestId('cancel').tap();
      await waitForScreen('attract');
    }
  });
});

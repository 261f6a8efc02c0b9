import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { languages } from '../../electron/contract/index.ts';
import { translate, type MessageKey } from '../../renderer/src/i18n/index.ts';
import { screenshot } from './support/browser.ts';
import { assertNoRawCodes } from './support/raw-codes.ts';
import type { KioskProcess } from './support/kiosk-process.ts';
import { useKiosk } from './support/kiosk-under-test.ts';
import { poll } from './support/poll.ts';
import { logInAs } from './support/staff.ts';

// Travellers from the platform simulator's seed (electron/platform/sim/seed.json), MRZ lines as seeded there.
const mrz = {
  eriksson: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'],
  ceshi: ['POCHNCESHI<<YANGBEN<<<<<<<<<<<<<<<<<<<<<<<<<', 'EC12345672CHN8310291F3304226LCOCMKNENBPJB988'],
  lindqvist: ['P<UTOLINDQVIST<<ERIK<<<<<<<<<<<<<<<<<<<<<<<<', 'UF77302451UTO8503024M3011308<<<<<<<<<<<<<<<8'],
  /** Platform answers MISMATCH. */
  moreno: ['P<UTOMORENO<<LUCIA<<<<<<<<<<<<<<<<<<<<<<<<<<', 'UM44103873UTO9107142F3202285<<<<<<<<<<<<<<<0'],
  /** 往来港澳通行证: verified, no name in the MRZ, on no reservation. */
  csPermit: ['CSCA12345672<3109306<9005178<4'],
};

const profile = (surname: string, givenNames: string, sex: 'M' | 'F', birthDate: string, nationality: string, number: string, primary = true) => ({
  profileId: `P-${number}`, primary, surname, givenNames, nameChinese: null, ageCategory: 'adult', sex, birthDate, nationality,
  document: { type: 'passport', number, issuer: nationality, expiryDate: null },
});
const eriksson = profile('ERIKSSON', 'ANNA MARIA', 'F', '1974-08-12', 'UTO', 'L898902C3');
const ceshi = { ...profile('CESHI', 'YANGBEN', 'F', '1983-10-29', 'CHN', 'EC1234567'), nameChinese: '测试样' };
const lindqvist = (primary: boolean) => profile('LINDQVIST', 'ERIK', 'M', '1985-03-02', 'UTO', 'UF7730245', primary);
const moreno = profile('MORENO', 'LUCIA', 'F', '1991-07-14', 'UTO', 'UM4410387', false);
const stay = (id: string, guests: unknown[], roomType: string, deposit: number | null) => ({
  reservationId: id, confirmationNumber: `E2E0000${id.slice(1)}`, nights: 2, roomType, adults: guests.length, children: 0,
  deposit: deposit === null ? null : { amountMinor: deposit, currency: 'CNY' }, guests,
});

/** Each test checks a reservation in, so each has its own; a person's next stay is found once the first is in house. */
const seed = {
  hotelId: 'SIM01',
  utcOffset: '+08:00',
  checkoutTime: '12:00',
  rooms: ['1201', '1203', '1501', '1502'].map((n) => ({ roomNumber: n, roomType: 'KING', floor: 12, housekeeping: 'clean', occupancy: 'vacant' }))
    .concat(['1202', '1301'].map((n) => ({ roomNumber: n, roomType: 'TWIN', floor: 12, housekeeping: 'inspected', occupancy: 'vacant' }))),
  reservations: [
    stay('R1', [eriksson], 'KING', 60000),
    stay('R2', [ceshi, lindqvist(false)], 'TWIN', 80000),
    stay('R3', [lindqvist(true), moreno], 'TWIN', 80000),
    stay('R4', [eriksson], 'KING', 60000),
    stay('R5', [ceshi], 'KING', null),
    stay('R6', [eriksson], 'KING', 60000),
    stay('R7', [ceshi], 'KING', 60000),
  ],
};

let kiosk: KioskProcess;
let page: Page;

async function get(path: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`http://127.0.0.1:${kiosk.port}/sim${path}`);
  expect(res.status).toBe(200);
  return res.json();
}

const title = (text: string, timeout = 5_000) => page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor({ timeout });
const en = (key: MessageKey) => translate('en', key);
const step = (name: string, timeout = 5_000) => page.locator(`[data-testid="hotel"][data-step="${name}"]`).waitFor({ timeout });
async function waitForScreen(name: string, timeout = 5_000): Promise<void> {
  await page.locator(`main.kiosk[data-screen="${name}"]`).waitFor({ timeout });
}

/** The screen shown now, in each of the four languages; back to English afterwards. */
async function shootAll(name: string, titleKey: MessageKey): Promise<void> {
  for (const language of languages) {
    await page.getByTestId(`language-${language}`).tap();
    await title(translate(language, titleKey));
    await screenshot(page, `hotel-${name}-${language}`);
    await assertNoRawCodes(page, `hotel-${name}-${language}`, ['KING', 'TWIN', 'UTO', 'CHN']);
  }
  await page.getByTestId('language-en').tap();
  await title(en(titleKey));
}

/** Document on the reader at the attract screen → verified holder → into the hotel flow. */
async function arrive(lines: string[]): Promise<void> {
  await waitForScreen('attract');
  expect((await kiosk.sim('/reader/document', { mrz: lines })).status).toBe(200);
  await waitForScreen('holder', 10_000);
  await page.getByTestId('continue').tap();
  await waitForScreen('hotel');
}

/** From the reservation screen through consent, deposit and keys to done. */
async function checkInFromReservation(options: { keys: number; deposit: boolean }): Promise<void> {
  await page.getByTestId('confirm-reservation').tap();
  await step('face');
  await page.getByTestId('face-consent').tap();
  if (options.deposit) {
    await step('deposit');
    await page.getByTestId('pay').tap();
  }
  await step('keys', 10_000);
  await page.getByTestId(`key-count-${options.keys}`).tap();
  await page.locator(`[data-testid="key-count-${options.keys}"][aria-checked="true"]`).waitFor();
  await page.getByTestId('encode').tap();
}

const k = useKiosk(
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-hotel-e2e-'));
    const seedFile = join(dir, 'pms-seed.json');
    writeFileSync(seedFile, JSON.stringify(seed));
    return {
      services: ['hotel'],
      language: { default: 'en' },
      hotel: { pms: { seedFile }, flow: { faceCheck: true }, outbox: { retry: { initialDelayMs: 200, maxDelayMs: 1_000 } } },
    };
  },
  // The face check takes one picture with the camera: Chromium's fake camera stands in for it.
  { chromiumArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] },
);
beforeAll(() => {
  ({ kiosk, page } = k);
});

describe('hotel self registration in the browser', () => {
  it('checks one guest in: reservation, face consent, deposit, registration delivered, keys, slip', async () => {
    await arrive(mrz.eriksson);
    await step('reservation', 10_000);
    await expect(page.getByTestId('reservation-confirmation').textContent()).resolves.toBe('E2E00001');
    await expect(page.getByTestId('reservation-guest').textContent()).resolves.toBe('ERIKSSON, ANNA MARIA');
    expect(await page.content()).not.toContain('L898902C3');
    await shootAll('reservation', 'hotel.reservation.title');
    await page.getByTestId('confirm-reservation').tap();
    await step('face');
    await shootAll('face', 'hotel.face.title');
    const platformBefore = (await get('/platform')).requests as number;
    await page.getByTestId('face-consent').tap();
    // The camera opens only after consent, takes one picture and goes away again.
    await page.getByTestId('face-capture').waitFor();
    await step('deposit', 10_000);
    await expect(page.getByTestId('face-capture').count()).resolves.toBe(0);
    // The capture went to the identity platform: the document again (for its photo's reference), then the face.
    expect((await get('/platform')).requests).toBeGreaterThanOrEqual(platformBefore + 2);
    await expect(page.getByTestId('deposit-amount').textContent()).resolves.toContain('600.00');
    await shootAll('deposit', 'hotel.deposit.title');
    await page.getByTestId('pay').tap();
    await step('keys', 10_000);
    await shootAll('keys', 'hotel.keys.title');
    await page.getByTestId('key-count-2').tap();
    await page.locator('[data-testid="key-count-2"][aria-checked="true"]').waitFor();
    await page.getByTestId('encode').tap();
    await step('done', 10_000);
    await expect(page.getByTestId('back').count()).resolves.toBe(0); // the stay exists: no way back
    await expect(page.getByTestId('done-keys').textContent()).resolves.toBe('2');
    const room = await page.getByTestId('done-room').textContent();
    expect(room).toMatch(/^1[25]0[1-3]$/);
    await expect(page.getByTestId('done-slip').getAttribute('data-printed')).resolves.toBe('true');
    await shootAll('done', 'hotel.done.title');

    const { jobs } = await get('/printer/jobs');
    const slip = JSON.stringify(jobs.at(-1));
    expect(slip).toContain('入住登记单');
    // The slip says where the police registration stands when it was printed, and never more than that.
    expect(slip).toMatch(/Police registration: (sent and acknowledged|queued)/);
    expect(slip).not.toContain('Registered with public security');
    expect(slip).toContain(`房号 Room: ${room}`);
    expect(slip).not.toContain('L898902C3');
    expect((await get('/hotel/key-encoder')).lastRoom).toBe(room);
    const police = await poll(() => get('/hotel/police'), (s) => s.distinctAccepted === 1);
    expect(police.distinctAccepted).toBe(1);
    expect((await poll(() => get('/hotel/outbox'), (o) => o.stats.pending === 0)).stats.pending).toBe(0);

    await page.getByTestId('finish').tap();
    await waitForScreen('attract');
    expect(await page.content()).not.toContain('ERIKSSON'); // personal data gone with the session
  }, 60_000);

  it('checks two guests in: the second places their document and is verified on the platform', async () => {
    await arrive(mrz.ceshi);
    await step('reservation', 10_000);
    await expect(page.getByTestId('reservation-confirmation').textContent()).resolves.toBe('E2E00002');
    await page.getByTestId('confirm-reservation').tap();
    await step('guests');
    await expect(page.getByTestId('guest-0').getAttribute('data-status')).resolves.toBe('verified');
    await expect(page.getByTestId('guest-1').getAttribute('data-status')).resolves.toBe('waiting');
    await expect(page.getByTestId('guest-1').textContent()).resolves.not.toContain('LINDQVIST'); // others are masked
    expect(await page.getByTestId('guests-continue').isDisabled()).toBe(true);
    await shootAll('guests', 'hotel.guests.title');
    await kiosk.sim('/reader/document', { mrz: mrz.lindqvist });
    await page.locator('[data-testid="guest-1"][data-status="verified"]').waitFor({ timeout: 10_000 });
    await page.getByTestId('guests-continue').tap();
    await step('face');
    await page.getByTestId('face-consent').tap();
    await step('deposit');
    await page.getByTestId('pay').tap();
    await step('keys', 10_000);
    await page.getByTestId('encode').tap(); // default: one card per adult
    await step('done', 10_000);
    await expect(page.getByTestId('done-keys').textContent()).resolves.toBe('2');
    const police = await poll(() => get('/hotel/police'), (s) => s.distinctAccepted === 3);
    expect(police.distinctAccepted).toBe(3);
    const slip = JSON.stringify((await get('/printer/jobs')).jobs.at(-1));
    expect(slip).toContain('测试样');
    expect(slip).toContain('LINDQVIST ERIK');
    await page.getByTestId('finish').tap();
    await waitForScreen('attract');
  }, 60_000);

  it('asks for the confirmation number on the touch keyboard when no reservation matches the document', async () => {
    await arrive(mrz.csPermit);
    await step('confirmation', 10_000);
    await shootAll('confirmation', 'hotel.confirmation.title');
    for (const key of '99999999') await page.getByTestId(`key-${key}`).tap();
    await page.locator('[data-testid="confirmation-entry"]', { hasText: /^99999999\W*$/ }).waitFor();
    await page.getByTestId('search').tap();
    await page.locator('[data-testid="search-problem"][data-problem="notFound"]').waitFor({ timeout: 5_000 });
    await shootAll('not-found', 'hotel.confirmation.title');
    await page.getByTestId('key-erase').tap();
    await page.locator('[data-testid="confirmation-entry"]', { hasText: /^9999999\W*$/ }).waitFor();
    await page.getByTestId('search-problem').waitFor({ state: 'detached' });
    await page.getByTestId('back').tap();
    await waitForScreen('attract');
  }, 60_000);

  it('does not let a guest on whom the platform says no through, and offers the staff desk', async () => {
    await arrive(mrz.lindqvist);
    await step('reservation', 10_000);
    await expect(page.getByTestId('reservation-confirmation').textContent()).resolves.toBe('E2E00003');
    await page.getByTestId('confirm-reservation').tap();
    await step('guests');
    await kiosk.sim('/reader/document', { mrz: mrz.moreno });
    await page.locator('[data-testid="guest-1"][data-status="notVerified"]').waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('guest-problem').getAttribute('data-problem')).resolves.toBe('notVerified');
    expect(await page.getByTestId('guests-continue').isDisabled()).toBe(true);
    await shootAll('guest-not-verified', 'hotel.guests.title');
    await page.getByTestId('staff-desk').tap();
    await step('staffDesk');
    await expect(page.getByTestId('staff-reason').getAttribute('data-reason')).resolves.toBe('notVerified');
    await shootAll('staff-desk', 'hotel.staffDesk.title');
    await page.getByTestId('finish').tap();
    await waitForScreen('attract');
    expect((await get('/hotel/pms')).checkedIn).toBe(2); // R3 was not checked in
  }, 60_000);

  it('queues the registration while police reporting is down, shows it pending to staff, and delivers it later', async () => {
    const before = (await get('/hotel/police')).distinctAccepted;
    expect((await kiosk.sim('/hotel/police/faults', { down: true })).status).toBe(200);
    await arrive(mrz.eriksson);
    await step('reservation', 10_000);
    await expect(page.getByTestId('reservation-confirmation').textContent()).resolves.toBe('E2E00004');
    await checkInFromReservation({ keys: 1, deposit: true });
    await step('done', 10_000); // the guest is checked in although the police system is down
    const pending = await get('/hotel/outbox');
    expect(pending.stats.pending).toBe(1);
    // The slip says the registration is queued, with what the guest needs to know; it claims no acknowledgement.
    const slip = JSON.stringify((await get('/printer/jobs')).jobs.at(-1));
    expect(slip).toContain('Police registration: queued');
    expect(slip).toContain('公安登记');
    expect(slip).not.toMatch(/acknowledged|已确认接收|已向公安机关登记/);
    expect((await get('/hotel/police')).distinctAccepted).toBe(before);
    await page.getByTestId('finish').tap();
    await waitForScreen('attract');

    // Staff see it waiting in maintenance mode (counts only), and see it go once police reporting is back.
    await logInAs(page, 'agent', '135790');
    await page.locator('[data-testid="queue-policeRegistrations"][data-pending="1"]').waitFor();
    await screenshot(page, 'maintenance-police-pending-en');
    await kiosk.sim('/hotel/police/faults', { down: false });
    await page.locator('[data-testid="queue-policeRegistrations"][data-pending="0"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('maintenance-close').tap();
    await waitForScreen('attract');
    const delivered = await poll(() => get('/hotel/outbox'), (o) => o.stats.pending === 0, 15_000);
    expect(delivered.stats).toMatchObject({ pending: 0, rejected: 0 });
    expect((await get('/hotel/police')).distinctAccepted).toBe(before + 1);
  }, 60_000);

  it('tells the guest when the key card stock is empty, and checks them in with keys from the desk', async () => {
    await kiosk.sim('/hotel/key-encoder/empty');
    await arrive(mrz.ceshi);
    await step('reservation', 10_000);
    await expect(page.getByTestId('reservation-confirmation').textContent()).resolves.toBe('E2E00005');
    await checkInFromReservation({ keys: 1, deposit: false });
    await page.locator('[data-testid="keys-status"][data-status="stockEmpty"]').waitFor({ timeout: 10_000 });
    await shootAll('keys-stock-empty', 'hotel.keys.title');
    // Staff see it in the device list: the encoder is unavailable with MEDIA_EMPTY.
    expect((await get('/hotel/key-encoder')).status).toMatchObject({ state: 'unavailable', code: 'MEDIA_EMPTY' });
    await page.getByTestId('skip-keys').tap();
    await step('done', 10_000);
    await expect(page.getByTestId('done-keys').textContent()).resolves.toBe('0');
    await page.getByTestId('keys-at-desk').waitFor();
    await page.getByTestId('finish').tap();
    await waitForScreen('attract');
    await kiosk.sim('/hotel/key-encoder/refill', { cards: 50 });
  }, 60_000);

  it('shows every waiting screen while the hotel back-ends are slow', async () => {
    await kiosk.sim('/hotel/latency', { ms: 3_000 });
    try {
      await arrive(mrz.eriksson);
      await step('finding');
      await shootAll('finding', 'hotel.finding.title');
      await step('reservation', 10_000);
      await expect(page.getByTestId('reservation-confirmation').textContent()).resolves.toBe('E2E00006');
      await page.getByTestId('confirm-reservation').tap();
      await step('face');
      await page.getByTestId('face-consent').tap();
      // The live preview stays above the Back and Help buttons (in English, the longest text above it).
      await page.getByTestId('face-capture').waitFor();
      const preview = await page.getByTestId('face-capture').boundingBox();
      const help = await page.getByTestId('help').boundingBox();
      expect(preview && help && preview.y + preview.height <= help.y, JSON.stringify({ preview, help })).toBe(true);
      await page.getByTestId('face-notice').waitFor();
      await page.locator('[data-testid="hotel"] [role="status"]').waitFor();
      await shootAll('face-checking', 'hotel.face.title');
      await step('deposit', 10_000);
      await page.getByTestId('pay').tap();
      await page.locator('[data-testid="deposit-status"][data-status="processing"]').waitFor();
      await shootAll('deposit-processing', 'hotel.deposit.title');
      await step('checkingIn', 10_000);
      await shootAll('checking-in', 'hotel.checkingIn.title');
      await step('keys', 15_000);
      await page.getByTestId('encode').tap();
      await page.locator('[data-testid="keys-status"][data-status="encoding"]').waitFor();
      await shootAll('keys-encoding', 'hotel.keys.title');
      await step('printing', 10_000);
      await shootAll('printing', 'hotel.printing.title');
      await step('done', 10_000);
      await page.getByTestId('finish').tap();
      await waitForScreen('attract');
    } finally {
      await kiosk.sim('/hotel/latency', { ms: 0 });
    }
  }, 90_000);

  it('lets the guest choose the staff desk instead of the face check, and checks nobody in', async () => {
    const checkedIn = (await get('/hotel/pms')).checkedIn;
    const holds = (await get('/hotel/payment')).holds;
    await arrive(mrz.ceshi);
    await step('reservation', 10_000);
    await expect(page.getByTestId('reservation-confirmation').textContent()).resolves.toBe('E2E00007');
    await page.getByTestId('confirm-reservation').tap();
    await step('face');
    await page.getByTestId('staff-desk').tap();
    await step('staffDesk');
    await expect(page.getByTestId('staff-reason').getAttribute('data-reason')).resolves.toBe('declinedFace');
    await page.getByTestId('finish').tap();
    await waitForScreen('attract');
    expect((await get('/hotel/pms')).checkedIn).toBe(checkedIn);
    expect((await get('/hotel/payment')).holds).toBe(holds);
  }, 30_000);

  it('tells a guest whose stay is already checked in to see the front desk', async () => {
    await arrive(mrz.eriksson); // all three of her stays are in house now
    await page.locator('[data-testid="search-problem"][data-problem="alreadyCheckedIn"]').waitFor({ timeout: 10_000 });
    await shootAll('already-checked-in', 'hotel.confirmation.title');
    await page.getByTestId('back').tap();
    await waitForScreen('attract');
  }, 30_000);
});

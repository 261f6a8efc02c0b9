import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { languages, type DeviceView, type Language } from '../../electron/contract/index.ts';
import { translate, type MessageKey } from '../../renderer/src/i18n/index.ts';
import { screenshot } from './support/browser.ts';
import { assertNoRawCodes } from './support/raw-codes.ts';
import { timeOfDay } from '../../electron/contract/local-time.ts';
import { repoRoot, type KioskProcess } from './support/kiosk-process.ts';
import { useKiosk } from './support/kiosk-under-test.ts';

/**
 * Airport self check-in end to end: the built UI in Chromium, the kiosk in browser mode with the identity
 * platform simulator (seeded identities, electron/platform/sim/seed.json) and an airline simulator seeded by
 * this file, driven only through the touch screen and the control API (/sim/...).
 */

const platformSeed = JSON.parse(readFileSync(join(repoRoot, 'electron/platform/sim/seed.json'), 'utf8')) as {
  identities: { id: string; mrz: string[] }[];
};
const mrzOf = (id: string): string[] => {
  const identity = platformSeed.identities.find((i) => i.id === id);
  if (!identity) throw new Error(`no platform identity ${id}`);
  return identity.mrz;
};
/** Verified by the platform (MATCH): ERIKSSON ANNA MARIA (TD3 specimen) and CESHI YANGBEN (PRC passport). */
const anna = mrzOf('uto-specimen-match');
const ceshi = mrzOf('prc-passport-match');
/** The platform answers MISMATCH for MORENO LUCIA. */
const moreno = mrzOf('uto-mismatch-birth-date');

const started = Date.now();
/** Minutes from now until a fixed instant (departures in the airline seed are relative to its start). */
const minutesUntil = (iso: string) => Math.ceil((Date.parse(iso) - started) / 60_000);
// CESHI's passport expires 2033-04-22: a flight after that date, with check-in already open, so the only
// rule that refuses is "document expires before travel".
const afterCeshiExpiry = minutesUntil('2033-05-01T04:00:00Z');

const seatMap = (extra: Record<string, unknown> = {}) => ({ firstRow: 20, lastRow: 29, columns: 'ABCDEF', aisleAfter: 'C', occupied: ['20A', '21B'], blocked: ['27A'], ...extra });
const flight = (id: string, from: string, to: string, departsInMinutes: number, extra: Record<string, unknown> = {}) => ({
  id,
  carrier: 'UT',
  flightNumber: id.slice(2),
  from,
  to,
  departsInMinutes,
  durationMinutes: 200,
  timeZone: 'Asia/Hong_Kong',
  gate: '23',
  seatMap: seatMap(),
  ...extra,
});
const passenger = (id: string, name: string, documentNumber: string | null, pieces = 1) => ({
  id,
  name,
  ticketNumber: `98724000001${id.slice(1).padStart(2, '0')}`,
  documentNumber,
  bagAllowance: { pieces, weightKg: 23 },
});
const ANNA = 'ERIKSSON/ANNA MARIA MS';
const airlineSeed = {
  airline: { designator: 'UT', numericCode: '987', name: 'Utopia Airways (e2e)' },
  flights: [
    flight('UT801', 'HKG', 'PEK', 180),
    flight('UT802', 'PEK', 'FRA', 480, { seatMap: seatMap({ firstRow: 40, lastRow: 45, columns: 'ABCDEFGHJK', aisleAfter: 'CG', occupied: [], blocked: [] }) }),
    flight('UT803', 'HKG', 'SIN', 150, { status: 'cancelled' }),
    flight('UT805', 'HKG', 'LHR', 4320),
    flight('UT807', 'HKG', 'PVG', 30),
    flight('UT809', 'HKG', 'TPE', 240),
    flight('UT990', 'HKG', 'LHR', afterCeshiExpiry, { checkInOpensMinutesBefore: afterCeshiExpiry + 60 }),
    // From Tokyo Narita (UTC+9), with no zone in the DCS's answer: the kiosk finds it by the airport.
    flight('UT811', 'NRT', 'HKG', 200, { timeZone: undefined }),
  ],
  bookings: [
    // Found by ERIKSSON's passport number; a connection, so the boarding pass carries two legs.
    { pnr: 'ANNA74', passengers: [passenger('P1', ANNA, 'L898902C3')], segments: [{ id: 'S1', flight: 'UT801' }, { id: 'S2', flight: 'UT802' }] },
    // Found by CESHI's passport number; ERIKSSON and MORENO travel with her.
    {
      pnr: 'FAMILY',
      passengers: [passenger('P1', 'CESHI/YANGBEN MS', 'EC1234567', 2), passenger('P2', ANNA, null), passenger('P3', 'MORENO/LUCIA MS', null)],
      segments: [{ id: 'S1', flight: 'UT809' }],
    },
    { pnr: 'NOPEN1', passengers: [passenger('P1', ANNA, null)], segments: [{ id: 'S1', flight: 'UT805' }] },
    { pnr: 'CLOSD1', passengers: [passenger('P1', ANNA, null)], segments: [{ id: 'S1', flight: 'UT807' }] },
    { pnr: 'CNCL01', passengers: [passenger('P1', ANNA, null)], segments: [{ id: 'S1', flight: 'UT803' }] },
    // CESHI's passport number is on FAMILY and on EXPIR1: the kiosk asks which one.
    { pnr: 'EXPIR1', passengers: [passenger('P1', 'CESHI/YANGBEN MS', 'EC1234567')], segments: [{ id: 'S1', flight: 'UT990' }] },
    { pnr: 'PAPER1', passengers: [passenger('P1', ANNA, null)], segments: [{ id: 'S1', flight: 'UT809' }] },
    { pnr: 'RETRY1', passengers: [passenger('P1', ANNA, null)], segments: [{ id: 'S1', flight: 'UT809' }] },
    { pnr: 'TOKYO1', passengers: [passenger('P1', ANNA, null)], segments: [{ id: 'S1', flight: 'UT811' }] },
  ],
};

interface SimBooking {
  pnr: string;
  passengers: { id: string; bagsChecked: number; segments: { segmentId: string; seat: string | null; checkedIn: boolean; sequenceNumber: number | null }[] }[];
  apis: { passengerId: string; documentRef: string | null; bagTags: string[] }[];
}
interface PrintedJob {
  kind: string;
  blocks: { type: string; symbology?: string; data?: string; text?: string }[];
}

let kiosk: KioskProcess;
let page: Page;

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${kiosk.port}/sim${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}
async function post(path: string, body?: unknown): Promise<void> {
  const res = await kiosk.sim(path, body);
  expect(res.status, `${path} → ${JSON.stringify(res.json)}`).toBe(200);
}
async function simBooking(pnr: string): Promise<SimBooking> {
  const state = await get<{ bookings: SimBooking[] }>('/airline/state');
  const booking = state.bookings.find((b) => b.pnr === pnr);
  if (!booking) throw new Error(`no booking ${pnr}`);
  return booking;
}
async function printed(printer: 'printer' | 'bag-tag-printer'): Promise<PrintedJob[]> {
  return (await get<{ jobs: PrintedJob[] }>(`/${printer}/jobs`)).jobs;
}
/** The device list the kiosk publishes with its state (what the staff view shows), read over the UI's socket. */
async function devices(): Promise<DeviceView[]> {
  return page.evaluate(
    () =>
      new Promise<DeviceView[]>((resolve, reject) => {
        const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
        const ws = new WebSocket(`ws://${location.host}/ws?token=${encodeURIComponent(token)}`);
        ws.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { type: string; state?: { devices: DeviceView[] } };
          if (message.type === 'state' && message.state) {
            ws.close();
            resolve(message.state.devices);
          }
        };
        ws.onerror = () => reject(new Error('state socket failed'));
      }),
  );
}

const step = (name: string, timeout = 10_000) => page.locator(`[data-testid="airport"][data-step="${name}"]`).waitFor({ timeout });
const waitForScreen = (name: string, timeout = 10_000) => page.locator(`main.kiosk[data-screen="${name}"]`).waitFor({ timeout });
const title = (language: Language, key: MessageKey) =>
  page.getByRole('heading', { level: 1, name: translate(language, key), exact: true }).waitFor({ timeout: 5_000 });
const tap = (testId: string) => page.getByTestId(testId).tap();

/** Screenshots of the current airport screen in the four languages, then back to English. */
async function shoot(name: string, key: MessageKey): Promise<void> {
  for (const language of languages) {
    await tap(`language-${language}`);
    await title(language, key);
    await screenshot(page, `airport-${name}-${language}`);
    await assertNoRawCodes(page, `airport-${name}-${language}`, ['UTO', 'CHN']);
  }
  await tap('language-en');
  await title('en', key);
}

/** Places a document on the reader at the attract screen and continues past the verified holder. */
async function startWith(mrz: string[]): Promise<void> {
  await waitForScreen('attract');
  await post('/reader/document', { mrz });
  await waitForScreen('holder');
  await page.getByTestId('holder-verified').waitFor();
  await tap('continue');
  await waitForScreen('airport');
}

/** Types on the on-screen keyboard, one tap per key. */
async function type(text: string): Promise<void> {
  for (const key of text) await tap(`key-${key}`);
}

/** From the booking found by the document, back to the lookup, and a search by reference and surname. */
async function lookUp(pnr: string, surname: string): Promise<void> {
  await step('booking');
  await tap('back');
  await step('lookup');
  await tap('airport-use-keyboard');
  await type(pnr);
  await expect.poll(() => page.getByTestId('airport-pnr').textContent()).toBe(pnr);
  await type(surname);
  await expect.poll(() => page.getByTestId('airport-surname').textContent()).toBe(surname);
  await tap('airport-search');
}

async function refusal(): Promise<string | null> {
  await step('refused');
  return page.getByTestId('airport-refused').getAttribute('data-reason');
}

async function finish(): Promise<void> {
  await tap('airport-finish');
  await waitForScreen('attract');
}

const k = useKiosk(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'passage-airport-e2e-'));
  const seedFile = join(dir, 'airline-seed.json');
  writeFileSync(seedFile, JSON.stringify(airlineSeed));
  return {
    services: ['checkIn'],
    language: { default: 'en' },
    session: { idleTimeoutSeconds: 120, idleWarningSeconds: 15 },
    airport: { dcs: { timeoutMs: 20_000, simulator: { seedFile } }, reprintDelayMs: 200 },
  };
});
beforeAll(() => {
  ({ kiosk, page } = k);
});

describe('airport self check-in in the browser', () => {
  it('checks in one traveller found by passport: seats on both legs, a bag, a two-leg boarding pass and a bag tag', async () => {
    await post('/airline/latency', { ms: 4_000 }); // holds "searching" long enough to photograph it
    await startWith(anna);
    await step('searching');
    await shoot('searching', 'airport.title');
    await post('/airline/latency', { ms: 0 });

    await step('booking');
    await expect(page.getByTestId('airport-pnr').textContent()).resolves.toBe('ANNA74');
    await expect(page.getByTestId('segment-S2').textContent()).resolves.toContain('UT802');
    await shoot('booking', 'airport.booking.title');
    await tap('airport-continue');

    await step('passengers');
    await expect(page.getByTestId('passenger-P1').getAttribute('data-state')).resolves.toBe('included');
    await tap('airport-continue');

    await step('seats');
    await page.getByTestId('seat-24A').tap();
    await expect.poll(() => page.getByTestId('seat-of-P1').textContent()).toBe('24A');
    await expect(page.getByTestId('seat-24A').getAttribute('data-state')).resolves.toBe('mine');
    await expect(page.getByTestId('seat-20A').isDisabled()).resolves.toBe(true);
    await shoot('seats', 'airport.seats.title');
    await tap('seat-segment-S2');
    await page.locator('[data-testid="seat-40C"][data-state="free"]').waitFor();
    await tap('seat-40C');
    await expect.poll(() => page.getByTestId('seat-of-P1').textContent()).toBe('40C');
    await tap('airport-continue');

    await step('dangerousGoods');
    await shoot('dangerousGoods', 'airport.dangerousGoods.title');
    await tap('airport-dg-acknowledge');

    await step('bags');
    await tap('bags-P1-more');
    await expect.poll(() => page.getByTestId('bags-P1').textContent()).toBe('1');
    await expect(page.getByTestId('bags-P1-more').isDisabled()).resolves.toBe(true); // allowance is one piece
    await shoot('bags', 'airport.bags.title');
    await tap('airport-continue');

    await step('confirm');
    await expect(page.getByTestId('confirm-P1').textContent()).resolves.toContain('24A / 40C');
    await shoot('confirm', 'airport.confirm.title');
    await post('/airline/latency', { ms: 4_000 });
    await tap('airport-check-in');
    await step('checkingIn');
    await shoot('checkingIn', 'airport.checkingIn.title');
    await post('/airline/latency', { ms: 0 });

    await step('done', 15_000);
    // Checked in: there is nothing to go back to, so no back button.
    await expect(page.getByTestId('back').count()).resolves.toBe(0);
    await page.getByTestId('help').waitFor();
    await expect(page.getByTestId('airport-done-counts').textContent()).resolves.toContain('1');
    await shoot('done', 'airport.done.title');
    expect(await page.content()).not.toContain('L898902C3');

    const booking = await simBooking('ANNA74');
    expect(booking.passengers[0]?.segments.map((s) => [s.seat, s.checkedIn])).toEqual([
      ['24A', true],
      ['40C', true],
    ]);
    expect(booking.apis[0]).toMatchObject({ documentRef: 'L*****2C3', bagTags: [expect.stringMatching(/^0987\d{6}$/)] });
    const passes = await printed('printer');
    expect(passes).toHaveLength(1);
    const bcbp = passes[0]?.blocks.find((b) => b.type === 'barcode');
    expect(bcbp).toMatchObject({ symbology: 'pdf417', data: expect.stringMatching(/^M2ERIKSSON\/ANNA MARIA/) });
    const tags = await printed('bag-tag-printer');
    expect(tags).toHaveLength(1);
    expect(tags[0]?.blocks.find((b) => b.type === 'barcode')).toMatchObject({ symbology: 'itf', data: booking.apis[0]?.bagTags[0] });
    await finish();
  }, 120_000);

  it('checks in two passengers: the second places a verified passport; a passport the platform rejects is not added', async () => {
    await startWith(ceshi);
    await step('chooseBooking');
    await expect(page.getByTestId('airport-choose-booking').textContent()).resolves.toMatch(/UT809[\s\S]*UT990/); // earliest first
    await shoot('chooseBooking', 'airport.chooseBooking.title');
    await tap('choose-FAMILY');
    await step('booking');
    await expect(page.getByTestId('airport-pnr').textContent()).resolves.toBe('FAMILY');
    await tap('airport-continue');
    await step('passengers');

    await post('/reader/document', { mrz: moreno });
    await page.locator('[data-testid="airport-notice"][data-notice="passengerNotVerified"]').waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('airport-notice').textContent()).resolves.toContain('MORENO/LUCIA MS');
    await expect(page.getByTestId('passenger-P3').getAttribute('data-state')).resolves.toBe('waiting');

    await post('/reader/document', { mrz: anna });
    await page.locator('[data-testid="passenger-P2"][data-state="included"]').waitFor({ timeout: 10_000 });
    await post('/reader/document', { mrz: moreno });
    await page.locator('[data-testid="airport-notice"][data-notice="passengerNotVerified"]').waitFor({ timeout: 10_000 });
    await shoot('passengers', 'airport.passengers.title'); // one included, one added, one refused
    await tap('airport-continue');
    await step('seats');
    await tap('seat-passenger-P2');
    await page.locator('[data-testid="seat-22C"][data-state="free"]').waitFor();
    await tap('seat-22C');
    await expect.poll(() => page.getByTestId('seat-of-P2').textContent()).toBe('22C');
    await tap('airport-continue');
    await tap('airport-dg-acknowledge');
    await step('bags');
    await tap('bags-P1-more');
    await expect.poll(() => page.getByTestId('bags-P1').textContent()).toBe('1');
    await tap('airport-continue');
    await step('confirm');
    await tap('airport-check-in');
    await step('done', 15_000);

    const booking = await simBooking('FAMILY');
    expect(booking.passengers.map((p) => p.segments[0]?.checkedIn)).toEqual([true, true, false]);
    expect(booking.passengers[1]?.segments[0]?.seat).toBe('22C');
    expect(booking.apis.map((a) => a.documentRef)).toEqual(['E*****567', 'L*****2C3', null]);
    expect((await printed('printer')).slice(-2).map((j) => j.kind)).toEqual(['boarding-pass', 'boarding-pass']);
    await finish();
  }, 120_000);

  it('says a booking is not found, and refuses a check-in not open yet, closed (found by barcode) or for a cancelled flight', async () => {
    await startWith(anna);
    await lookUp('ZZZZZZ', 'ERIKSSON');
    await page.locator('[data-testid="airport-notice"][data-notice="notFound"]').waitFor();
    await shoot('lookup-keyboard', 'airport.lookup.title');
    await tap('back');
    await page.locator('[data-testid="airport-lookup"][data-mode="menu"]').waitFor();
    await shoot('lookup', 'airport.lookup.title');

    await tap('airport-use-keyboard');
    await type('NOPEN1');
    await type('ERIKSSON');
    await expect.poll(() => page.getByTestId('airport-surname').textContent()).toBe('ERIKSSON');
    await tap('airport-search');
    await expect(refusal()).resolves.toBe('checkInNotOpen');
    await expect(page.getByTestId('airport-refused-message').textContent()).resolves.toContain('UT805');
    await shoot('refused', 'airport.refused.title');

    await tap('back');
    await page.locator('[data-testid="airport-lookup"][data-mode="menu"]').waitFor();
    await post('/scanner/barcode', { symbology: 'PDF417', text: 'CLOSD1/ERIKSSON' });
    await expect(refusal()).resolves.toBe('checkInClosed');

    await tap('back');
    await tap('airport-use-keyboard');
    await type('CNCL01');
    await type('ERIKSSON');
    await expect.poll(() => page.getByTestId('airport-surname').textContent()).toBe('ERIKSSON');
    await tap('airport-search');
    await expect(refusal()).resolves.toBe('flightCancelled');
    await expect(page.getByTestId('airport-refused-message').textContent()).resolves.toContain('UT803');
    await finish();
  }, 120_000);

  it('refuses a passport that expires before the flight', async () => {
    await startWith(ceshi);
    await step('chooseBooking');
    await tap('choose-EXPIR1');
    await expect(refusal()).resolves.toBe('documentExpires');
    expect((await simBooking('EXPIR1')).passengers[0]?.segments[0]?.checkedIn).toBe(false);
    await finish();
  }, 60_000);

  it('tells the traveller and staff when paper runs out mid-print, and resumes after paper-in without a second check-in', async () => {
    await startWith(anna);
    await lookUp('PAPER1', 'ERIKSSON');
    await step('booking');
    await tap('airport-continue');
    await tap('airport-continue');
    await step('seats');
    await page.getByTestId('seat-map').waitFor();
    await tap('airport-continue');
    await tap('airport-dg-acknowledge');
    await tap('bags-P1-more');
    await expect.poll(() => page.getByTestId('bags-P1').textContent()).toBe('1');
    await tap('airport-continue');
    await step('confirm');
    const passesBefore = (await printed('printer')).length;
    await post('/printer/paper-out', { afterBlocks: 3 });
    await tap('airport-check-in');

    await page.locator('[data-testid="airport-printing"][data-fault="paperOut"]').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('airport-print-fault').textContent()).resolves.toContain('run out of paper');
    const printer = (await devices()).find((d) => d.kind === 'printer');
    expect(printer?.status).toMatchObject({ state: 'unavailable', code: 'MEDIA_EMPTY' });
    await shoot('printing', 'airport.printing.title');
    const checkedIn = await simBooking('PAPER1');
    expect(checkedIn.passengers[0]?.segments[0]?.checkedIn).toBe(true);
    expect(checkedIn.apis[0]?.bagTags).toHaveLength(1);
    expect((await printed('printer')).length).toBe(passesBefore); // the interrupted pass is not counted

    await post('/printer/paper-in');
    await step('done', 15_000);
    const after = await simBooking('PAPER1');
    expect(after.passengers[0]?.segments[0]?.sequenceNumber).toBe(checkedIn.passengers[0]?.segments[0]?.sequenceNumber);
    expect(after.apis[0]?.bagTags).toEqual(checkedIn.apis[0]?.bagTags);
    expect((await printed('printer')).length).toBe(passesBefore + 1);
    expect((await devices()).find((d) => d.kind === 'printer')?.status).toEqual({ state: 'available' });
    await finish();
  }, 120_000);

  it('does not check in while the printer is offline; offers a safe retry when the DCS does not answer; checks in once', async () => {
    await startWith(anna);
    await lookUp('RETRY1', 'ERIKSSON');
    await step('booking');
    await tap('airport-continue');
    await tap('airport-continue');
    await step('seats');
    await page.getByTestId('seat-map').waitFor();
    await tap('airport-continue');
    await tap('airport-dg-acknowledge');
    await tap('airport-continue');
    await step('confirm');
    await post('/printer/offline');
    await tap('airport-check-in');
    await page.locator('[data-testid="airport-checking-in"][data-failed="printer"]').waitFor({ timeout: 15_000 });
    expect((await simBooking('RETRY1')).passengers[0]?.segments[0]?.checkedIn).toBe(false);
    await post('/printer/online');
    await post('/airline/fail', { count: 2 }); // the first attempt and the client's own retry
    await tap('airport-retry');
    await page.locator('[data-testid="airport-checking-in"][data-failed="unavailable"]').waitFor({ timeout: 15_000 });
    expect((await simBooking('RETRY1')).passengers[0]?.segments[0]?.checkedIn).toBe(false);
    await tap('airport-retry');
    await step('done', 15_000);
    const booking = await simBooking('RETRY1');
    expect(booking.passengers[0]?.segments[0]?.checkedIn).toBe(true);
    await finish();
  }, 60_000);

  it('shows and prints a departure from Tokyo Narita (UTC+9) at the same local time, whatever zone the kiosk is in', async () => {
    await waitForScreen('attract');
    await post('/reader/document', { mrz: anna });
    await waitForScreen('holder');
    // The holder screen names the document and the state; it never shows their codes.
    for (const language of languages) {
      await tap(`language-${language}`);
      await title(language, 'holder.title');
      await screenshot(page, `airport-holder-${language}`);
      await assertNoRawCodes(page, `airport-holder-${language}`, ['UTO']);
    }
    await tap('language-en');
    await page.getByTestId('holder-verified').waitFor();
    await tap('continue');
    await waitForScreen('airport');
    await lookUp('TOKYO1', 'ERIKSSON');
    await step('booking');
    const flights = (await get<{ flights: { id: string; departure: string }[] }>('/airline/state')).flights;
    const departure = flights.find((f) => f.id === 'UT811')?.departure;
    if (!departure) throw new Error('no UT811 in the simulator');
    const tokyo = timeOfDay(departure, 'Asia/Tokyo');
    // Tokyo is an hour ahead of the +8 the kiosk would otherwise assume: the check can tell the two apart.
    expect(tokyo).not.toBe(timeOfDay(departure, 'Asia/Hong_Kong'));
    await expect(page.getByTestId('segment-S1').textContent()).resolves.toContain(tokyo);

    await tap('airport-continue');
    await step('passengers');
    await tap('airport-continue');
    await step('seats');
    await tap('airport-continue');
    await step('dangerousGoods');
    await tap('airport-dg-acknowledge');
    await step('bags');
    await tap('airport-continue');
    await step('confirm');
    // No seat chosen: the screen says one will be given, not a dash.
    await expect(page.getByTestId('confirm-seat-P1').textContent()).resolves.toContain(translate('en', 'airport.seats.auto'));
    await tap('airport-check-in');
    await step('done', 15_000);
    const pass = (await printed('printer')).at(-1);
    const times = pass?.blocks.find((b) => b.type === 'text' && b.text?.startsWith('起飞'));
    expect(times?.text).toBe(`起飞 Departs ${tokyo}   登机 Boarding ${timeOfDay(new Date(Date.parse(departure) - 40 * 60_000).toISOString(), 'Asia/Tokyo')}`);
    await finish();
  }, 120_000);
});

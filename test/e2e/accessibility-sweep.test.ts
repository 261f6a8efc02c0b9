import { beforeEach, describe, expect, it } from 'vitest';
import { sweepScreen } from './support/axe.ts';
import { fakeCamera, mrz, seededConfig } from './support/a11y-seeds.ts';
import { useKiosk } from './support/kiosk-under-test.ts';
import { openStaffLogin, typeLogin } from './support/staff.ts';
import { must, resetDevices, resetPlatform } from './support/back-to-start.ts';
import { poll } from './support/poll.ts';

/**
 * axe-core and the touch-target check on every screen of the kiosk, in the four languages and in both display
 * modes (docs/accessibility.md "How it is tested"). One kiosk and one browser; the screens are reached the
 * quickest way — sim routes for the devices and back-ends, taps for the traveller — and screens that only pass by
 * (verifying, searching, checking in, printing) are held by the simulators' hold routes while they are checked.
 */

// A long idle timeout, and back-end timeouts longer than a held screen's sweep on a loaded machine.
const config = () => {
  const seeded = seededConfig();
  const airport = seeded['airport'] as { dcs: Record<string, unknown> };
  return Promise.resolve({
    ...seeded,
    session: { idleTimeoutSeconds: 600, idleWarningSeconds: 60 },
    platform: { timeouts: { connectMs: 3_000, totalMs: 120_000 } },
    airport: { ...airport, dcs: { ...airport.dcs, timeoutMs: 60_000 } },
  });
};
const k = useKiosk(config, {
  chromiumArgs: fakeCamera,
  // The page's own clock, so the idle warning can be shown without waiting for it (see the idle test).
  prepare: (page) => page.clock.install(),
  // Every test starts from the seeds, with nothing held, no fault, paper in and no headset.
  resetSimulators: async (kiosk) => {
    await resetDevices(kiosk);
    await resetPlatform(kiosk);
    await must(kiosk, '/airline/reset');
    await must(kiosk, '/airline/hold', { hold: false });
    await must(kiosk, '/hotel/hold', { hold: false });
    await must(kiosk, '/hotel/pms/reset');
    await must(kiosk, '/audio/headset', { plugged: false });
  },
});

/** A loaded machine takes seconds per language and mode; a test sweeps up to a dozen screens. */
const sweepTimeout = 360_000;

/** What failed on every screen swept so far in this test; each test asserts it is empty. */
let problems: string[] = [];
beforeEach(() => {
  problems = [];
});

const simState = async <T>(path: string): Promise<T> => (await (await fetch(`http://127.0.0.1:${k.kiosk.port}/sim${path}`)).json()) as T;
const tap = (testId: string) => k.page.getByTestId(testId).tap();
const sim = async (path: string, body?: unknown) => expect((await k.kiosk.sim(path, body)).status, path).toBe(200);
const visible = (selector: string, timeout = 30_000) => k.page.locator(selector).first().waitFor({ timeout });
const screen = (name: string, timeout = 30_000) => k.waitForScreen(name, timeout);
const airport = (step: string, timeout = 30_000) => visible(`[data-testid="airport"][data-step="${step}"]`, timeout);
const hotel = (step: string, timeout = 30_000) => visible(`[data-testid="hotel"][data-step="${step}"]`, timeout);

/**
 * With the hotel's calls held: lets the next `calls` calls go, one at a time as each comes to wait (the flow
 * makes one call at a time), then waits for the step they lead to.
 */
async function letGo(calls: number, then: string): Promise<void> {
  for (let i = 0; i < calls; i += 1) {
    await poll(() => simState<{ waiting: number }>('/hotel/hold'), (h) => h.waiting === 1, 30_000);
    await sim('/hotel/hold', { hold: true, releaseWaiting: true });
  }
  await hotel(then);
}

/** A new traveller: start, choose the service, place the document; waits for the verified holder. */
async function toHolder(service: 'checkIn' | 'hotel', document: string[]): Promise<void> {
  await tap('start');
  await tap(`service-${service}`);
  await sim('/reader/document', { mrz: document });
  await screen('holder');
}

async function sweep(name: string): Promise<void> {
  problems.push(...(await sweepScreen(k.page, name)));
}

describe('axe-core and touch targets on every screen, four languages, normal and large text with high contrast', () => {
  it('finds a faint, nameless, small button when there is one (the sweep can fail)', async () => {
    await k.page.evaluate(() => {
      const bad = document.createElement('button');
      bad.id = 'bad';
      bad.style.cssText = 'position:fixed;left:400px;top:900px;width:30px;height:30px;color:#bbb;background:#ccc;border:0;z-index:5';
      bad.innerHTML = '<span aria-hidden="true">x</span>';
      document.body.append(bad);
    });
    const found = await sweepScreen(k.page, 'planted');
    await k.page.evaluate(() => document.getElementById('bad')?.remove());
    expect(found.filter((p) => p.startsWith('planted en:'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/critical button-name .*#bad/), expect.stringMatching(/touch target .*30×30 px/)]),
    );
  });

  it('start, document and verification screens', async () => {
    await sweep('attract');
    await tap('start');
    await screen('service');
    await sweep('service');
    await tap('service-checkIn');
    await screen('document');
    await sweep('document');
    await tap('use-camera');
    await visible('[data-testid="close-camera"]');
    await sweep('document camera');
    await tap('close-camera');
    await sim('/reader/fault', { code: 'BAD_FRAME', message: 'noise' });
    await screen('unreadable');
    await sweep('unreadable');
    await tap('retry');
    await screen('document');
    await sim('/platform/faults', { errorRate: 1 });
    await sim('/reader/document', { mrz: mrz.anna });
    await screen('verifyUnavailable');
    await sweep('verifyUnavailable');
    await sim('/platform/faults/clear');
    await tap('retry');
    await screen('document');
    // The platform's answer is held: the verifying screen stays until the sweep lets it go.
    await sim('/platform/hold', { hold: true });
    await sim('/reader/document', { mrz: mrz.anna });
    await screen('verifying');
    await sweep('verifying');
    await sim('/platform/hold', { hold: false });
    await screen('holder');
    await sweep('holder');
    await tap('not-me');
    await screen('attract');
    await sim('/reader/document', { mrz: mrz.nobody });
    await screen('notVerified');
    await sweep('notVerified');
    await tap('done');
    await screen('attract');
    expect(problems).toEqual([]);
  }, sweepTimeout);

  it('airport: finding the booking (searching, a choice of two, a refusal, the lookup and its keyboard)', async () => {
    // Two bookings on the document, found while the airline's answer is held: the kiosk asks which; the
    // second's check-in is not open yet.
    await toHolder('checkIn', mrz.ceshi);
    await sim('/airline/hold', { hold: true });
    await tap('continue');
    await airport('searching');
    await sweep('airport searching');
    await sim('/airline/hold', { hold: false });
    await airport('chooseBooking');
    await sweep('airport chooseBooking');
    await tap('choose-CESHI2');
    await airport('refused');
    await sweep('airport refused');
    await tap('back');
    await airport('lookup');
    await sweep('airport lookup');
    await tap('airport-use-keyboard');
    await visible('[data-testid="airport-lookup"][data-mode="keyboard"]');
    for (const key of 'CESHI1') await tap(`key-${key}`);
    await tap('airport-field-surname');
    for (const key of 'CESHI') await tap(`key-${key}`);
    await sweep('airport lookup keyboard');
    await tap('airport-search');
    await airport('booking');
    await sweep('airport booking');
    expect(problems).toEqual([]);
  }, sweepTimeout);

  it('airport: a check-in from the passengers to done, a held check-in and a printer out of paper', async () => {
    await toHolder('checkIn', mrz.anna);
    await tap('continue');
    await airport('booking');
    await tap('airport-continue');
    await airport('passengers');
    await sweep('airport passengers');
    await tap('airport-continue');
    await visible('[data-testid="seat-map"]');
    await sweep('airport seats');
    await tap('seat-22C');
    await visible('[data-testid="seat-22C"][data-state="mine"]');
    await tap('airport-continue');
    await airport('dangerousGoods');
    await sweep('airport dangerousGoods');
    await tap('airport-dg-acknowledge');
    await airport('bags');
    await sweep('airport bags');
    await tap('bags-P1-more');
    await tap('airport-continue');
    await airport('confirm');
    await sweep('airport confirm');
    // The check-in is held while it is checked; then the printer runs out of paper in the middle of the pass.
    await sim('/airline/hold', { hold: true });
    await sim('/printer/paper-out', { afterBlocks: 2 });
    await tap('airport-check-in');
    await airport('checkingIn');
    await sweep('airport checkingIn');
    await sim('/airline/hold', { hold: false });
    await visible('[data-testid="airport-print-fault"]');
    await sweep('airport printing');
    // Paper back in: printing goes on by itself.
    await sim('/printer/paper-in');
    await airport('done');
    await sweep('airport done');
    await tap('airport-finish');
    await screen('attract');
    expect(problems).toEqual([]);
  }, sweepTimeout);

  it('hotel: no reservation found, two guests, the staff desk', async () => {
    // A document on no reservation: the confirmation number on the touch keyboard.
    await toHolder('hotel', mrz.csPermit);
    await tap('continue');
    await hotel('confirmation');
    await sweep('hotel confirmation');
    await tap('back');
    await screen('attract');

    // Two guests; the second is not verified: the staff desk.
    await toHolder('hotel', mrz.ceshi);
    await tap('continue');
    await hotel('reservation');
    await tap('confirm-reservation');
    await hotel('guests');
    await sweep('hotel guests');
    await sim('/reader/document', { mrz: mrz.moreno });
    await visible('[data-testid="guest-1"][data-status="notVerified"]');
    await tap('staff-desk');
    await hotel('staffDesk');
    await sweep('hotel staffDesk');
    await tap('finish');
    await screen('attract');
    expect(problems).toEqual([]);
  }, sweepTimeout);

  it('hotel: a registration from finding the stay to done, each waiting screen held while it is checked', async () => {
    await sim('/hotel/hold', { hold: true });
    await toHolder('hotel', mrz.anna);
    await tap('continue');
    await hotel('finding');
    await sweep('hotel finding');
    await letGo(1, 'reservation'); // the reservation search
    await sweep('hotel reservation');
    await tap('confirm-reservation');
    await hotel('face');
    await sweep('hotel face');
    await tap('face-consent');
    await letGo(1, 'deposit'); // the face comparison
    await sweep('hotel deposit');
    await tap('pay');
    await letGo(1, 'checkingIn'); // the deposit's pre-authorisation
    await sweep('hotel checkingIn');
    await letGo(2, 'keys'); // the room assignment, then the check-in
    await sweep('hotel keys');
    await tap('encode');
    await letGo(1, 'printing'); // the key cards
    await sweep('hotel printing');
    await letGo(1, 'done'); // the registration slip
    await sweep('hotel done');
    await tap('finish');
    await screen('attract');
    expect(problems).toEqual([]);
  }, sweepTimeout);

  it('the idle warning', async () => {
    await tap('start');
    await screen('service');
    // The page's clock jumps to 30 s before the end; the kiosk's does not, so the warning stays while the
    // sweep's language and display commands (each ten more minutes of activity for the kiosk) go on.
    await k.page.clock.setSystemTime(Date.now() + 570_000);
    await visible('[data-testid="idle-countdown"]');
    await sweep('idle warning');
    await visible('[data-testid="idle-countdown"]');
    // The page's clock back to the kiosk's: the warning goes, as the kiosk's own timer is far from its end.
    await k.page.clock.setSystemTime(Date.now());
    await k.page.getByTestId('idle-countdown').waitFor({ state: 'detached' });
    await tap('back');
    await screen('attract');
    expect(problems).toEqual([]);
  }, sweepTimeout);

  it('maintenance screens and out of service', async () => {
    await openStaffLogin(k.page);
    await sweep('staff login id');
    for (const key of 'admin') await tap(`id-key-${key}`);
    await tap('id-next');
    await visible('[data-testid="pin-dots"]');
    await sweep('staff login PIN');
    for (const digit of '864200') await tap(`pin-${digit}`);
    await tap('pin-enter');
    await visible('[data-testid="signed-in"]');
    const sections = await k.page.getByTestId('sections').locator('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-testid') ?? ''));
    expect(sections.length).toBeGreaterThan(5);
    for (const section of sections) {
      await tap(section);
      await visible(`[data-testid="page-${section.replace('section-', '')}"]`);
      await sweep(`staff ${section}`);
    }
    await tap('section-overview');
    await tap('toggle-service');
    await visible('[data-testid="toggle-service"][data-out-of-service="true"]');
    await tap('maintenance-close');
    await screen('outOfService');
    await sweep('outOfService');
    await openStaffLogin(k.page);
    await typeLogin(k.page, 'admin', '864200');
    await tap('toggle-service');
    await visible('[data-testid="toggle-service"][data-out-of-service="false"]');
    await tap('maintenance-close');
    await screen('attract');
    expect(problems).toEqual([]);
  }, sweepTimeout);

  it('speech mode (the blank-screen switch on the bar)', async () => {
    await sim('/audio/headset', { plugged: true });
    await visible('[data-testid="blank-screen"]');
    await sweep('attract in speech mode');
    await sim('/audio/headset', { plugged: false });
    expect(problems).toEqual([]);
  }, sweepTimeout);
});

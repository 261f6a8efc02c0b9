import { beforeEach, describe, expect, it } from 'vitest';
import { sweepScreen } from './support/axe.ts';
import { fakeCamera, mrz, seededConfig } from './support/a11y-seeds.ts';
import { useKiosk } from './support/kiosk-under-test.ts';
import { openStaffLogin, typeLogin } from './support/staff.ts';
import { publishedState, sendCommand } from './support/ui-socket.ts';

/**
 * axe-core and the touch-target check on every screen of the kiosk, in the four languages and in both display
 * modes (docs/accessibility.md "How it is tested"). One kiosk and one browser; the screens are reached the
 * quickest way — sim routes for the devices and back-ends, taps for the traveller — and screens that only pass by
 * (verifying, searching, finding) are held by the simulators' latency while they are checked, then left.
 */

// Long idle and back-end timeouts: the slow screens are held long enough to be checked eight times.
const config = () => {
  const seeded = seededConfig();
  const airport = seeded['airport'] as { dcs: Record<string, unknown> };
  return Promise.resolve({
    ...seeded,
    session: { idleTimeoutSeconds: 600, idleWarningSeconds: 60 },
    platform: { timeouts: { connectMs: 3_000, totalMs: 45_000 } },
    airport: { ...airport, dcs: { ...airport.dcs, timeoutMs: 60_000 } },
  });
};
const k = useKiosk(config, {
  chromiumArgs: fakeCamera,
  // The page's own clock, so the idle warning can be shown without waiting for it (see the idle test).
  prepare: (page) => page.clock.install(),
});

/** A loaded machine takes seconds per language and mode; a test sweeps up to a dozen screens. */
const sweepTimeout = 360_000;

/** What failed on every screen swept so far in this test; each test asserts it is empty. */
let problems: string[] = [];
// Each test starts at the attract screen, whatever the one before left behind.
beforeEach(async () => {
  problems = [];
  const state = await publishedState(k.page);
  if (state.maintenance) await sendCommand(k.page, { type: 'maintenance', action: { type: 'close' } });
  else if (state.screen.name !== 'attract') await sendCommand(k.page, { type: 'cancel' });
  await k.waitForScreen(state.outOfService ? 'outOfService' : 'attract');
});

const tap = (testId: string) => k.page.getByTestId(testId).tap();
const sim = async (path: string, body?: unknown) => expect((await k.kiosk.sim(path, body)).status, path).toBe(200);
const visible = (selector: string, timeout = 30_000) => k.page.locator(selector).first().waitFor({ timeout });
const screen = (name: string, timeout = 30_000) => k.waitForScreen(name, timeout);
const airport = (step: string, timeout = 30_000) => visible(`[data-testid="airport"][data-step="${step}"]`, timeout);
const hotel = (step: string, timeout = 30_000) => visible(`[data-testid="hotel"][data-step="${step}"]`, timeout);

/** A new traveller: start, choose the service, place the document; waits for the verified holder. */
async function toHolder(service: 'checkIn' | 'hotel', document: string[]): Promise<void> {
  await tap('start');
  await tap(`service-${service}`);
  await sim('/reader/document', { mrz: document });
  await screen('holder');
}

async function sweep(name: string, still?: string): Promise<void> {
  problems.push(...(await sweepScreen(k.page, name, still ? { still } : {})));
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
    await screen('verifyUnavailable', 30_000);
    await sweep('verifyUnavailable');
    await sim('/platform/faults/clear');
    await tap('retry');
    await screen('document');
    // Verifying lasts as long as the platform takes to answer; the test ends the wait itself once it has looked.
    await sim('/platform/faults', { latencyMs: 40_000, count: 1 });
    await sim('/reader/document', { mrz: mrz.anna });
    await screen('verifying');
    await sweep('verifying', 'main.kiosk[data-screen="verifying"]');
    await sendCommand(k.page, { type: 'cancel' });
    await screen('attract');
    await sim('/reader/document', { mrz: mrz.anna });
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

  it('airport check-in screens', async () => {
    // Two bookings on the document: the kiosk asks which; the second's check-in is not open yet.
    await toHolder('checkIn', mrz.ceshi);
    await tap('continue');
    await airport('chooseBooking');
    await sweep('airport chooseBooking');
    await tap('choose-CESHI2');
    await airport('refused');
    await sweep('airport refused');
    await tap('airport-finish');
    await screen('attract');

    // The booking is looked for by the document while the traveller waits; Back ends the wait (and the session).
    await toHolder('checkIn', mrz.anna);
    await sim('/airline/latency', { ms: 120_000 });
    await tap('continue');
    await airport('searching');
    await sweep('airport searching', '[data-testid="airport"][data-step="searching"]');
    await tap('back');
    await sim('/airline/latency', { ms: 0 });
    await screen('attract');
    await toHolder('checkIn', mrz.anna);
    await tap('continue');
    await airport('booking');
    await sweep('airport booking');
    await tap('back');
    await airport('lookup');
    await sweep('airport lookup');
    await tap('airport-use-keyboard');
    await visible('[data-testid="airport-lookup"][data-mode="keyboard"]');
    for (const key of 'ANNA74') await tap(`key-${key}`);
    await tap('airport-field-surname');
    for (const key of 'ERIKSSON') await tap(`key-${key}`);
    await sweep('airport lookup keyboard');
    await tap('airport-search');
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
    // The airline fails (both attempts): the check-in screen with its retry; then the printer runs out of paper mid-pass.
    await sim('/airline/fail', { count: 2, status: 503 });
    await sim('/printer/paper-out', { afterBlocks: 2 });
    await tap('airport-check-in');
    await visible('[data-testid="airport-checking-in"][data-failed="unavailable"]');
    await sweep('airport checkingIn');
    await tap('airport-retry');
    await visible('[data-testid="airport-print-fault"]', 30_000);
    await sweep('airport printing');
    // Paper back in: printing goes on by itself.
    await sim('/printer/paper-in');
    await airport('done', 30_000);
    await sweep('airport done');
    await tap('airport-finish');
    await screen('attract');
    expect(problems).toEqual([]);
  }, sweepTimeout);

  it('hotel registration screens', async () => {
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

    // The whole registration. Finding waits for the hotel's systems; the back button ends the wait (and the session).
    await toHolder('hotel', mrz.anna);
    await sim('/hotel/latency', { ms: 30_000 });
    await tap('continue');
    await hotel('finding');
    await sweep('hotel finding (checkingIn and printing share its layout)', '[data-testid="hotel"][data-step="finding"]');
    await tap('back');
    await sim('/hotel/latency', { ms: 0 });
    await screen('attract');
    await toHolder('hotel', mrz.anna);
    await tap('continue');
    await hotel('reservation');
    await sweep('hotel reservation');
    await tap('confirm-reservation');
    await hotel('face');
    await sweep('hotel face');
    await tap('face-consent');
    await hotel('deposit', 30_000);
    await sweep('hotel deposit');
    await tap('pay');
    await hotel('keys', 30_000);
    await sweep('hotel keys');
    await tap('encode');
    await hotel('done', 30_000);
    await sweep('hotel done');
    await tap('finish');
    await screen('attract');
    expect(problems).toEqual([]);
  }, sweepTimeout);

  it('the idle warning', async () => {
    await tap('start');
    await screen('service');
    // The page's clock jumps to 30 s before the end; the kiosk's does not, so the warning stays while the
    // sweep's taps (each a new ten minutes of activity for the kiosk) go on.
    await k.page.clock.setSystemTime(Date.now() + 570_000);
    await visible('[data-testid="idle-countdown"]');
    await sweep('idle warning', '[data-testid="idle-countdown"]');
    await k.page.clock.setSystemTime(Date.now());
    await tap('more-time');
    await k.page.getByTestId('idle-countdown').waitFor({ state: 'detached' });
    await tap('back');
    await screen('attract');
    expect(problems).toEqual([]);
  }, sweepTimeout);

  it('maintenance screens and out of service', async () => {
    await screen('attract');
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

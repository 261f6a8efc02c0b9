import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { catalogues, translate } from '../../renderer/src/i18n/index.ts';
import { useKiosk } from './support/kiosk-under-test.ts';
import { Listener } from './support/speech.ts';
import { fakeCamera, mrz, seededConfig } from './support/a11y-seeds.ts';
import { poll } from './support/poll.ts';
import { must, resetDevices, resetPlatform } from './support/back-to-start.ts';

/**
 * Speech mode end to end (docs/accessibility.md): a traveller with a headset and the keypad keys alone — no
 * touch — checks in for a flight and registers at the hotel, while the simulated voice's transcript shows that
 * every screen, every item reached and every result was said. The document going onto the reader is the only
 * thing done by hand, as at a real kiosk.
 */

const anna = mrz.anna;
const en = catalogues.en;
const zhHant = catalogues['zh-Hant'];

const k = useKiosk(() => Promise.resolve(seededConfig({ ocr: { enabled: false } })), {
  // The hotel's face check takes one picture: Chromium's fake camera stands in for it.
  chromiumArgs: fakeCamera,
  // Every test starts with no headset, nothing said, the seeds as written and nothing held.
  resetSimulators: async (kiosk) => {
    await must(kiosk, '/audio/headset', { plugged: false });
    await must(kiosk, '/speech/clear');
    await resetDevices(kiosk);
    await resetPlatform(kiosk);
    await must(kiosk, '/airline/reset');
    await must(kiosk, '/hotel/pms/reset');
  },
});

let voice: Listener;
beforeEach(() => {
  voice = new Listener(k.kiosk, k.page);
});

/** A headset goes into the jack: speech mode starts on the attract screen. */
async function plugHeadset(): Promise<void> {
  expect((await k.kiosk.sim('/audio/headset', { plugged: true })).status).toBe(200);
  await voice.hear(translate('en', 'a11y.speech.on'));
}

const screen = () => k.page.locator('main.kiosk').getAttribute('data-screen');
const speechState = async () => (await (await fetch(`http://127.0.0.1:${k.kiosk.port}/sim/speech`)).json()) as { volume: number | null; paused: boolean };

describe('speech mode with the keypad alone', () => {
  it('checks in for a flight: every screen, item and result is said, the boarding pass included', async () => {
    await plugHeadset();
    await voice.press('Enter');
    await voice.hear(en['service.title']);
    await voice.choose(en['service.checkIn']);
    await voice.hear(en['document.title']);

    await k.kiosk.sim('/reader/document', { mrz: anna });
    // The verification result, then the holder's details with the document number spoken as masked.
    const holder = await voice.hear(en['holder.verified']);
    expect(holder.map((u) => u.text)).toContain('ERIKSSON, ANNA MARIA');
    expect(holder.map((u) => u.text)).toContain('L, star, star, star, star, star, 2, C, 3');
    await voice.choose(en['holder.continue']);

    await voice.hear(en['airport.booking.title'], 15_000);
    await voice.choose(en['airport.continue']);
    await voice.hear(en['airport.passengers.title']);
    // The back key goes back a screen, as the Back button does; the booking is said again.
    await voice.press('Escape');
    await voice.hear(en['airport.booking.title']);
    await voice.choose(en['airport.continue']);
    await voice.hear(en['airport.passengers.title']);
    await voice.choose(en['airport.continue']);

    // Seats: into the map, along the row and down to a free seat, which is said with its state.
    await voice.hear(en['airport.seats.title']);
    await voice.moveTo('20');
    await voice.moveTo(`21C, ${en['airport.seats.free']}`, 'ArrowRight');
    // A taken seat is said to be taken: its state is never only its colour.
    const taken = await voice.moveTo('21B', 'ArrowLeft', 1);
    expect(taken.text).toBe(`21B, ${en['airport.seats.taken']}, ${translate('en', 'a11y.state.unavailable')}`);
    await voice.moveTo('21C', 'ArrowRight', 1);
    const down = await voice.moveTo('22C', 'ArrowDown', 1);
    expect(down.text).toBe(`22C, ${en['airport.seats.free']}`);
    await voice.press('Enter');
    await voice.hear(`22C, ${en['airport.seats.mine']}`);
    await voice.choose(en['airport.continue']);

    await voice.hear(en['airport.dangerousGoods.title']);
    await voice.choose(en['airport.dangerousGoods.acknowledge']);
    await voice.hear(en['airport.bags.title']);
    await voice.choose(en['airport.bags.more']);
    // The bag count changed where the traveller is: "Add a bag" is now not available (allowance reached).
    await voice.hear(`${en['airport.bags.more']}, ${translate('en', 'a11y.state.unavailable')}`);
    await voice.choose(en['airport.continue']);

    const confirm = await voice.hear(en['airport.confirm.title']);
    expect(confirm.map((u) => u.text).join(' ')).toContain('22C');
    await voice.choose(en['airport.confirm.checkIn']);
    const done = await voice.hear(en['airport.done.title'], 20_000);
    const words = done.map((u) => u.text).join(' ');
    expect(words).toContain(en['airport.done.lead']);
    expect(words).toContain(`${translate('en', 'airport.done.passes', { count: 1 })} · ${translate('en', 'airport.done.tags', { count: 1 })}`);
    // What the boarding pass printed: the passenger, the flight and route, the gate and the seat.
    expect(words).toContain('ERIKSSON/ANNA MARIA MS');
    expect(words).toMatch(new RegExp(`HKG ${en['airport.route.to']} PEK · UT801 · .*${en['airport.booking.gate']} 23 · ${en['airport.confirm.seat']} 22C`));
    await voice.choose(en['airport.finish']);
    await voice.hear(en['attract.title']);
    expect(await screen()).toBe('attract');
  });

  it('registers at the hotel in Cantonese, with volume, pause and help, and sets the volume back afterwards', async () => {
    await plugHeadset();
    // The language is the first choice: its name is said in its own language.
    await voice.choose('繁體中文');
    await voice.hear(zhHant['attract.title']);
    await voice.press('+');
    await voice.press('+');
    await voice.press('+');
    await voice.hear(translate('zh-Hant', 'a11y.volume.is', { n: 8, max: 10 }));
    await voice.press('-');
    await voice.hear(translate('zh-Hant', 'a11y.volume.is', { n: 7, max: 10 }));
    await voice.press('Enter');
    await voice.hear(zhHant['service.title']);
    await voice.choose(zhHant['service.hotel']);
    await voice.hear(zhHant['document.title']);
    await k.kiosk.sim('/reader/document', { mrz: anna });
    await voice.hear(zhHant['holder.verified']);
    await voice.choose(zhHant['holder.continue']);

    const reservation = await voice.hear(zhHant['hotel.reservation.title'], 15_000);
    expect(reservation.every((u) => u.lang === 'zh-Hant')).toBe(true);
    expect(reservation.map((u) => u.text)).toContain('E2E00001');
    // Pause, then go on; F1 says the screen again with the keys.
    await voice.press('F2');
    expect((await poll(() => voice.accessibility(), (a) => a.paused)).paused).toBe(true);
    await voice.press('F2');
    expect((await poll(() => voice.accessibility(), (a) => !a.paused)).paused).toBe(false);
    await voice.press('F1');
    await voice.hear(translate('zh-Hant', 'a11y.keys.guide'));
    await voice.choose(zhHant['hotel.reservation.confirm']);

    await voice.hear(zhHant['hotel.face.title']);
    await voice.choose(zhHant['hotel.face.consent']);
    await voice.hear(zhHant['hotel.deposit.title'], 15_000);
    await voice.choose(zhHant['hotel.deposit.pay']);
    await voice.hear(zhHant['hotel.keys.title'], 15_000);
    await voice.choose(zhHant['hotel.keys.make']);
    // The printed slip and what it says: the room, the check-out date, the keys.
    const done = await voice.hear(zhHant['hotel.done.title'], 20_000);
    const words = done.map((u) => u.text);
    expect(words).toContain(zhHant['hotel.done.room']);
    expect(words).toContain('1201');
    expect(words).toContain(zhHant['hotel.done.slip']);
    expect((await speechState()).volume).toBe(0.7);
    await voice.choose(zhHant['hotel.done.finish']);
    // The next traveller starts afresh: the kiosk's own language again.
    await voice.hear(en['attract.title']);

    // The end of a use: the volume is back to the default for the next traveller.
    await voice.press('ArrowDown');
    await voice.newWords();
    expect((await speechState()).volume).toBe(0.5);
  });

  it('blanks the screen for privacy with F3 and shows it again', async () => {
    await plugHeadset();
    await voice.choose(en['attract.title'], 'ArrowUp');
    await voice.hear(en['service.title']);
    await voice.press('F3');
    await voice.hear(translate('en', 'a11y.blank.on'));
    const shot = await k.page.screenshot();
    expect(await k.page.getByTestId('blank').isVisible()).toBe(true);
    expect(await darkShare(shot)).toBeGreaterThan(0.999);
    await voice.press('F3');
    await voice.hear(translate('en', 'a11y.blank.off'));
    expect(await k.page.getByTestId('blank').count()).toBe(0);
    await voice.press('Escape');
    await voice.hear(en['attract.title']);
  });

  it('pulling the headset out in the middle of a session stops speech at once, and keys do not bring it back', async () => {
    await plugHeadset();
    await k.kiosk.sim('/reader/document', { mrz: anna });
    await voice.hear(en['holder.verified']);
    expect((await k.kiosk.sim('/audio/headset', { plugged: false })).status).toBe(200);
    expect((await poll(() => voice.accessibility(), (a) => !a.speech)).speech).toBe(false);
    // The traveller's name is not said to the room: moving in the session says nothing now (only the help key, asked
    // for, starts speech again).
    const before = (await voice.transcript()).length;
    await voice.press('ArrowDown');
    await voice.press('ArrowUp');
    await k.page.waitForTimeout(500);
    expect((await voice.transcript()).length).toBe(before);
  });
});

/** The share of a PNG's pixels that are black. */
async function darkShare(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (let i = 0; i < data.length; i += info.channels) if ((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0) < 30) dark += 1;
  return dark / (data.length / info.channels);
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInWithRegistration } from '../../electron/hotel/check-in.ts';
import type { HotelPms, PmsError, Reservation } from '../../electron/hotel/hotel-pms.ts';
import { defaultPmsSeed } from '../../electron/hotel/pms-seed.ts';
import { PmsSimulator } from '../../electron/hotel/pms-simulator.ts';
import { PoliceSimulator } from '../../electron/hotel/police-simulator.ts';
import { openRegistrationOutbox, type RegistrationOutbox } from '../../electron/hotel/registration-outbox.ts';
import { err, type Result } from '../../drivers/result.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { ManualClock } from '../support/clock.ts';
import { chineseRegistration, foreignRegistration } from './registration-fixtures.ts';

const now = Date.parse('2026-11-28T06:00:00Z');
let clock: ManualClock;
let police: PoliceSimulator;
let outbox: RegistrationOutbox;
let pms: PmsSimulator;

beforeEach(() => {
  clock = new ManualClock(now);
  police = new PoliceSimulator({ now: clock.now });
  const opened = openRegistrationOutbox({
    path: ':memory:', key: Buffer.alloc(32, 1), police, clock, logger: silentLogger(),
    alerts: { overseasMs: 7_200_000, mainlandMs: 1_800_000 },
  });
  if (!opened.ok) throw new Error(opened.error.message);
  outbox = opened.value;
  pms = new PmsSimulator(defaultPmsSeed(), clock.now);
});

afterEach(async () => {
  await outbox.close();
});

/** A PMS whose checkIn the test scripts; everything else is the simulator. */
function scriptedPms(checkIn: () => Promise<Result<Reservation, PmsError>>, getReservation?: () => Promise<Result<Reservation, PmsError>>): HotelPms {
  return {
    searchReservations: (q) => pms.searchReservations(q),
    getReservation: getReservation ?? ((id) => pms.getReservation(id)),
    availableRooms: (id) => pms.availableRooms(id),
    assignRoom: (id, room) => pms.assignRoom(id, room),
    checkIn,
    createRoomKeys: (id, r) => pms.createRoomKeys(id, r),
  };
}

describe('checkInWithRegistration', () => {
  it('stores every guest registration before the PMS check-in', async () => {
    let queuedAtCheckIn: boolean[] = [];
    const spy = scriptedPms(async () => {
      queuedAtCheckIn = [outbox.has('reg-1'), outbox.has('reg-2')];
      return pms.checkIn('R1002');
    });
    const r = await checkInWithRegistration({ pms: spy, outbox }, { reservationId: 'R1002', registrations: [foreignRegistration('reg-1'), chineseRegistration('reg-2')] });
    expect(r).toMatchObject({ ok: true, value: { status: 'checked-in' } });
    expect(queuedAtCheckIn).toEqual([true, true]);
  });

  it('calls nothing and stores nothing when a registration is invalid', async () => {
    let called = false;
    const spy = scriptedPms(async () => { called = true; return pms.checkIn('R1002'); });
    const bad = { ...chineseRegistration('reg-2'), guest: { ...chineseRegistration().guest, nationality: 'china' } };
    const r = await checkInWithRegistration({ pms: spy, outbox }, { reservationId: 'R1002', registrations: [foreignRegistration('reg-1'), bad] });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-registration', registrationId: 'reg-2' } });
    expect(called).toBe(false);
    expect(outbox.has('reg-1')).toBe(false);
  });

  it('withdraws the registrations when the PMS refuses the check-in', async () => {
    const r = await checkInWithRegistration({ pms, outbox }, { reservationId: 'R1001', registrations: [foreignRegistration('reg-1')] });
    expect(r).toMatchObject({ ok: false, error: { code: 'pms-refused', error: { code: 'no-room-assigned' }, kept: [] } });
    expect(outbox.has('reg-1')).toBe(false);
  });

  it('treats a timed-out check-in that did happen as a success', async () => {
    const spy = scriptedPms(async () => {
      await pms.checkIn('R1002');
      return err({ code: 'timeout', message: 'no answer' });
    });
    const r = await checkInWithRegistration({ pms: spy, outbox }, { reservationId: 'R1002', registrations: [foreignRegistration('reg-1')] });
    expect(r).toMatchObject({ ok: true, value: { status: 'checked-in' } });
    expect(outbox.has('reg-1')).toBe(true);
  });

  it('withdraws after a timed-out check-in that the PMS shows did not happen', async () => {
    const spy = scriptedPms(async () => err({ code: 'timeout', message: 'no answer' }));
    const r = await checkInWithRegistration({ pms: spy, outbox }, { reservationId: 'R1002', registrations: [foreignRegistration('reg-1')] });
    expect(r).toMatchObject({ ok: false, error: { code: 'pms-refused', error: { code: 'timeout' } } });
    expect(outbox.has('reg-1')).toBe(false);
  });

  it('keeps the registrations when the outcome cannot be known', async () => {
    const down = async () => err({ code: 'unreachable' as const, message: 'down' });
    const r = await checkInWithRegistration({ pms: scriptedPms(down, down), outbox }, { reservationId: 'R1002', registrations: [foreignRegistration('reg-1')] });
    expect(r).toMatchObject({ ok: false, error: { code: 'check-in-unknown' } });
    expect(outbox.has('reg-1')).toBe(true);
  });

  it('keeps a registration already handed to the police when the check-in is then refused', async () => {
    outbox.start();
    const spy = scriptedPms(async () => {
      await clock.run(0, () => outbox.idle());
      return err({ code: 'room-not-available', message: 'dirty' });
    });
    const r = await checkInWithRegistration({ pms: spy, outbox }, { reservationId: 'R1002', registrations: [foreignRegistration('reg-1')] });
    expect(r).toMatchObject({ ok: false, error: { code: 'pms-refused', kept: ['reg-1'] } });
    expect(police.deliveriesOf('reg-1')).toBe(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedPrinter } from '../../../drivers/printer/simulated-printer.ts';
import { defaultPmsSeed } from '../../../electron/hotel/pms-seed.ts';
import { PmsSimulator } from '../../../electron/hotel/pms-simulator.ts';
import { PoliceSimulator } from '../../../electron/hotel/police-simulator.ts';
import { openRegistrationOutbox, type RegistrationOutbox } from '../../../electron/hotel/registration-outbox.ts';
import { SimulatedKeyEncoder } from '../../../electron/hotel/simulated-key-encoder.ts';
import { SimulatedPaymentTerminal } from '../../../electron/hotel/simulated-payment-terminal.ts';
import { createHotelCallRunner, type HotelRunnerDeps } from '../../../electron/session/hotel/hotel-runner.ts';
import type { HotelCall } from '../../../electron/session/hotel/hotel-calls.ts';
import { buildRegistration } from '../../../electron/session/hotel/registration-record.ts';
import { ManualClock } from '../../support/clock.ts';
import { fakeDocument } from '../../support/documents.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const open: RegistrationOutbox[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

function setup(overrides: Partial<HotelRunnerDeps> = {}) {
  const clock = new ManualClock(Date.parse('2026-11-28T14:00:00Z'));
  const pms = new PmsSimulator(defaultPmsSeed(), clock.now);
  const police = new PoliceSimulator({ now: clock.now });
  const opened = openRegistrationOutbox({
    path: ':memory:', key: new Uint8Array(32).fill(7), police, clock, logger: silent, alerts: { overseasMs: 3_600_000, mainlandMs: 600_000 },
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const outbox = opened.value;
  open.push(outbox);
  const keyEncoder = new SimulatedKeyEncoder({ cardStock: 10 });
  const payment = new SimulatedPaymentTerminal({ timeoutMs: 1_000, clock: { setTimeout: (fn) => setTimeout(fn, 0), clearTimeout: () => {} } });
  const printer = new SimulatedPrinter({ now: clock.now });
  const deps = { pms, outbox, keyEncoder, payment, printer, encoderId: 'ENC1', timeZone: 'Asia/Shanghai', logger: silent, ...overrides };
  const run = createHotelCallRunner(deps);
  /** The result of the reply (the reply always has the call's own type). */
  const call = async (c: HotelCall, signal = new AbortController().signal) => {
    const reply = await run(c, signal);
    expect(reply.type).toBe(c.type);
    return reply.result as { ok: boolean; value?: any; error?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return { clock, pms, police, outbox, keyEncoder, payment, printer, call };
}

const anna = fakeDocument({ expiryDate: '2032-04-15' });

/** R1004 (ERIKSSON) as the flow would register her, in the given room. */
async function registrationFor(s: ReturnType<typeof setup>, reservationId = 'R1004', room = '1203') {
  const r = await s.pms.getReservation(reservationId);
  if (!r.ok) throw new Error(r.error.message);
  const built = buildRegistration({
    registrationId: `K-${reservationId}-1`, kioskId: 'KIOSK-1', reservation: r.value, roomNumber: room, arrivalAt: s.clock.now(),
    document: anna, profile: r.value.guests[0] ?? null, verification: { method: 'document-only', faceConsent: null, faceMatch: null },
  });
  if (!built.ok) throw new Error(built.error.missing.join());
  return built.value;
}

describe('hotel call runner', () => {
  it('finds reservations by document, and answers an empty list for an unknown one', async () => {
    const s = setup();
    const found = await s.call({ type: 'findReservations', query: { by: 'document', documentNumber: 'L898902C3' } });
    expect(found.ok).toBe(true);
    expect(found.value.map((r: { reservationId: string }) => r.reservationId)).toEqual(['R1004']);
    expect(await s.call({ type: 'findReservations', query: { by: 'confirmation', confirmationNumber: 'NOPE' } })).toEqual({ ok: true, value: [] });
  });

  it('writes the registration to the outbox before the PMS check-in, and the worker delivers it', async () => {
    const s = setup();
    const assigned = await s.call({ type: 'assignRoom', reservationId: 'R1004', roomNumber: null });
    expect(assigned.ok).toBe(true);
    const registration = await registrationFor(s, 'R1004', assigned.value.roomNumber);
    const checkedIn = await s.call({ type: 'checkIn', reservationId: 'R1004', registrations: [registration] });
    expect(checkedIn).toMatchObject({ ok: true, value: { status: 'checked-in' } });
    expect(s.outbox.has(registration.registrationId)).toBe(true);
    s.outbox.start();
    await s.clock.run(1_000, () => s.outbox.idle());
    expect(s.police.deliveriesOf(registration.registrationId)).toBe(1);
    expect(s.outbox.stats().pending).toBe(0);
  });

  it('keeps the registration queued while the police system is down, and the check-in still completes', async () => {
    const s = setup();
    s.police.setFaults({ down: true });
    s.outbox.start();
    await s.call({ type: 'assignRoom', reservationId: 'R1004', roomNumber: null });
    const registration = await registrationFor(s);
    expect((await s.call({ type: 'checkIn', reservationId: 'R1004', registrations: [registration] })).ok).toBe(true);
    await s.outbox.idle();
    expect(s.outbox.stats().pending).toBe(1);
    s.police.setFaults({ down: false });
    await s.clock.run(10 * 60_000, () => s.outbox.idle());
    expect(s.outbox.stats().pending).toBe(0);
    expect(s.police.deliveriesOf(registration.registrationId)).toBe(1);
  });

  it('withdraws the registration when the PMS refuses the check-in', async () => {
    const s = setup();
    const registration = await registrationFor(s, 'R1007'); // arrives tomorrow
    const refused = await s.call({ type: 'checkIn', reservationId: 'R1007', registrations: [registration] });
    expect(refused).toEqual({ ok: false, error: { code: 'not-due-in' } });
    expect(s.outbox.has(registration.registrationId)).toBe(false);
  });

  it('says when the check-in outcome is unknown, and keeps the registration queued', async () => {
    const registration = await registrationFor(setup());
    // A PMS that never answers the check-in, nor the read that would tell whether it happened.
    const down = setup({
      pms: {
        checkIn: async () => ({ ok: false, error: { code: 'timeout', message: 'no answer' } }),
        getReservation: async () => ({ ok: false, error: { code: 'unreachable', message: 'down' } }),
      } as never,
    });
    const answer = await down.call({ type: 'checkIn', reservationId: 'R1004', registrations: [registration] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'check-in-unknown' } });
    expect(down.outbox.has(registration.registrationId)).toBe(true);
  });

  it('pre-authorises the deposit, tells a decline and a timeout apart, and releases a hold', async () => {
    const s = setup();
    const approved = await s.call({ type: 'preauthorize', reference: '80000004', amountMinor: 60000, currency: 'CNY' });
    expect(approved.ok).toBe(true);
    expect(s.payment.state().holds).toBe(1);
    expect(await s.call({ type: 'releaseDeposit', authorisation: approved.value.authorisation })).toEqual({ ok: true, value: null });
    expect(s.payment.state().holds).toBe(0);
    s.payment.declineNext();
    expect(await s.call({ type: 'preauthorize', reference: 'x', amountMinor: 1, currency: 'CNY' })).toMatchObject({ ok: false, error: { code: 'declined' } });
    s.payment.timeoutNext();
    expect(await s.call({ type: 'preauthorize', reference: 'x', amountMinor: 1, currency: 'CNY' })).toMatchObject({ ok: false, error: { code: 'timeout' } });
    s.payment.setConnected(false);
    expect(await s.call({ type: 'preauthorize', reference: 'x', amountMinor: 1, currency: 'CNY' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('gives back a hold approved after the session ended', async () => {
    const s = setup();
    const controller = new AbortController();
    const pending = s.call({ type: 'preauthorize', reference: 'x', amountMinor: 100, currency: 'CNY' }, controller.signal);
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'aborted' } });
    expect(s.payment.state().holds).toBe(0);
  });

  it('encodes key cards with the PMS key data, and reports an empty stock without asking the PMS for keys', async () => {
    const s = setup();
    await s.call({ type: 'assignRoom', reservationId: 'R1004', roomNumber: null });
    await s.call({ type: 'checkIn', reservationId: 'R1004', registrations: [await registrationFor(s)] });
    expect(await s.call({ type: 'encodeKeys', reservationId: 'R1004', count: 2 })).toEqual({ ok: true, value: { count: 2 } });
    expect(s.keyEncoder.state()).toMatchObject({ cardsEncoded: 2, lastRoom: expect.any(String) });
    const issued = s.pms.stats().keysIssued;
    s.keyEncoder.empty();
    expect(await s.call({ type: 'encodeKeys', reservationId: 'R1004', count: 1 })).toMatchObject({ ok: false, error: { code: 'stockEmpty' } });
    expect(s.pms.stats().keysIssued).toBe(issued);
    s.keyEncoder.refill(1);
    expect(await s.call({ type: 'encodeKeys', reservationId: 'R1004', count: 2 })).toEqual({ ok: false, error: { code: 'stockEmpty', issued: 1 } });
  });

  it('refuses keys for a reservation that is not checked in', async () => {
    const s = setup();
    expect(await s.call({ type: 'encodeKeys', reservationId: 'R1004', count: 1 })).toMatchObject({ ok: false, error: { code: 'not-checked-in' } });
  });

  it('prints the registration slip with Chinese text, and reports paper out', async () => {
    const s = setup();
    await s.printer.start();
    const slip = {
      hotelId: 'SIM01', confirmationNumber: '80000006', roomNumber: '1501', arrival: '2026-11-28T06:30:00.000Z', departureDate: '2026-11-30',
      guests: [{ name: 'CESHI YANGBEN', nameChinese: '测试样本', documentRef: 'G*****599', registrationId: null }], keys: 1, deposit: null,
    };
    expect(await s.call({ type: 'printSlip', slip })).toEqual({ ok: true, value: null });
    const text = JSON.stringify(s.printer.printed().at(-1)?.document);
    expect(text).toContain('入住登记单');
    expect(text).toContain('测试样本 CESHI YANGBEN');
    expect(text).toContain('房号 Room: 1501');
    s.printer.paperOut();
    expect(await s.call({ type: 'printSlip', slip })).toMatchObject({ ok: false, error: { code: 'MEDIA_EMPTY' } });
  });

  it('answers the face check as unavailable when no matcher is configured, and passes a matcher through', async () => {
    expect(await setup().call({ type: 'faceMatch', document: anna, image: null })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const images: (Uint8Array | null)[] = [];
    const s = setup({
      faceMatch: async (_doc: unknown, image: Uint8Array | null) => {
        images.push(image);
        return { ok: true, value: { match: false } };
      },
    });
    expect(await s.call({ type: 'faceMatch', document: anna, image: Buffer.from([0xff, 0xd8, 0xff]).toString('base64') })).toEqual({ ok: true, value: { match: false } });
    expect(images).toEqual([Buffer.from([0xff, 0xd8, 0xff])]);
  });

  it('does nothing for a call made after the session ended, and never rejects', async () => {
    const s = setup();
    const controller = new AbortController();
    controller.abort();
    expect(await s.call({ type: 'assignRoom', reservationId: 'R1004', roomNumber: null }, controller.signal)).toMatchObject({ ok: false, error: { code: 'aborted' } });
    expect(await s.pms.getReservation('R1004')).toMatchObject({ ok: true, value: { roomNumber: null } });
    const broken = setup({ pms: { ...s.pms, searchReservations: () => { throw new Error('bug'); } } as never });
    expect(await broken.call({ type: 'findReservations', query: { by: 'confirmation', confirmationNumber: '1' } })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('prints on the slip what the outbox knows of each registration: queued while the police system is down, acknowledged once it answered', async () => {
    const s = setup();
    await s.printer.start();
    s.police.setFaults({ down: true });
    s.outbox.start();
    const assigned = await s.call({ type: 'assignRoom', reservationId: 'R1004', roomNumber: null });
    const registration = await registrationFor(s, 'R1004', assigned.value.roomNumber);
    expect(await s.call({ type: 'checkIn', reservationId: 'R1004', registrations: [registration] })).toMatchObject({ ok: true });
    await s.clock.run(1_000, () => s.outbox.idle());
    const slip = {
      hotelId: 'SIM01', confirmationNumber: '80000004', roomNumber: assigned.value.roomNumber, arrival: new Date(s.clock.now()).toISOString(), departureDate: '2026-11-30',
      guests: [{ name: 'ERIKSSON ANNA MARIA', nameChinese: null, documentRef: 'L*****2C3', registrationId: registration.registrationId }], keys: 1, deposit: null,
    };
    const lines = () => JSON.stringify(s.printer.printed().at(-1)?.document);
    expect(await s.call({ type: 'printSlip', slip })).toEqual({ ok: true, value: null });
    expect(s.outbox.deliveryState(registration.registrationId)).toBe('retrying');
    expect(lines()).toContain('Police registration: queued');
    expect(lines()).not.toContain('acknowledged');
    s.police.setFaults({ down: false });
    await s.clock.run(10 * 60_000, () => s.outbox.idle());
    expect(await s.call({ type: 'printSlip', slip })).toEqual({ ok: true, value: null });
    expect(lines()).toContain('Police registration: sent and acknowledged by the police system');
  });
});

import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import { parseConfig } from '../../electron/host/config.ts';
import type { FlowBuildDeps, FlowServices } from '../../electron/host/flow-services.ts';
import { buildHotel, developmentOutboxKey, hotelConfigSchema, type HotelTransaction } from '../../electron/host/hotel-services.ts';
import type { HotelCall } from '../../electron/session/hotel/hotel-calls.ts';
import { buildPrinters } from '../../electron/host/printers.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { systemClock } from '../../drivers/clock.ts';
import { buildRegistration } from '../../electron/session/hotel/registration-record.ts';
import { fakeDocument } from '../support/documents.ts';

const built: FlowServices[] = [];
afterEach(async () => {
  await Promise.all(built.splice(0).map((b) => b.close()));
});

async function build(input: unknown = {}, dataDir = mkdtempSync(join(tmpdir(), 'passage-hotel-host-')), extra: Partial<FlowBuildDeps> = {}) {
  const printers = buildPrinters(parseConfig({}).printers, { clock: systemClock });
  await printers.receipt.start();
  const staffAlerts: string[] = [];
  const services = await buildHotel(hotelConfigSchema.parse(input), {
    mode: 'simulated',
    logger: silentLogger(),
    clock: systemClock,
    dataDir,
    printers,
    staffAlert: (detail) => staffAlerts.push(detail),
    ...extra,
  });
  if (!services) throw new Error('no hotel services');
  built.push(services);
  return { services, dataDir, printers, staffAlerts };
}

function route(routes: readonly SimRoute[], method: 'GET' | 'POST', path: string): SimRoute {
  const found = routes.find((r) => r.method === method && r.path === path);
  if (!found) throw new Error(`no route ${method} ${path}`);
  return found;
}

describe('hotel configuration', () => {
  it('defaults to simulated ports, no face check and verification required', () => {
    const config = hotelConfigSchema.parse(undefined);
    expect(config.flow).toEqual({ requireVerification: true, faceCheck: false, maxKeys: 4 });
    expect(config.pms.mode).toBe('simulated');
    expect(parseConfig({ hotel: { flow: { faceCheck: true } } }).hotel.flow.faceCheck).toBe(true);
  });

  it('rejects unknown keys and keeps the back-end rules', () => {
    expect(() => parseConfig({ hotel: { flow: { faceChek: true } } })).toThrow(/hotel\.flow\.faceChek/);
    expect(() => parseConfig({ hotel: { police: { mode: 'real' } } })).toThrow(/hotel\.police\.baseUrl/);
    expect(() => parseConfig({ hotel: { flow: { maxKeys: 5 } } })).toThrow(/hotel\.flow\.maxKeys/);
  });
});

/** The result a hotel call's reply carries. */
async function result(services: HotelTransaction, call: HotelCall, signal: AbortSignal) {
  return (await services.run(call, signal)).result;
}

describe('buildHotel (simulated)', () => {
  it('builds the flow, its runner, the key encoder and payment terminal for staff, and the control routes', async () => {
    const { services } = await build();
    expect(services.devices.map((d) => d.kind)).toEqual(['keyEncoder', 'payment']);
    expect(services.devices.every((d) => d.source.status().state === 'available')).toBe(true);
    const step = services.binding.start({ document: fakeDocument(), verification: 'verified' }, Date.now());
    if (step.type !== 'continue') throw new Error('the flow exited at once');
    expect(step.flow.view()).toEqual({ name: 'hotel', view: { step: 'finding' } });
    const effect = step.effects[0];
    if (effect?.type !== 'call') throw new Error('expected a call');
    const token = await effect.perform(new AbortController().signal);
    const found = step.flow.step({ type: 'reply', token }, Date.now());
    expect(found.type === 'continue' && found.flow.view()).toMatchObject({ name: 'hotel', view: { step: 'reservation', reservation: { confirmationNumber: '80000004' } } });
  });

  it('keeps the outbox in the data directory under a development key made once and readable by the owner only', async () => {
    const { dataDir, services } = await build();
    const keyFile = join(dataDir, 'hotel-outbox.dev-key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'hotel-outbox.db')).isFile()).toBe(true);
    const key = readFileSync(keyFile, 'utf8').trim();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    await services.close();
    built.length = 0;
    // The second start opens the same outbox (a different key would be refused as wrong-key).
    await build({}, dataDir);
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(key);
    expect(developmentOutboxKey(dataDir, silentLogger())).toBe(key);
  });

  it('uses the configured key instead of making one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'passage-hotel-host-'));
    await build({ outbox: { key: 'ab'.repeat(32) } }, dataDir);
    expect(() => statSync(join(dataDir, 'hotel-outbox.dev-key'))).toThrow();
  });

  it('lets the control API take police reporting down, show the outbox, empty the key stock and script the face answer', async () => {
    const { services } = await build({ flow: { faceCheck: true } });
    const routes = services.simRoutes;
    expect(await route(routes, 'POST', '/hotel/police/faults').handle({ down: true })).toMatchObject({ down: true });
    expect(await route(routes, 'GET', '/hotel/police').handle(undefined)).toMatchObject({ faults: { down: true } });
    expect(await route(routes, 'GET', '/hotel/outbox').handle(undefined)).toEqual({ stats: { pending: 0, rejected: 0, unreadable: 0, overdue: 0 }, attention: [] });
    await route(routes, 'POST', '/hotel/key-encoder/empty').handle(undefined);
    expect(services.devices[0]?.source.status()).toMatchObject({ state: 'unavailable', code: 'MEDIA_EMPTY' });
    await route(routes, 'POST', '/hotel/key-encoder/refill').handle({ cards: 3 });
    expect(services.devices[0]?.source.status().state).toBe('available');
    await route(routes, 'POST', '/hotel/face').handle({ result: 'noMatch' });
    const face = await result(services, { type: 'faceMatch', document: fakeDocument(), image: null }, new AbortController().signal);
    expect(face).toEqual({ ok: true, value: { match: false } });
    await route(routes, 'POST', '/hotel/face').handle({ result: 'unavailable' });
    expect(await result(services, { type: 'faceMatch', document: fakeDocument(), image: null }, new AbortController().signal)).toMatchObject({ ok: false });
    await route(routes, 'POST', '/hotel/payment/decline-next').handle({});
    expect(await route(routes, 'GET', '/hotel/payment').handle(undefined)).toMatchObject({ scripted: 1 });
    expect(await route(routes, 'GET', '/hotel/pms').handle(undefined)).toMatchObject({ checkedIn: 0 });
  });

  it('compares the live capture on the identity platform when the host has one, and never without an image', async () => {
    const compared: Uint8Array[] = [];
    const { services } = await build({ flow: { faceCheck: true } }, undefined, {
      compareFace: async (_doc, image) => {
        compared.push(image);
        return { ok: true, value: { match: true } };
      },
    });
    const signal = new AbortController().signal;
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0]);
    expect(await result(services, { type: 'faceMatch', document: fakeDocument(), image: jpeg.toString('base64') }, signal)).toEqual({ ok: true, value: { match: true } });
    expect(compared).toEqual([jpeg]);
    expect(await result(services, { type: 'faceMatch', document: fakeDocument(), image: null }, signal)).toMatchObject({ ok: false });
    expect(compared).toHaveLength(1);
  });

  it('reports a device status change to the staff device list', async () => {
    const { services } = await build();
    const seen: unknown[] = [];
    const unsubscribe = services.devices[0]!.source.subscribe((event) => seen.push(event));
    await route(services.simRoutes, 'POST', '/hotel/key-encoder/empty').handle(undefined);
    unsubscribe();
    expect(seen).toContainEqual({ type: 'status', status: expect.objectContaining({ code: 'MEDIA_EMPTY' }) });
  });
});

describe('buildHotel: registrations staff must act on', () => {
  it('raises a registration the police system rejects to staff, masked, through the outbox', async () => {
    const { services, staffAlerts } = await build();
    const signal = new AbortController().signal;
    const routes = services.simRoutes;
    await route(routes, 'POST', '/hotel/police/reject-next').handle({ code: 'bad-visa', reason: 'visa details missing' });
    const assigned = await result(services, { type: 'assignRoom', reservationId: 'R1004', roomNumber: null }, signal);
    if (!assigned.ok || assigned.value === null || !('reservationId' in assigned.value)) throw new Error('room not assigned');
    const built = buildRegistration({
      registrationId: 'KIOSK-1-R1004-1-1', kioskId: 'KIOSK-1', reservation: assigned.value, roomNumber: assigned.value.roomNumber ?? '', arrivalAt: Date.now(),
      document: fakeDocument({ expiryDate: '2034-04-15' }), profile: assigned.value.guests[0] ?? null,
      verification: { method: 'document-only', faceConsent: null, faceMatch: null },
    });
    if (!built.ok) throw new Error(built.error.missing.join());
    expect(await result(services, { type: 'checkIn', reservationId: 'R1004', registrations: [built.value] }, signal)).toMatchObject({ ok: true });
    const outbox = route(routes, 'GET', '/hotel/outbox');
    let seen: { stats: { rejected: number }; attention: { reason: string; rejection: unknown; summary: { guestName: string; documentRef: string } }[] } | undefined;
    for (let i = 0; i < 100 && !seen?.stats.rejected; i++) {
      seen = (await outbox.handle(undefined)) as typeof seen;
      if (!seen?.stats.rejected) await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen?.stats.rejected).toBe(1);
    expect(seen?.attention[0]).toMatchObject({ reason: 'rejected', rejection: { code: 'bad-visa' }, summary: { guestName: 'E******* A*** M****', documentRef: 'L*****2C3' } });
    expect(JSON.stringify(seen)).not.toContain('L898902C3');
    // ... and to the maintenance screen's alerts, masked the same way.
    expect(staffAlerts).toEqual([expect.stringContaining('police registration rejected (bad-visa)')]);
    expect(staffAlerts[0]).toContain('L*****2C3');
    expect(staffAlerts.join()).not.toMatch(/L898902C3|ERIKSSON/);
  });
});

describe('buildHotel: slow back-ends on demand', () => {
  it('delays every call by the latency set through the control API, and stops waiting when the session ends', async () => {
    const { services } = await build();
    await route(services.simRoutes, 'POST', '/hotel/latency').handle({ ms: 10_000 });
    const controller = new AbortController();
    const pending = services.run({ type: 'assignRoom', reservationId: 'R1004', roomNumber: null }, controller.signal).then((r) => r.result);
    let settled = false;
    void pending.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(settled).toBe(false);
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'aborted' } });
    await route(services.simRoutes, 'POST', '/hotel/latency').handle({ ms: 0 });
    expect(await result(services, { type: 'assignRoom', reservationId: 'R1004', roomNumber: null }, new AbortController().signal)).toMatchObject({ ok: true });
  });
});

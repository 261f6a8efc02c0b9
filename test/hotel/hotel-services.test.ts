import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import { checkInWithRegistration } from '../../electron/hotel/check-in.ts';
import { hotelConfigSchema, type HotelConfigInput } from '../../electron/hotel/hotel-config.ts';
import { createHotelServices, type HotelServices } from '../../electron/hotel/hotel-services.ts';
import { hotelSimulatorOptions, startHotelSimulators, type HotelSimulators } from '../../electron/hotel/hotel-simulators.ts';
import { keyRequestFromGrant } from '../../electron/hotel/key-encoder.ts';
import { hotelSimRoutes as kioskHotelSimRoutes } from '../../electron/host/hotel-services.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { ManualClock } from '../support/clock.ts';
import { foreignRegistration } from './registration-fixtures.ts';

const now = Date.parse('2026-11-28T06:00:00Z');
let clock: ManualClock;
let simulators: HotelSimulators;
let services: HotelServices | null;
let dir: string;

/** The hotel control routes exactly as the kiosk mounts them under /sim/. */
const hotelSimRoutes = (sims: HotelSimulators, s: Pick<HotelServices, 'outbox'>) => kioskHotelSimRoutes(sims, s, { setFace: () => undefined, setLatency: () => undefined });

async function route(routes: SimRoute[], method: 'GET' | 'POST', path: string, body: unknown = {}): Promise<unknown> {
  const r = routes.find((x) => x.method === method && x.path === path);
  if (!r) throw new Error(`no route ${method} ${path}`);
  const parsed = r.body ? r.body.parse(body) : body;
  return r.handle(parsed);
}

function build(input: HotelConfigInput = {}): HotelServices {
  const r = createHotelServices(hotelConfigSchema.parse(input), { logger: silentLogger(), clock, simulators, dataDir: dir });
  if (!r.ok) throw new Error(r.error.message);
  services = r.value;
  return r.value;
}

async function settle(ms = 0): Promise<void> {
  await clock.run(ms, () => services!.outbox.idle());
}

beforeEach(async () => {
  clock = new ManualClock(now);
  dir = mkdtempSync(join(tmpdir(), 'hotel-services-'));
  simulators = await startHotelSimulators({ now: clock.now, logger: silentLogger(), clock, ...hotelSimulatorOptions(hotelConfigSchema.parse({})) });
  services = null;
});

afterEach(async () => {
  await services?.close();
  await simulators.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('hotel services in simulated mode', () => {
  it('runs a whole self check-in through the HTTP adapters: find, assign, deposit, register, check in, keys', async () => {
    const s = build();
    const found = await s.pms.searchReservations({ by: 'document', documentNumber: 'L898902C3' });
    expect(found.ok && found.value.map((r) => r.confirmationNumber)).toEqual(['80000004']);
    const reservation = found.ok ? found.value[0]! : null;
    expect(await s.pms.assignRoom(reservation!.reservationId)).toMatchObject({ ok: true, value: { roomNumber: '1201' } });
    const hold = await s.payment.preAuthorize({ amountMinor: reservation!.deposit!.amountMinor, currency: 'CNY', reference: reservation!.confirmationNumber });
    expect(hold).toMatchObject({ outcome: 'approved', amountMinor: 60000 });

    const registration = foreignRegistration('reg-e2e-1', { reservation: { confirmationNumber: '80000004', roomNumber: '1201', arrival: new Date(now).toISOString(), plannedDeparture: reservation!.departureDate } });
    const checkedIn = await checkInWithRegistration(s, { reservationId: reservation!.reservationId, registrations: [registration] });
    expect(checkedIn).toMatchObject({ ok: true, value: { status: 'checked-in', roomNumber: '1201' } });

    const grant = await s.pms.createRoomKeys(reservation!.reservationId, { noOfKeys: s.keys.defaultKeys, encoderId: s.keys.encoderId });
    expect(grant.ok).toBe(true);
    const cards = await s.keyEncoder.encode(keyRequestFromGrant(grant.ok ? grant.value : (null as never)));
    expect(cards).toMatchObject({ ok: true, cards: [{ roomNumber: '1201', validUntil: '2026-11-30T12:00:00+08:00' }, { roomNumber: '1201' }] });

    await settle();
    expect(simulators.sims.police.deliveriesOf('reg-e2e-1')).toBe(1);
    expect(s.outbox.stats().pending).toBe(0);
  });

  it('keeps registrations while the police are down, alerts staff, and delivers once they are up', async () => {
    const s = build({ outbox: { alertAfterMinutes: { overseas: 60 }, retry: { initialDelayMs: 1000, maxDelayMs: 60_000 } } });
    const routes = hotelSimRoutes(simulators, s);
    await route(routes, 'POST', '/hotel/police/faults', { down: true });
    expect(s.outbox.enqueue(foreignRegistration('reg-down')).ok).toBe(true);
    await settle();
    await settle(60 * 60_000);
    expect(s.outbox.attention()).toMatchObject([{ id: 'reg-down', reason: 'overdue' }]);
    expect(await route(routes, 'GET', '/hotel/outbox')).toMatchObject({ stats: { pending: 1, overdue: 1 } });
    expect(await route(routes, 'GET', '/hotel/police')).toMatchObject({ distinctAccepted: 0 });
    await route(routes, 'POST', '/hotel/police/faults', { down: false });
    await settle(60_000);
    expect(await route(routes, 'GET', '/hotel/outbox')).toMatchObject({ stats: { pending: 0, overdue: 0 } });
    expect(await route(routes, 'GET', '/hotel/police')).toMatchObject({ distinctAccepted: 1, duplicates: 0 });
  });

  it('surfaces a police rejection to staff through the control API scenario', async () => {
    const s = build();
    const routes = hotelSimRoutes(simulators, s);
    await route(routes, 'POST', '/hotel/police/reject-next', { code: 'visa-invalid', reason: 'visa not found' });
    s.outbox.enqueue(foreignRegistration('reg-rej'));
    await settle();
    expect(s.outbox.attention()).toMatchObject([{ id: 'reg-rej', reason: 'rejected', rejection: { code: 'visa-invalid', reason: 'visa not found' }, summary: { documentRef: 'L*****2C3' } }]);
    expect(await route(routes, 'GET', '/hotel/police')).toMatchObject({ rejected: 1 });
    expect(await route(routes, 'GET', '/hotel/outbox')).toMatchObject({ stats: { rejected: 1 } });
  });

  it('drives key stock and payment faults through the control API', async () => {
    const s = build();
    const routes = hotelSimRoutes(simulators, s);
    await route(routes, 'POST', '/hotel/key-encoder/empty');
    expect(s.keyEncoder.status()).toMatchObject({ state: 'unavailable', code: 'MEDIA_EMPTY' });
    await route(routes, 'POST', '/hotel/key-encoder/refill', { cards: 5 });
    expect(s.keyEncoder.status()).toEqual({ state: 'available' });
    await route(routes, 'POST', '/hotel/payment/decline-next', { reason: 'card expired' });
    expect(await s.payment.preAuthorize({ amountMinor: 100, currency: 'CNY', reference: 'x' })).toEqual({ outcome: 'declined', reason: 'card expired' });
    await route(routes, 'POST', '/hotel/police/faults', { latencyMs: 5, errorRate: 0.5 });
    expect(await route(routes, 'GET', '/hotel/police')).toMatchObject({ faults: { latencyMs: 5, errorRate: 0.5, down: false } });
    expect(await route(routes, 'GET', '/hotel/key-encoder')).toMatchObject({ stock: 5 });
    expect(await route(routes, 'GET', '/hotel/payment')).toMatchObject({ declined: 1 });
  });

  it('returns no personal data from any state route', async () => {
    const s = build();
    const routes = hotelSimRoutes(simulators, s);
    s.outbox.enqueue(foreignRegistration('reg-s'));
    await settle();
    const reads = routes.filter((r) => r.method === 'GET');
    expect(reads.map((r) => r.path)).toContain('/hotel/outbox');
    for (const read of reads) {
      const text = JSON.stringify(await route(routes, 'GET', read.path));
      for (const secret of ['ERIKSSON', 'L898902C3']) expect(text, read.path).not.toContain(secret);
    }
  });

  it('validates control bodies', () => {
    const routes = hotelSimRoutes(simulators, build());
    const faults = routes.find((r) => r.path === '/hotel/police/faults');
    expect(faults?.body?.safeParse({ errorRate: 2 }).success).toBe(false);
    expect(faults?.body?.safeParse({ down: 'yes' }).success).toBe(false);
    expect(routes.every((r) => r.path.startsWith('/hotel/'))).toBe(true);
  });

  it('puts the outbox in the data directory when a key is configured, and reopens it', async () => {
    const key = 'cd'.repeat(32);
    const s = build({ outbox: { key } });
    expect(s.outboxPath).toBe(join(dir, 'hotel-outbox.db'));
    await route(hotelSimRoutes(simulators, s), 'POST', '/hotel/police/faults', { down: true });
    s.outbox.enqueue(foreignRegistration('reg-file'));
    await s.close();
    const again = build({ outbox: { key } });
    expect(again.outbox.has('reg-file')).toBe(true);
  });

  it('refuses to open the outbox file with another key', async () => {
    const s = build({ outbox: { key: 'cd'.repeat(32) } });
    await s.close();
    services = null;
    const r = createHotelServices(hotelConfigSchema.parse({ outbox: { key: 'ef'.repeat(32) } }), { logger: silentLogger(), clock, simulators, dataDir: dir });
    expect(!r.ok && r.error.code).toBe('wrong-key');
  });

  it('needs the simulators for simulated ports, and a durable outbox for real police', () => {
    const missing = createHotelServices(hotelConfigSchema.parse({}), { logger: silentLogger(), clock });
    expect(!missing.ok && missing.error.code).toBe('simulators-missing');
    const volatile = createHotelServices(
      hotelConfigSchema.parse({ police: { mode: 'real', baseUrl: 'https://psb.example' }, outbox: { key: 'ab'.repeat(32) } }),
      { logger: silentLogger(), clock, simulators },
    );
    expect(!volatile.ok && volatile.error.code).toBe('outbox-not-durable');
  });

  it('uses injected device adapters instead of the simulators', () => {
    const encoder = simulators.sims.keyEncoder;
    const r = createHotelServices(hotelConfigSchema.parse({}), { logger: silentLogger(), clock, simulators, keyEncoder: encoder, payment: simulators.sims.payment });
    expect(r.ok && r.value.keyEncoder).toBe(encoder);
    if (r.ok) services = r.value;
  });
});

describe('startHotelSimulators', () => {
  it('fails on a bad seed file and leaves nothing listening', async () => {
    await expect(startHotelSimulators({ now: () => now, logger: silentLogger(), seedFile: join(tmpdir(), 'no-such-seed.json') })).rejects.toThrow(/no-such-seed/);
  });
});

import { describe, expect, it } from 'vitest';
import { startJsonServer } from '../../electron/hotel/json-http.ts';
import { PmsHttp } from '../../electron/hotel/pms-http.ts';
import { defaultPmsSeed, loadPmsSeed, pmsSeedSchema } from '../../electron/hotel/pms-seed.ts';
import { PmsSimulator, startPmsServer } from '../../electron/hotel/pms-simulator.ts';
import { contractNow, describePmsContract } from './hotel-pms-contract.ts';

describePmsContract('simulator (direct)', async () => ({
  pms: new PmsSimulator(defaultPmsSeed(), () => contractNow),
  close: async () => {},
}));

describePmsContract('HTTP adapter against the simulator server', async () => {
  const server = await startPmsServer(new PmsSimulator(defaultPmsSeed(), () => contractNow));
  return { pms: new PmsHttp({ baseUrl: server.url, hotelId: 'SIM01', timeoutMs: 2000 }), close: () => server.close() };
});

describe('PmsHttp transport failures', () => {
  it('reports a closed port as unreachable', async () => {
    const server = await startJsonServer(() => ({ status: 200, body: {} }));
    await server.close();
    const pms = new PmsHttp({ baseUrl: server.url, hotelId: 'SIM01', timeoutMs: 2000 });
    expect(await pms.getReservation('R1001')).toMatchObject({ ok: false, error: { code: 'unreachable' } });
  });

  it('reports a PMS that does not answer in time as a timeout', async () => {
    const server = await startJsonServer(() => new Promise(() => {}));
    const pms = new PmsHttp({ baseUrl: server.url, hotelId: 'SIM01', timeoutMs: 50 });
    expect(await pms.checkIn('R1001')).toMatchObject({ ok: false, error: { code: 'timeout' } });
    await server.close();
  });

  it('reports a 500 as a server error and an answer of the wrong shape as a protocol error', async () => {
    let answer = { status: 500, body: { title: 'boom' } as unknown };
    const server = await startJsonServer(() => answer);
    const pms = new PmsHttp({ baseUrl: server.url, hotelId: 'SIM01', timeoutMs: 2000 });
    expect(await pms.getReservation('R1001')).toMatchObject({ ok: false, error: { code: 'server-error' } });
    answer = { status: 200, body: { reservationId: 'R1001' } };
    expect(await pms.getReservation('R1001')).toMatchObject({ ok: false, error: { code: 'protocol' } });
    answer = { status: 418, body: { title: 'teapot' } };
    expect(await pms.getReservation('R1001')).toMatchObject({ ok: false, error: { code: 'protocol' } });
    await server.close();
  });

  it('sends the OHIP headers', async () => {
    const seen: Record<string, unknown>[] = [];
    const server = await startJsonServer((req) => {
      seen.push(req.headers);
      return { status: 200, body: { reservations: [] } };
    });
    const pms = new PmsHttp({ baseUrl: server.url, hotelId: 'SIM01', timeoutMs: 2000, appKey: 'k-1', requestId: () => 'req-1' });
    await pms.searchReservations({ by: 'confirmation', confirmationNumber: '1' });
    expect(seen[0]).toMatchObject({ 'x-hotelid': 'SIM01', 'x-app-key': 'k-1', 'x-request-id': 'req-1', 'x-externalsystem': 'PASSAGE' });
    await server.close();
  });

  it('is refused by the simulator with another hotel ID', async () => {
    const server = await startPmsServer(new PmsSimulator(defaultPmsSeed(), () => contractNow));
    const pms = new PmsHttp({ baseUrl: server.url, hotelId: 'OTHER', timeoutMs: 2000 });
    expect(await pms.getReservation('R1001')).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    await server.close();
  });
});

describe('PmsSimulator', () => {
  it('reports when no ready room of the booked type is left', async () => {
    const seed = defaultPmsSeed();
    const second = new PmsSimulator({ ...seed, rooms: seed.rooms.map((r) => (r.roomType === 'FAMILY' ? { ...r, housekeeping: 'dirty' as const } : r)) }, () => contractNow);
    expect(await second.assignRoom('R1003')).toMatchObject({ ok: false, error: { code: 'room-not-available' } });
    expect(await second.availableRooms('R1003')).toEqual({ ok: true, value: [] });
  });

  it('counts check-ins and issued keys without personal data', async () => {
    const sim = new PmsSimulator(defaultPmsSeed(), () => contractNow);
    await sim.checkIn('R1002');
    await sim.createRoomKeys('R1002', { noOfKeys: 2, encoderId: 'E' });
    expect(sim.stats()).toEqual({ reservations: 8, checkedIn: 1, dueIn: 5, vacantCleanRooms: 8, keysIssued: 1 });
  });
});

describe('PMS seed', () => {
  it('places arrivals relative to the clock so the seed never goes stale', async () => {
    const later = Date.parse('2027-03-01T06:00:00Z');
    const sim = new PmsSimulator(defaultPmsSeed(), () => later);
    expect(await sim.getReservation('R1001')).toMatchObject({ ok: true, value: { arrivalDate: '2027-03-01', departureDate: '2027-03-02' } });
  });

  it('uses the hotel time zone for the business date', () => {
    // 17:00 UTC is already the next day at +08:00
    expect(new PmsSimulator(defaultPmsSeed(), () => Date.parse('2026-11-28T17:00:00Z')).businessDate()).toBe('2026-11-29');
  });

  it('refuses a seed whose reservation names a room of another type', () => {
    const seed = structuredClone(defaultPmsSeed()) as unknown as { reservations: { roomNumber: string | null }[] };
    seed.reservations[0]!.roomNumber = '1301';
    const r = pmsSeedSchema.safeParse(seed);
    expect(r.success).toBe(false);
    expect(!r.success && r.error.issues[0]?.path).toEqual(['reservations', 0, 'roomNumber']);
  });

  it('names the file when a seed file is unreadable', async () => {
    await expect(loadPmsSeed('/nonexistent/seed.json')).rejects.toThrow(/nonexistent\/seed.json/);
  });
});

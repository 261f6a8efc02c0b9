import { describe, expect, it } from 'vitest';
import { airportTimeZones, withDepartureTimeZones } from '../../electron/airline/airport-time-zone.ts';
import { boardingPassDocument } from '../../electron/airline/boarding-pass.ts';
import type { BookingView, BoardingPassData, SegmentView } from '../../electron/airline/dcs-wire.ts';
import { AirlineSimulator } from '../../electron/airline/sim/airline-simulator.ts';
import { loadAirlineSeed } from '../../electron/airline/sim/seed.ts';
import { isTimeZone, localDate, timeOfDay } from '../../electron/contract/local-time.ts';

/** One departure at `departure` from `from`, boarding 40 minutes before, in `zone` (undefined: the DCS gave none). */
function booking(from: string, departure: string, zone: string | undefined): { booking: BookingView; pass: BoardingPassData } {
  const segment: SegmentView = {
    id: 'S1', carrier: 'UT', flightNumber: '811', from, to: 'HKG', date: departure.slice(0, 10), departure,
    arrival: new Date(Date.parse(departure) + 4 * 3600_000).toISOString(),
    boardingTime: new Date(Date.parse(departure) - 40 * 60_000).toISOString(), gate: '7', status: 'scheduled',
    checkIn: { opensAt: '2026-01-01T00:00:00Z', closesAt: '2027-01-01T00:00:00Z', state: 'open' },
    ...(zone === undefined ? {} : { departureTimeZone: zone }),
  };
  return {
    booking: {
      pnr: 'TZONE1',
      segments: [segment],
      passengers: [{
        id: 'P1', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', title: 'MS', type: 'ADT', ticketNumber: '9872400000011',
        bagAllowance: { pieces: 1, weightKg: 23 }, bagsChecked: 0, apisComplete: true,
        segments: [{ segmentId: 'S1', cabin: 'Y', seat: '21A', checkedIn: true, sequenceNumber: 1 }],
      }],
    },
    pass: { passengerId: 'P1', bcbp: 'M1'.padEnd(60, ' '), legs: [{ segmentId: 'S1', seat: '21A', sequenceNumber: 1, cabin: 'Y' }] },
  };
}

const printedTimes = (b: ReturnType<typeof booking>) =>
  boardingPassDocument(b.booking, b.pass).blocks.flatMap((x) => (x.type === 'text' && x.text.startsWith('起飞') ? [x.text] : []));

describe('departure times in the departure airport’s zone', () => {
  it('prints a Tokyo Narita (UTC+9) departure at 03:55Z as 12:55, not the +8 of the kiosk', () => {
    expect(printedTimes(booking('NRT', '2026-11-28T03:55:00Z', 'Asia/Tokyo'))).toEqual(['起飞 Departs 12:55   登机 Boarding 12:15']);
  });

  it('prints a −5 departure (Bogotá, no daylight saving) at 15:10Z as 10:10', () => {
    expect(printedTimes(booking('BOG', '2026-11-28T15:10:00Z', 'America/Bogota'))).toEqual(['起飞 Departs 10:10   登机 Boarding 09:30']);
  });

  it('follows daylight saving at Frankfurt on both sides of the change (29 March 2026, 01:00Z)', () => {
    // The day of the change: before it CET (+1), after it CEST (+2).
    expect(printedTimes(booking('FRA', '2026-03-29T00:30:00Z', 'Europe/Berlin'))).toEqual(['起飞 Departs 01:30   登机 Boarding 00:50']);
    // Boarding (00:50Z) falls before the change and departure (01:30Z) after it: 40 minutes apart, 01:50 and 03:30 on the clock.
    expect(printedTimes(booking('FRA', '2026-03-29T01:30:00Z', 'Europe/Berlin'))).toEqual(['起飞 Departs 03:30   登机 Boarding 01:50']);
    // A summer and a winter departure at the same UTC time are an hour apart locally.
    expect(timeOfDay('2026-07-01T10:00:00Z', 'Europe/Berlin')).toBe('12:00');
    expect(timeOfDay('2026-12-01T10:00:00Z', 'Europe/Berlin')).toBe('11:00');
  });

  it('says UTC when no zone is known rather than printing an unmarked time', () => {
    expect(printedTimes(booking('XYZ', '2026-11-28T03:55:00Z', undefined))).toEqual(['起飞 Departs 03:55 UTC   登机 Boarding 03:15 UTC']);
  });

  it('gives the local calendar date, which can differ from the UTC date', () => {
    expect(localDate('2026-11-28T20:30:00Z', 'Asia/Tokyo')).toBe('2026-11-29');
    expect(localDate('2026-11-28T02:30:00Z', 'America/Bogota')).toBe('2026-11-27');
  });

  it('accepts IANA zone names only', () => {
    expect(isTimeZone('Asia/Hong_Kong')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('+09:00')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('airport time zones for a DCS that gives none', () => {
  const zones = airportTimeZones();

  it('resolves airports from the airport table', () => {
    expect(zones('NRT')).toBe('Asia/Tokyo');
    expect(zones('hkg')).toBe('Asia/Hong_Kong');
    expect(zones('FRA')).toBe('Europe/Berlin');
    expect(zones('MFM')).toBe('Asia/Macau');
  });

  it('resolves nothing for an unknown code or one listed under two zones', () => {
    expect(zones('QQQ')).toBeNull();
    const table = airportTimeZones(() => [{ code: 'AAD', timezone: 'Africa/Mogadishu' }, { code: 'AAD', timezone: 'Africa/Khartoum' }, { code: 'NRT', timezone: 'Asia/Tokyo' }]);
    expect(table('AAD')).toBeNull();
    expect(table('NRT')).toBe('Asia/Tokyo');
  });

  it('keeps the DCS’s zone and fills in the missing ones', async () => {
    const seed = await loadAirlineSeed();
    // UT801 states its zone in the seed; UT809 does not, so its HKG departure is looked up.
    const sim = new AirlineSimulator({ seed, now: () => Date.parse('2026-11-28T01:00:00Z'), airportTimeZones: () => null });
    const dcs = withDepartureTimeZones(sim, (iata) => (iata === 'HKG' ? 'Asia/Hong_Kong' : null));
    const raw = await sim.findBookings({ kind: 'pnr', pnr: 'CHAN88', surname: 'CHAN' });
    const found = await dcs.findBookings({ kind: 'pnr', pnr: 'CHAN88', surname: 'CHAN' });
    if (!raw.ok || !found.ok) throw new Error('booking not found');
    expect(raw.value[0]?.segments[0]?.departureTimeZone).toBeUndefined();
    expect(found.value[0]?.segments[0]?.departureTimeZone).toBe('Asia/Hong_Kong');
    const stated = await dcs.findBookings({ kind: 'pnr', pnr: 'ANNA74', surname: 'ERIKSSON' });
    expect(stated.ok && stated.value[0]?.segments[0]?.departureTimeZone).toBe('Asia/Hong_Kong');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Travellers and bookings of the accessibility e2e tests. The documents are the platform simulator's seeded
 * travellers (electron/platform/sim/seed.json); the airline and hotel seeds put them on flights and in rooms.
 */
export const mrz = {
  /** Verified; booked on ANNA74 and in a KING room. */
  anna: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'],
  /** Verified; on two bookings (the kiosk asks which), and in a TWIN room with LINDQVIST. */
  ceshi: ['POCHNCESHI<<YANGBEN<<<<<<<<<<<<<<<<<<<<<<<<<', 'EC12345672CHN8310291F3304226LCOCMKNENBPJB988'],
  /** The platform answers "not found". */
  nobody: ['P<UTONOBODY<<NOEL<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'UN00000179UTO7001017M3101012<<<<<<<<<<<<<<<0'],
  /** The platform answers "mismatch". */
  moreno: ['P<UTOMORENO<<LUCIA<<<<<<<<<<<<<<<<<<<<<<<<<<', 'UM44103873UTO9107142F3202285<<<<<<<<<<<<<<<0'],
  /** 往来港澳通行证: verified, on no reservation. */
  csPermit: ['CSCA12345672<3109306<9005178<4'],
};

const seatMap = { firstRow: 20, lastRow: 24, columns: 'ABCDEF', aisleAfter: 'C', occupied: ['20A', '21B'], blocked: ['22A'] };
const flight = (id: string, to: string, departsInMinutes: number) => ({
  id, carrier: 'UT', flightNumber: id.slice(2), from: 'HKG', to, departsInMinutes, durationMinutes: 200, timeZone: 'Asia/Hong_Kong', gate: '23', seatMap,
});
const passenger = (id: string, name: string, documentNumber: string | null) => ({
  id, name, ticketNumber: `98724000001${id.slice(1).padStart(2, '0')}`, documentNumber, bagAllowance: { pieces: 1, weightKg: 23 },
});

export const airlineSeed = {
  airline: { designator: 'UT', numericCode: '987', name: 'Utopia Airways (e2e)' },
  flights: [flight('UT801', 'PEK', 180), flight('UT805', 'LHR', 4320)],
  bookings: [
    { pnr: 'ANNA74', passengers: [passenger('P1', 'ERIKSSON/ANNA MARIA MS', 'L898902C3')], segments: [{ id: 'S1', flight: 'UT801' }] },
    { pnr: 'CESHI1', passengers: [passenger('P1', 'CESHI/YANGBEN MS', 'EC1234567')], segments: [{ id: 'S1', flight: 'UT801' }] },
    // Check-in for UT805 opens in days: the kiosk refuses it.
    { pnr: 'CESHI2', passengers: [passenger('P1', 'CESHI/YANGBEN MS', 'EC1234567')], segments: [{ id: 'S1', flight: 'UT805' }] },
  ],
};

const profile = (surname: string, givenNames: string, sex: 'M' | 'F', birthDate: string, nationality: string, number: string, primary: boolean) => ({
  profileId: `P-${number}`, primary, surname, givenNames, nameChinese: null, ageCategory: 'adult', sex, birthDate, nationality,
  document: { type: 'passport', number, issuer: nationality, expiryDate: null },
});
const stay = (id: string, guests: unknown[], roomType: string) => ({
  reservationId: id, confirmationNumber: `E2E0000${id.slice(1)}`, nights: 2, roomType, adults: guests.length, children: 0,
  deposit: { amountMinor: 60000, currency: 'CNY' }, guests,
});

export const pmsSeed = {
  hotelId: 'SIM01',
  utcOffset: '+08:00',
  checkoutTime: '12:00',
  rooms: [
    ...['1201', '1203'].map((n) => ({ roomNumber: n, roomType: 'KING', floor: 12, housekeeping: 'clean', occupancy: 'vacant' })),
    { roomNumber: '1202', roomType: 'TWIN', floor: 12, housekeeping: 'clean', occupancy: 'vacant' },
  ],
  reservations: [
    stay('R1', [profile('ERIKSSON', 'ANNA MARIA', 'F', '1974-08-12', 'UTO', 'L898902C3', true)], 'KING'),
    stay('R2', [{ ...profile('CESHI', 'YANGBEN', 'F', '1983-10-29', 'CHN', 'EC1234567', true), nameChinese: '测试样' }, profile('MORENO', 'LUCIA', 'F', '1991-07-14', 'UTO', 'UM4410387', false)], 'TWIN'),
  ],
};

/** A kiosk offering both transactions on these seeds, in English; `extra` keys are merged in. */
export function seededConfig(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'passage-a11y-e2e-'));
  writeFileSync(join(dir, 'airline.json'), JSON.stringify(airlineSeed));
  writeFileSync(join(dir, 'pms.json'), JSON.stringify(pmsSeed));
  return {
    services: ['checkIn', 'hotel'],
    language: { default: 'en' },
    airport: { dcs: { simulator: { seedFile: join(dir, 'airline.json') } }, reprintDelayMs: 200 },
    hotel: { pms: { seedFile: join(dir, 'pms.json') }, flow: { faceCheck: true } },
    ...extra,
  };
}

/** Chromium's fake camera, for the hotel's face check (and the document camera). */
export const fakeCamera = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

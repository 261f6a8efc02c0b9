import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HotelPms } from '../../electron/hotel/hotel-pms.ts';

/** 14:00 at the hotel (+08:00): the business date is 2026-11-28. */
export const contractNow = Date.parse('2026-11-28T06:00:00Z');
const today = '2026-11-28';

export interface PmsUnderTest {
  readonly pms: HotelPms;
  close(): Promise<void>;
}

/** The HotelPms contract (hotel-pms.ts guarantees), run against every adapter over the default seed. */
export function describePmsContract(name: string, setup: () => Promise<PmsUnderTest>): void {
  describe(`HotelPms contract: ${name}`, () => {
    let subject: PmsUnderTest;
    let pms: HotelPms;
    beforeEach(async () => {
      subject = await setup();
      pms = subject.pms;
    });
    afterEach(async () => {
      await subject.close();
    });

    it('finds a reservation by confirmation number with its guest and deposit', async () => {
      const r = await pms.searchReservations({ by: 'confirmation', confirmationNumber: '80000001' });
      expect(r).toMatchObject({ ok: true, value: [{ reservationId: 'R1001', status: 'due-in', arrivalDate: today, departureDate: '2026-11-29', adults: 1, deposit: { amountMinor: 50000, currency: 'CNY' } }] });
      expect(r.ok && r.value[0]?.guests.map((g) => g.surname)).toEqual(['MUSTERMANN']);
    });

    it('finds by surname ignoring case, spaces and MRZ fillers, with given names as a prefix', async () => {
      const bySurname = await pms.searchReservations({ by: 'name', surname: 'smith' });
      expect(bySurname.ok && bySurname.value.map((r) => r.confirmationNumber)).toEqual(['80000002']);
      expect(bySurname.ok && bySurname.value[0]?.guests).toHaveLength(2);
      const byGiven = await pms.searchReservations({ by: 'name', surname: 'SMITH', givenNames: 'JOHN<AL' });
      expect(byGiven.ok && byGiven.value.map((r) => r.confirmationNumber)).toEqual(['80000002']);
      const wrongGiven = await pms.searchReservations({ by: 'name', surname: 'SMITH', givenNames: 'PETER' });
      expect(wrongGiven).toEqual({ ok: true, value: [] });
    });

    it('narrows a name search to an arrival date', async () => {
      expect(await pms.searchReservations({ by: 'name', surname: 'BROWN', arrivalDate: today })).toEqual({ ok: true, value: [] });
      const tomorrow = await pms.searchReservations({ by: 'name', surname: 'BROWN', arrivalDate: '2026-11-29' });
      expect(tomorrow.ok && tomorrow.value.map((r) => r.reservationId)).toEqual(['R1007']);
    });

    it('finds by any guest document, including a child on a family booking', async () => {
      const child = await pms.searchReservations({ by: 'document', documentNumber: 'PA7654321' });
      expect(child).toMatchObject({ ok: true, value: [{ reservationId: 'R1003', adults: 1, children: 1 }] });
      expect(child.ok && child.value[0]?.guests.map((g) => g.ageCategory)).toEqual(['adult', 'child']);
      const passport = await pms.searchReservations({ by: 'document', documentNumber: 'L898902C3', issuer: 'UTO' });
      expect(passport.ok && passport.value.map((r) => r.reservationId)).toEqual(['R1004']);
      expect(await pms.searchReservations({ by: 'document', documentNumber: 'L898902C3', issuer: 'GBR' })).toEqual({ ok: true, value: [] });
    });

    it('carries Chinese names and permit documents', async () => {
      const hk = await pms.searchReservations({ by: 'document', documentNumber: 'H12345678' });
      expect(hk.ok && hk.value[0]?.guests[0]).toMatchObject({ surname: 'CHAN', nameChinese: '陈大文', document: { type: 'hk-macao-permit', issuer: 'CHN' } });
      const prc = await pms.searchReservations({ by: 'confirmation', confirmationNumber: '80000006' });
      expect(prc.ok && prc.value[0]?.guests[0]).toMatchObject({ surname: 'CESHI', nameChinese: '测试样本', nationality: 'CHN', document: { type: 'passport', number: 'G62292599' } });
    });

    it('answers an unknown reservation with an empty search and not-found on get', async () => {
      expect(await pms.searchReservations({ by: 'confirmation', confirmationNumber: '99999999' })).toEqual({ ok: true, value: [] });
      expect(await pms.getReservation('R9999')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    });

    it('refuses an empty name search as an invalid request', async () => {
      expect(await pms.searchReservations({ by: 'name', surname: '' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    });

    it('offers only ready rooms of the booked type that no one else holds', async () => {
      const rooms = await pms.availableRooms('R1001');
      expect(rooms.ok && rooms.value.map((r) => r.roomNumber)).toEqual(['1201', '1203', '1501', '1502', '1503']);
      const twin = await pms.availableRooms('R1002');
      // 1202 is its own pre-assigned room; 1206 is out of order
      expect(twin.ok && twin.value.map((r) => r.roomNumber)).toEqual(['1202', '1301']);
    });

    it('auto-assigns the first ready room and never gives one room to two bookings', async () => {
      expect(await pms.assignRoom('R1001')).toMatchObject({ ok: true, value: { roomNumber: '1201' } });
      expect(await pms.assignRoom('R1004')).toMatchObject({ ok: true, value: { roomNumber: '1203' } });
      expect(await pms.assignRoom('R1005', '1201')).toMatchObject({ ok: false, error: { code: 'room-not-available' } });
    });

    it('refuses a room of another type, a dirty or occupied room, and an unknown room', async () => {
      expect(await pms.assignRoom('R1001', '1301')).toMatchObject({ ok: false, error: { code: 'room-type-mismatch' } });
      expect(await pms.assignRoom('R1001', '1204')).toMatchObject({ ok: false, error: { code: 'room-not-available' } });
      expect(await pms.assignRoom('R1001', '1205')).toMatchObject({ ok: false, error: { code: 'room-not-available' } });
      expect(await pms.assignRoom('R1001', '9999')).toMatchObject({ ok: false, error: { code: 'not-found' } });
      expect(await pms.getReservation('R1001')).toMatchObject({ ok: true, value: { roomNumber: null } });
    });

    it('moves a re-assigned reservation and frees its former room', async () => {
      expect(await pms.assignRoom('R1003')).toMatchObject({ ok: true, value: { roomNumber: '1302' } });
      expect(await pms.assignRoom('R1003', '1303')).toMatchObject({ ok: true, value: { roomNumber: '1303' } });
      const rooms = await pms.availableRooms('R1003');
      expect(rooms.ok && rooms.value.map((r) => r.roomNumber)).toEqual(['1302', '1303']);
    });

    it('checks in a due-in reservation with a ready room, once', async () => {
      const r = await pms.checkIn('R1002');
      expect(r).toMatchObject({ ok: true, value: { status: 'checked-in', roomNumber: '1202' } });
      expect(await pms.checkIn('R1002')).toMatchObject({ ok: false, error: { code: 'already-checked-in' } });
      expect(await pms.assignRoom('R1002')).toMatchObject({ ok: false, error: { code: 'already-checked-in' } });
    });

    it('refuses check-in without a room and changes nothing', async () => {
      expect(await pms.checkIn('R1001')).toMatchObject({ ok: false, error: { code: 'no-room-assigned' } });
      expect(await pms.getReservation('R1001')).toMatchObject({ ok: true, value: { status: 'due-in', roomNumber: null } });
    });

    it('refuses check-in before the arrival date and for a cancelled booking', async () => {
      expect(await pms.assignRoom('R1007')).toMatchObject({ ok: true });
      expect(await pms.checkIn('R1007')).toMatchObject({ ok: false, error: { code: 'not-due-in' } });
      expect(await pms.checkIn('R1008')).toMatchObject({ ok: false, error: { code: 'cancelled' } });
      expect(await pms.checkIn('R9999')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    });

    it('issues room keys only after check-in, valid until checkout time on the departure date', async () => {
      await pms.assignRoom('R1004', '1502');
      expect(await pms.createRoomKeys('R1004', { noOfKeys: 2, encoderId: 'ENC1' })).toMatchObject({ ok: false, error: { code: 'not-checked-in' } });
      await pms.checkIn('R1004');
      const keys = await pms.createRoomKeys('R1004', { noOfKeys: 2, encoderId: 'ENC1' });
      expect(keys).toMatchObject({ ok: true, value: { reservationId: 'R1004', roomNumber: '1502', noOfKeys: 2, encoderId: 'ENC1', keyValidityEnd: '2026-11-30T12:00:00+08:00' } });
      expect(keys.ok && Date.parse(keys.value.keyValidityStart)).toBe(contractNow);
      expect(keys.ok && keys.value.keyData.length).toBeGreaterThan(0);
    });

    it('refuses a key request for no cards or too many', async () => {
      await pms.checkIn('R1002');
      expect(await pms.createRoomKeys('R1002', { noOfKeys: 0, encoderId: 'ENC1' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(await pms.createRoomKeys('R1002', { noOfKeys: 5, encoderId: 'ENC1' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    });
  });
}

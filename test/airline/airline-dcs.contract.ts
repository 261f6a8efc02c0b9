import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decode } from 'bcbp';
import type { AirlineDcs, BookingView, CheckInRequest, TravelDocument } from '../../electron/airline/airline-dcs.ts';
import { travellers } from './travellers.ts';

export interface DcsHarness {
  readonly dcs: AirlineDcs;
  /** Moves the DCS's clock. */
  advanceMinutes(minutes: number): void;
  close(): Promise<void>;
}

/** 2026-11-28 09:00 in Hong Kong. */
export const contractStart = Date.UTC(2026, 10, 28, 1, 0, 0);

function request(pnr: string, passengers: { passengerId: string; document: TravelDocument; bags?: number }[], dg = true): CheckInRequest {
  return { pnr, passengers: passengers.map((p) => ({ bags: 0, ...p })), dangerousGoodsAcknowledged: dg };
}

/**
 * The AirlineDcs contract (electron/airline/airline-dcs.ts doc comment), run against the in-process simulator
 * and against the HTTP adapter talking to the simulator on loopback. Uses the default seed.
 */
export function describeAirlineDcsContract(name: string, setup: () => Promise<DcsHarness>): void {
  describe(`AirlineDcs contract: ${name}`, () => {
    let h: DcsHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.close();
    });

    async function find(pnr: string, surname: string): Promise<BookingView> {
      const r = await h.dcs.findBookings({ kind: 'pnr', pnr, surname });
      if (!r.ok) throw new Error(`lookup failed: ${r.error.code}`);
      return r.value[0] as BookingView;
    }

    describe('lookup', () => {
      it('finds a booking by PNR and surname, case-insensitively', async () => {
        const r = await h.dcs.findBookings({ kind: 'pnr', pnr: 'anna74', surname: 'eriksson' });
        expect(r.ok && r.value.map((b) => b.pnr)).toEqual(['ANNA74']);
        const booking = r.ok ? r.value[0] : undefined;
        expect(booking?.passengers[0]).toMatchObject({ surname: 'ERIKSSON', givenNames: 'ANNA MARIA', title: 'MS', bagAllowance: { pieces: 1, weightKg: 23 } });
        expect(booking?.segments[0]).toMatchObject({ carrier: 'UT', flightNumber: '801', from: 'HKG', to: 'PEK', status: 'scheduled', checkIn: { state: 'open' } });
      });
      it('does not reveal a booking to a wrong surname', async () => {
        const r = await h.dcs.findBookings({ kind: 'pnr', pnr: 'ANNA74', surname: 'CHAN' });
        expect(r).toMatchObject({ ok: false, error: { code: 'booking-not-found' } });
      });
      it('finds a booking by a verified document', async () => {
        const r = await h.dcs.findBookings({ kind: 'document', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'L898902C3' });
        expect(r.ok && r.value.map((b) => b.pnr)).toEqual(['ANNA74']);
      });
      it('finds CHAN<<TAI<MAN booked as CHAN/TAIMAN MR', async () => {
        const r = await h.dcs.findBookings({ kind: 'document', surname: 'CHAN', givenNames: 'TAI MAN', documentNumber: 'K12345678<' });
        expect(r.ok && r.value.map((b) => b.pnr)).toEqual(['CHAN88']);
      });
      it('refuses a document number whose booking is under another name, saying how the names compared', async () => {
        const r = await h.dcs.findBookings({ kind: 'document', surname: 'ERIKSSON', givenNames: 'ANNA MARIE', documentNumber: 'L898902C3' });
        expect(r).toMatchObject({ ok: false, error: { code: 'name-mismatch', nameMatch: 'near:typo' } });
      });
      it('reports an unknown document as booking-not-found', async () => {
        const r = await h.dcs.findBookings({ kind: 'document', surname: 'NOBODY', givenNames: 'X', documentNumber: 'Z0000000' });
        expect(r).toMatchObject({ ok: false, error: { code: 'booking-not-found' } });
      });
      it('finds a booking from a booking barcode', async () => {
        const r = await h.dcs.findBookings({ kind: 'barcode', text: 'CONX22/MEULENDIJK' });
        expect(r.ok && r.value[0]?.pnr).toBe('CONX22');
      });
      it('finds a booking from a boarding pass it issued', async () => {
        const done = await h.dcs.checkIn(request('ANNA74', [{ passengerId: 'P1', document: travellers.anna }]), 'bp-lookup');
        expect(done.ok).toBe(true);
        const bcbp = done.ok ? (done.value.boardingPasses[0]?.bcbp ?? '') : '';
        const r = await h.dcs.findBookings({ kind: 'barcode', text: bcbp });
        expect(r.ok && r.value[0]?.pnr).toBe('ANNA74');
      });
      it('refuses a barcode that is neither', async () => {
        const r = await h.dcs.findBookings({ kind: 'barcode', text: 'hello world' });
        expect(r).toMatchObject({ ok: false, error: { code: 'unreadable-barcode' } });
      });
    });

    describe('check-in', () => {
      it('checks in, assigns a seat and issues a BCBP that decodes to the booking', async () => {
        const r = await h.dcs.checkIn(request('ANNA74', [{ passengerId: 'P1', document: travellers.anna }]), 'k1');
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const pass = r.value.boardingPasses[0];
        expect(pass?.legs).toHaveLength(1);
        const decoded = decode(pass?.bcbp ?? '', 2026);
        expect(decoded.data?.passengerName).toBe('ERIKSSON/ANNA MARIA');
        expect(decoded.data?.legs?.[0]).toMatchObject({ operatingCarrierPNR: 'ANNA74', departureAirport: 'HKG', arrivalAirport: 'PEK', operatingCarrierDesignator: 'UT', flightNumber: '0801', compartmentCode: 'Y' });
        expect(decoded.data?.legs?.[0]?.seatNumber).toBe(pass?.legs[0]?.seat.padStart(4, '0'));
        const p = r.value.booking.passengers[0];
        expect(p).toMatchObject({ apisComplete: true, segments: [{ checkedIn: true, seat: pass?.legs[0]?.seat, sequenceNumber: pass?.legs[0]?.sequenceNumber }] });
      });

      it('is idempotent: the same key and request give the same result and no second check-in', async () => {
        const req = request('ANNA74', [{ passengerId: 'P1', document: travellers.anna, bags: 1 }]);
        const a = await h.dcs.checkIn(req, 'same-key');
        const b = await h.dcs.checkIn(req, 'same-key');
        expect(b).toEqual(a);
        const booking = await find('ANNA74', 'ERIKSSON');
        expect(booking.passengers[0]?.bagsChecked).toBe(1);
      });

      it('tags only the extra bags when a checked-in passenger adds one', async () => {
        const first = await h.dcs.checkIn(request('CONX22', [{ passengerId: 'P1', document: travellers.loes, bags: 1 }]), 'b1');
        const second = await h.dcs.checkIn(request('CONX22', [{ passengerId: 'P1', document: travellers.loes, bags: 2 }]), 'b2');
        expect(first.ok && first.value.bagTags.map((t) => t.licensePlate)).toEqual(['0987000001']);
        expect(second.ok && second.value.bagTags.map((t) => t.licensePlate)).toEqual(['0987000002']);
        expect((await find('CONX22', 'MEULENDIJK')).passengers[0]?.bagsChecked).toBe(2);
      });

      it('refuses the same key for a different request', async () => {
        await h.dcs.checkIn(request('ANNA74', [{ passengerId: 'P1', document: travellers.anna }]), 'k2');
        const r = await h.dcs.checkIn(request('ANNA74', [{ passengerId: 'P1', document: travellers.anna, bags: 1 }]), 'k2');
        expect(r).toMatchObject({ ok: false, error: { code: 'idempotency-conflict' } });
      });

      it('checks in both travellers of a two-passenger booking on separate seats', async () => {
        const r = await h.dcs.checkIn(request('FAM2PX', [{ passengerId: 'P1', document: travellers.erika }, { passengerId: 'P2', document: travellers.jonas }]), 'fam');
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const seats = r.value.boardingPasses.map((p) => p.legs[0]?.seat);
        expect(new Set(seats).size).toBe(2);
        expect(r.value.boardingPasses.map((p) => decode(p.bcbp).data?.passengerName)).toEqual(['MUSTERMANN/ERIKA', 'MUSTERMANN/JONAS']);
        // Item 15: a child is described as `3`.
        expect(decode(r.value.boardingPasses[1]?.bcbp ?? '').data?.passengerDescription).toBe('3');
      });

      it('checks in only the passengers who presented a document', async () => {
        const r = await h.dcs.checkIn(request('FAM2PX', [{ passengerId: 'P1', document: travellers.erika }]), 'fam-1');
        expect(r.ok).toBe(true);
        const booking = await find('FAM2PX', 'MUSTERMANN');
        expect(booking.passengers.map((p) => p.segments[0]?.checkedIn)).toEqual([true, false]);
      });

      it('checks a connection through: one boarding pass with two legs, bags tagged to the final destination', async () => {
        const r = await h.dcs.checkIn(request('CONX22', [{ passengerId: 'P1', document: travellers.loes, bags: 2 }]), 'conx');
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const decoded = decode(r.value.boardingPasses[0]?.bcbp ?? '');
        expect(decoded.meta?.numberOfLegs).toBe(2);
        expect(decoded.data?.legs?.map((l) => `${l.departureAirport}-${l.arrivalAirport}`)).toEqual(['HKG-PEK', 'PEK-FRA']);
        expect(r.value.bagTags).toHaveLength(2);
        expect(r.value.bagTags[0]).toMatchObject({ destination: 'FRA', route: [{ flightNumber: '801', to: 'PEK' }, { flightNumber: '802', to: 'FRA' }] });
        expect(r.value.bagTags.map((t) => t.licensePlate)).toEqual(['0987000001', '0987000002']);
        // Item 23: first licence plate and the count of further consecutive tags.
        expect(decoded.data?.baggageTagNumber).toBe('0987000001001');
      });

      it('refuses a cancelled flight', async () => {
        const r = await h.dcs.checkIn(request('CNCL03', [{ passengerId: 'P1', document: travellers.smith }]), 'c');
        expect(r).toMatchObject({ ok: false, error: { code: 'flight-cancelled', segmentId: 'S1' } });
        const booking = await find('CNCL03', 'SMITH');
        expect(booking.segments[0]?.status).toBe('cancelled');
      });

      it('refuses before the window opens, saying when it opens, and accepts once it is open', async () => {
        const r = await h.dcs.checkIn(request('EARLY5', [{ passengerId: 'P1', document: travellers.lin }]), 'e1');
        expect(r).toMatchObject({ ok: false, error: { code: 'check-in-not-open' } });
        const opensAt = r.ok ? '' : (r.error.at ?? '');
        const booking = await find('EARLY5', 'LIN');
        expect(booking.segments[0]?.checkIn).toMatchObject({ state: 'not-open', opensAt });
        h.advanceMinutes(Math.ceil((Date.parse(opensAt) - contractStart) / 60_000) + 1);
        const later = await h.dcs.checkIn(request('EARLY5', [{ passengerId: 'P1', document: travellers.lin }]), 'e2');
        expect(later.ok).toBe(true);
      });

      it('refuses after the window closed', async () => {
        const r = await h.dcs.checkIn(request('LATE07', [{ passengerId: 'P1', document: travellers.stevenson }]), 'l');
        expect(r).toMatchObject({ ok: false, error: { code: 'check-in-closed' } });
        expect(r.ok ? null : r.error.at).toEqual(expect.any(String));
      });

      it('closes check-in when the clock passes the closing time', async () => {
        h.advanceMinutes(180 - 45 + 5);
        const r = await h.dcs.checkIn(request('ANNA74', [{ passengerId: 'P1', document: travellers.anna }]), 'late');
        expect(r).toMatchObject({ ok: false, error: { code: 'check-in-closed' } });
      });

      it('refuses a document that expires before the last flight', async () => {
        const r = await h.dcs.checkIn(request('ANNA74', [{ passengerId: 'P1', document: { ...travellers.anna, expiryDate: '2012-04-15' } }]), 'x');
        expect(r).toMatchObject({ ok: false, error: { code: 'document-expires-before-travel', passengerId: 'P1' } });
      });

      it('refuses a holder the identity platform has not verified', async () => {
        const r = await h.dcs.checkIn(request('ANNA74', [{ passengerId: 'P1', document: { ...travellers.anna, holderVerified: false } }]), 'x');
        expect(r).toMatchObject({ ok: false, error: { code: 'holder-not-verified', passengerId: 'P1' } });
      });

      it('refuses a document whose name does not match the passenger, naming the passenger', async () => {
        const r = await h.dcs.checkIn(request('FAM2PX', [{ passengerId: 'P2', document: travellers.erika }]), 'x');
        expect(r).toMatchObject({ ok: false, error: { code: 'name-mismatch', passengerId: 'P2', nameMatch: 'near:surname-only' } });
        const booking = await find('FAM2PX', 'MUSTERMANN');
        expect(booking.passengers.every((p) => !p.segments[0]?.checkedIn)).toBe(true);
      });

      it('requires the dangerous-goods acknowledgement', async () => {
        const r = await h.dcs.checkIn(request('ANNA74', [{ passengerId: 'P1', document: travellers.anna }], false), 'x');
        expect(r).toMatchObject({ ok: false, error: { code: 'dangerous-goods-not-acknowledged' } });
      });

      it('refuses more bags than the allowance', async () => {
        const r = await h.dcs.checkIn(request('ANNA74', [{ passengerId: 'P1', document: travellers.anna, bags: 2 }]), 'x');
        expect(r).toMatchObject({ ok: false, error: { code: 'bag-allowance-exceeded', passengerId: 'P1' } });
      });

      it('refuses an unknown passenger and an unknown booking', async () => {
        expect(await h.dcs.checkIn(request('ANNA74', [{ passengerId: 'P9', document: travellers.anna }]), 'x')).toMatchObject({ ok: false, error: { code: 'passenger-not-found' } });
        expect(await h.dcs.checkIn(request('ZZZZZZ', [{ passengerId: 'P1', document: travellers.anna }]), 'y')).toMatchObject({ ok: false, error: { code: 'booking-not-found' } });
      });

      it('refuses a malformed request as invalid-request', async () => {
        const r = await h.dcs.checkIn({ pnr: 'ANNA74', passengers: [], dangerousGoodsAcknowledged: true }, 'bad');
        expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      });
    });

    describe('seats', () => {
      it('shows the seat map with taken, blocked and own seats', async () => {
        const r = await h.dcs.seatMap('CESHI1', 'S1');
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const seats = new Map(r.value.rows.flatMap((row) => row.seats.map((s) => [s.seat, s])));
        expect(r.value.columns).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
        expect(seats.get('20A')).toMatchObject({ state: 'occupied', passengerId: null });
        expect(seats.get('27A')).toMatchObject({ state: 'blocked' });
        expect(seats.get('24C')).toMatchObject({ state: 'occupied', passengerId: 'P1' });
        expect(seats.get('24D')).toMatchObject({ state: 'free' });
      });

      it('moves a passenger to a free seat and frees the old one', async () => {
        const r = await h.dcs.changeSeat({ pnr: 'CESHI1', passengerId: 'P1', segmentId: 'S1', seat: '33F' });
        expect(r).toEqual({ ok: true, value: { passengerId: 'P1', segmentId: 'S1', seat: '33F' } });
        const map = await h.dcs.seatMap('CESHI1', 'S1');
        const seats = map.ok ? new Map(map.value.rows.flatMap((row) => row.seats.map((s) => [s.seat, s.state]))) : new Map();
        expect([seats.get('33F'), seats.get('24C')]).toEqual(['occupied', 'free']);
        const ci = await h.dcs.checkIn(request('CESHI1', [{ passengerId: 'P1', document: travellers.ceshi }]), 'ceshi');
        expect(ci.ok && ci.value.boardingPasses[0]?.legs[0]?.seat).toBe('33F');
      });

      it('reissues the boarding pass with the new seat and the same sequence number after a change', async () => {
        const first = await h.dcs.checkIn(request('CESHI1', [{ passengerId: 'P1', document: travellers.ceshi }]), 'c1');
        await h.dcs.changeSeat({ pnr: 'CESHI1', passengerId: 'P1', segmentId: 'S1', seat: '34A' });
        const second = await h.dcs.checkIn(request('CESHI1', [{ passengerId: 'P1', document: travellers.ceshi }]), 'c2');
        expect(second.ok && second.value.boardingPasses[0]?.legs[0]?.seat).toBe('34A');
        expect(second.ok && second.value.boardingPasses[0]?.legs[0]?.sequenceNumber).toBe(first.ok ? first.value.boardingPasses[0]?.legs[0]?.sequenceNumber : -1);
      });

      it('refuses a taken, a blocked and a non-existent seat', async () => {
        for (const seat of ['20A', '27A', '99A']) {
          const r = await h.dcs.changeSeat({ pnr: 'CESHI1', passengerId: 'P1', segmentId: 'S1', seat });
          expect(r).toMatchObject({ ok: false, error: { code: 'seat-unavailable' } });
        }
      });

      it('refuses a seat change on a cancelled flight and an unknown segment', async () => {
        expect(await h.dcs.changeSeat({ pnr: 'CNCL03', passengerId: 'P1', segmentId: 'S1', seat: '12A' })).toMatchObject({ ok: false, error: { code: 'flight-cancelled' } });
        expect(await h.dcs.seatMap('CESHI1', 'S9')).toMatchObject({ ok: false, error: { code: 'segment-not-found' } });
      });
    });
  });
}

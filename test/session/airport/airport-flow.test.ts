import { beforeEach, describe, expect, it } from 'vitest';
import { parseBcbp } from '../../../electron/airline/bcbp.ts';
import type { AirlineSeed } from '../../../electron/airline/sim/seed.ts';
import { buildBcbp } from '../../../electron/airline/bcbp.ts';
import { travellers } from '../../airline/travellers.ts';
import { readDocument } from './documents.ts';
import { Drive, seed } from './harness.ts';

let airlineSeed: AirlineSeed;
beforeEach(async () => {
  airlineSeed = await seed();
});

/** ERIKSSON on ANNA74 (UT801, check-in open), from start to the booking screen. */
async function annaAtBooking(): Promise<Drive> {
  const d = new Drive(airlineSeed).start(readDocument(travellers.anna));
  await d.settle();
  return d;
}

/** From the booking screen to the confirm screen without changes. */
async function toConfirm(d: Drive, bags: Record<string, number> = {}): Promise<void> {
  d.act({ type: 'continue' }); // booking → passengers
  d.act({ type: 'continue' }); // passengers → seats
  await d.settle();
  d.act({ type: 'continue' }); // seats → dangerous goods
  d.act({ type: 'acknowledgeDangerousGoods' });
  for (const [passengerId, n] of Object.entries(bags)) d.act({ type: 'setBags', passengerId, bags: n });
  d.act({ type: 'continue' });
  expect(d.step).toBe('confirm');
}

function simBooking(d: Drive, pnr: string) {
  const state = d.sim.state() as { bookings: { pnr: string; passengers: { id: string; segments: { checkedIn: boolean; seat: string | null; sequenceNumber: number | null }[] }[]; apis: { passengerId: string; documentRef: string | null; bagTags: string[] }[] }[] };
  const booking = state.bookings.find((b) => b.pnr === pnr);
  if (!booking) throw new Error(`no booking ${pnr}`);
  return booking;
}

describe('airport flow: happy paths', () => {
  it('checks in one traveller found by the verified document, with a seat change and a bag, and prints pass and tag', async () => {
    const d = await annaAtBooking();
    expect(d.log[0]).toEqual({ type: 'findBookings', query: { kind: 'document', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'L898902C3' } });
    expect(d.view()).toMatchObject({ step: 'booking', booking: { pnr: 'ANNA74', segments: [{ flight: 'UT801', from: 'HKG', to: 'PEK' }] }, passengers: 1 });

    d.act({ type: 'continue' });
    expect(d.view()).toMatchObject({ step: 'passengers', passengers: [{ id: 'P1', name: 'ERIKSSON/ANNA MARIA MS', state: 'included', primary: true }] });
    d.act({ type: 'continue' });
    expect(d.view()).toMatchObject({ step: 'seats', seatMap: null, busy: true });
    await d.settle();
    const seats = d.view();
    if (seats.step !== 'seats' || !seats.seatMap) throw new Error('seat map not shown');
    expect(seats.seatMap.columns).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(seats.seatMap.rows[0]?.seats[0]).toEqual({ seat: '20A', state: 'occupied', passengerId: null });

    d.act({ type: 'chooseSeat', seat: '24A' });
    await d.settle();
    expect(d.view()).toMatchObject({ step: 'seats', passengers: [{ id: 'P1', seat: '24A' }], notice: null });
    const mine = d.view();
    if (mine.step !== 'seats' || !mine.seatMap) throw new Error('seat map not reloaded');
    expect(mine.seatMap.rows.flatMap((r) => r.seats).find((s) => s.seat === '24A')).toEqual({ seat: '24A', state: 'mine', passengerId: 'P1' });

    d.act({ type: 'continue' });
    expect(d.step).toBe('dangerousGoods');
    d.act({ type: 'acknowledgeDangerousGoods' });
    d.act({ type: 'setBags', passengerId: 'P1', bags: 1 });
    expect(d.view()).toEqual({ step: 'bags', passengers: [{ id: 'P1', name: 'ERIKSSON/ANNA MARIA MS', allowance: 1, bags: 1 }], notice: null });
    d.act({ type: 'continue' });
    expect(d.view()).toMatchObject({ step: 'confirm', passengers: [{ id: 'P1', bags: 1, seats: [{ segmentId: 'S1', seat: '24A' }] }] });

    await d.startPrinters();
    d.act({ type: 'confirm' });
    expect(d.view()).toEqual({ step: 'checkingIn', failed: null });
    await d.settle();
    expect(d.view()).toEqual({ step: 'done', boardingPasses: 1, bagTags: 1 });

    // APIS from the document read went to the DCS with the holder verified.
    const [checkIn] = d.checkInCalls();
    expect(checkIn?.request.passengers).toEqual([
      {
        passengerId: 'P1',
        bags: 1,
        document: {
          documentCode: 'P',
          documentNumber: 'L898902C3',
          issuer: 'UTO',
          nationality: 'UTO',
          surname: 'ERIKSSON',
          givenNames: 'ANNA MARIA',
          nameTruncated: false,
          birthDate: '1974-08-12',
          sex: 'F',
          expiryDate: '2034-04-15',
          holderVerified: true,
        },
      },
    ]);
    const booking = simBooking(d, 'ANNA74');
    expect(booking.passengers[0]?.segments[0]).toMatchObject({ checkedIn: true, seat: '24A' });
    expect(booking.apis[0]).toMatchObject({ documentRef: 'L*****2C3' });

    const passes = d.receipt.printed();
    expect(passes).toHaveLength(1);
    const barcode = passes[0]?.document.blocks.find((b) => b.type === 'barcode');
    expect(barcode).toMatchObject({ symbology: 'pdf417' });
    const parsed = parseBcbp(barcode?.type === 'barcode' ? barcode.data : '');
    expect(parsed?.legs).toEqual([expect.objectContaining({ pnr: 'ANNA74', from: 'HKG', to: 'PEK', seat: '024A' })]);
    const tags = d.bagTag.printed();
    expect(tags).toHaveLength(1);
    const itf = tags[0]?.document.blocks.find((b) => b.type === 'barcode');
    expect(itf).toMatchObject({ symbology: 'itf', data: expect.stringMatching(/^0987\d{6}$/) });

    d.act({ type: 'finish' });
    expect(d.exited).toBe('done');
  });

  it('checks in two passengers when the second places a verified document', async () => {
    const d = new Drive(airlineSeed).start(readDocument(travellers.erika));
    await d.settle();
    expect(d.view()).toMatchObject({ step: 'booking', booking: { pnr: 'FAM2PX' }, passengers: 2 });
    d.act({ type: 'continue' });
    expect(d.view()).toMatchObject({ passengers: [{ id: 'P1', state: 'included' }, { id: 'P2', state: 'waiting', primary: false }] });

    d.send({ type: 'readStart' });
    expect(d.view()).toMatchObject({ step: 'passengers', reading: true });
    const jonas = readDocument(travellers.jonas);
    d.send({ type: 'document', document: jonas });
    expect(d.verifies).toEqual([{ requestId: expect.any(Number), document: jonas }]);
    expect(d.view()).toMatchObject({ passengers: [{ state: 'included' }, { id: 'P2', state: 'verifying' }], reading: true });
    d.verify({ outcome: 'verified' });
    expect(d.view()).toMatchObject({ passengers: [{ state: 'included' }, { id: 'P2', state: 'included' }], notice: null, reading: false });

    d.act({ type: 'continue' });
    await d.settle();
    d.act({ type: 'seatPassenger', passengerId: 'P2' });
    d.act({ type: 'chooseSeat', seat: '44B' });
    await d.settle();
    expect(d.view()).toMatchObject({ step: 'seats', passengerId: 'P2', passengers: [{ id: 'P1', seat: null }, { id: 'P2', seat: '44B' }] });
    d.act({ type: 'continue' });
    d.act({ type: 'acknowledgeDangerousGoods' });
    d.act({ type: 'setBags', passengerId: 'P1', bags: 2 });
    d.act({ type: 'setBags', passengerId: 'P2', bags: 1 });
    d.act({ type: 'continue' });
    await d.startPrinters();
    d.act({ type: 'confirm' });
    await d.settle();
    expect(d.view()).toEqual({ step: 'done', boardingPasses: 2, bagTags: 3 });
    expect(d.checkInCalls()[0]?.request.passengers.map((p) => [p.passengerId, p.bags, p.document.holderVerified])).toEqual([
      ['P1', 2, true],
      ['P2', 1, true],
    ]);
    expect(d.receipt.printed()).toHaveLength(2);
    expect(d.bagTag.printed()).toHaveLength(3);
    expect(simBooking(d, 'FAM2PX').passengers.map((p) => p.segments[0]?.checkedIn)).toEqual([true, true]);
  });

  it('checks in only the passengers who scanned a document; the others stay unchecked', async () => {
    const d = new Drive(airlineSeed).start(readDocument(travellers.erika));
    await d.settle();
    await d.startPrinters();
    await toConfirm(d);
    d.act({ type: 'confirm' });
    await d.settle();
    expect(d.view()).toEqual({ step: 'done', boardingPasses: 1, bagTags: 0 });
    expect(simBooking(d, 'FAM2PX').passengers.map((p) => p.segments[0]?.checkedIn)).toEqual([true, false]);
  });

  it('prints one boarding pass with both legs of a connection (multi-leg BCBP)', async () => {
    const d = new Drive(airlineSeed).start(readDocument(travellers.loes));
    await d.settle();
    expect(d.view()).toMatchObject({ step: 'booking', booking: { pnr: 'CONX22', segments: [{ flight: 'UT801' }, { flight: 'UT802' }] } });
    d.act({ type: 'continue' }).act({ type: 'continue' });
    await d.settle();
    d.act({ type: 'seatSegment', segmentId: 'S2' });
    await d.settle();
    expect(d.view()).toMatchObject({ step: 'seats', segmentId: 'S2', seatMap: { segmentId: 'S2', aisleAfter: ['C', 'G'] } });
    d.act({ type: 'continue' }).act({ type: 'acknowledgeDangerousGoods' }).act({ type: 'continue' });
    await d.startPrinters();
    d.act({ type: 'confirm' });
    await d.settle();
    expect(d.view()).toEqual({ step: 'done', boardingPasses: 1, bagTags: 0 });
    const block = d.receipt.printed()[0]?.document.blocks.find((b) => b.type === 'barcode');
    const pass = parseBcbp(block?.type === 'barcode' ? block.data : '');
    expect(pass?.legs.map((l) => `${l.from}-${l.to}`)).toEqual(['HKG-PEK', 'PEK-FRA']);
  });
});

describe('airport flow: lookup', () => {
  const stranger = () => readDocument({ ...travellers.anna, surname: 'NOBODY', givenNames: 'NOEL', documentNumber: 'UN0000017' });

  it('offers the keyboard when no booking matches the document, and finds it by booking reference and surname', async () => {
    const d = new Drive(airlineSeed).start(readDocument(travellers.anna, {}, undefined));
    d.answer({ type: 'bookings', result: { ok: false, error: { code: 'booking-not-found', message: 'x' } } });
    expect(d.view()).toEqual({ step: 'lookup', mode: 'menu', field: 'pnr', pnr: '', surname: '', searching: false, notice: 'notFound' });
    d.act({ type: 'useKeyboard' });
    for (const key of 'ANNA74') d.act({ type: 'type', char: key });
    expect(d.view()).toMatchObject({ mode: 'keyboard', pnr: 'ANNA74', field: 'surname' });
    d.act({ type: 'type', char: 'X' }).act({ type: 'erase' });
    for (const key of 'ERIKSSON') d.act({ type: 'type', char: key });
    d.act({ type: 'focus', field: 'pnr' }).act({ type: 'type', char: 'Z' });
    expect(d.view()).toMatchObject({ pnr: 'ANNA74', surname: 'ERIKSSON' }); // a full reference takes no more keys
    d.act({ type: 'search' });
    expect(d.view()).toMatchObject({ step: 'lookup', searching: true });
    expect(d.calls[0]?.call).toEqual({ type: 'findBookings', query: { kind: 'pnr', pnr: 'ANNA74', surname: 'ERIKSSON' } });
    await d.settle();
    expect(d.view()).toMatchObject({ step: 'booking', booking: { pnr: 'ANNA74' } });
    // Found by a manual lookup: back returns to the lookup, not out of the flow.
    d.send({ type: 'back' });
    expect(d.view()).toMatchObject({ step: 'lookup', mode: 'menu' });
  });

  it('lets the traveller choose when the document is on several bookings, earliest departure first', async () => {
    const anna74 = airlineSeed.bookings.find((b) => b.pnr === 'ANNA74');
    if (!anna74) throw new Error('seed changed');
    const later = { ...anna74, pnr: 'ANNA75', segments: [{ id: 'S1', flight: 'UT809', cabin: 'Y' }] };
    const d = new Drive({ ...airlineSeed, bookings: [...airlineSeed.bookings, later] }).start(readDocument(travellers.anna));
    await d.settle();
    const view = d.view();
    expect(view.step === 'chooseBooking' && view.bookings.map((b) => `${b.pnr} ${b.segments[0]?.flight}`)).toEqual(['ANNA74 UT801', 'ANNA75 UT809']);
    d.act({ type: 'chooseBooking', pnr: 'NOPE00' });
    expect(d.step).toBe('chooseBooking');
    d.act({ type: 'chooseBooking', pnr: 'ANNA75' });
    expect(d.view()).toMatchObject({ step: 'booking', booking: { pnr: 'ANNA75' } });
    d.send({ type: 'back' });
    expect(d.view()).toMatchObject({ step: 'lookup', mode: 'menu' });
  });

  it('keeps what was typed and says "not found" for a wrong reference', async () => {
    const d = new Drive(airlineSeed).start(stranger());
    await d.settle();
    expect(d.view()).toMatchObject({ step: 'lookup', notice: 'notFound' });
    d.act({ type: 'useKeyboard' });
    d.act({ type: 'search' }); // incomplete form: nothing is sent
    expect(d.calls).toHaveLength(0);
    for (const key of 'ZZZZ99') d.act({ type: 'type', char: key });
    for (const key of 'NOBODY') d.act({ type: 'type', char: key });
    d.act({ type: 'search' });
    await d.settle();
    expect(d.view()).toMatchObject({ step: 'lookup', mode: 'keyboard', pnr: 'ZZZZ99', surname: 'NOBODY', notice: 'notFound', searching: false });
  });

  /** ERIKSSON whose document lookup found nothing (answered by hand), on the lookup menu. */
  const annaOnLookup = () => {
    const d = new Drive(airlineSeed).start(readDocument(travellers.anna));
    d.answer({ type: 'bookings', result: { ok: false, error: { code: 'booking-not-found', message: 'x' } } });
    return d;
  };

  it('finds the booking from an existing boarding pass (BCBP) on the scanner', async () => {
    const d = annaOnLookup();
    const pass = buildBcbp({
      passengerName: 'ERIKSSON/ANNA MARIA',
      issuedOn: '2026-11-27',
      issuer: 'UT',
      legs: [{ pnr: 'ANNA74', from: 'HKG', to: 'PEK', carrier: 'UT', flightNumber: '801', date: '2026-11-28', cabin: 'Y', seat: '24A', sequenceNumber: 7 }],
    });
    d.send({ type: 'scan', scan: { symbology: 'PDF417', text: pass } });
    expect(d.calls[0]?.call).toEqual({ type: 'findBookings', query: { kind: 'barcode', text: pass } });
    expect(d.view()).toMatchObject({ step: 'lookup', searching: true });
    await d.settle();
    expect(d.view()).toMatchObject({ step: 'booking', booking: { pnr: 'ANNA74' } });
  });

  it('finds the booking from a booking confirmation barcode', async () => {
    const d = annaOnLookup();
    d.send({ type: 'scan', scan: { symbology: 'QR', text: 'ANNA74/ERIKSSON' } });
    await d.settle();
    expect(d.view()).toMatchObject({ step: 'booking', booking: { pnr: 'ANNA74' } });
  });

  it('says the barcode is not a booking when it cannot be read as one', async () => {
    const d = annaOnLookup();
    d.send({ type: 'scan', scan: { symbology: 'CODE128', text: '12345' } });
    await d.settle();
    expect(d.view()).toMatchObject({ step: 'lookup', notice: 'unreadableBarcode' });
  });

  it('ignores barcodes outside the lookup and while a search runs', async () => {
    const d = annaOnLookup();
    d.send({ type: 'scan', scan: { symbology: 'QR', text: 'ANNA74/ERIKSSON' } });
    d.send({ type: 'scan', scan: { symbology: 'QR', text: 'FAM2PX/MUSTERMANN' } });
    expect(d.calls).toHaveLength(1);
    await d.settle();
    d.send({ type: 'scan', scan: { symbology: 'QR', text: 'FAM2PX/MUSTERMANN' } });
    expect(d.calls).toHaveLength(0);
  });

  it('refuses a booking the traveller is not on', async () => {
    const d = annaOnLookup();
    d.send({ type: 'scan', scan: { symbology: 'QR', text: 'FAM2PX/MUSTERMANN' } });
    await d.settle();
    expect(d.view()).toEqual({ step: 'refused', reason: 'notOnBooking', at: null, flight: null, timeZone: null });
    d.send({ type: 'back' });
    expect(d.view()).toMatchObject({ step: 'lookup', mode: 'menu' });
  });

  it('never accepts a near name match: the booking spelled differently goes to the counter', async () => {
    // ANNA MARYA on the document, ANNA MARIA on the booking: a typo, `near`.
    const d = new Drive(airlineSeed).start(readDocument({ ...travellers.anna, givenNames: 'ANNA MARYA' }));
    d.answer({ type: 'bookings', result: { ok: false, error: { code: 'name-mismatch', message: 'x', nameMatch: 'near:typo' } } });
    expect(d.view()).toMatchObject({ step: 'lookup', notice: 'nameMismatch' });
    d.send({ type: 'scan', scan: { symbology: 'QR', text: 'ANNA74/ERIKSSON' } });
    await d.settle();
    expect(d.view()).toEqual({ step: 'refused', reason: 'nameMismatch', at: null, flight: null, timeZone: null });
  });

  it('asks the real DCS by document and shows a near match as not accepted', async () => {
    const d = new Drive(airlineSeed).start(readDocument({ ...travellers.anna, givenNames: 'ANNA MARYA' }));
    await d.settle();
    expect(d.view()).toMatchObject({ step: 'lookup', notice: 'nameMismatch' });
  });

  it('says the DCS is unavailable when it cannot be reached', () => {
    const d = new Drive(airlineSeed).start(readDocument(travellers.anna));
    d.answer({ type: 'bookings', result: { ok: false, error: { code: 'timeout', message: 'x' } } });
    expect(d.view()).toMatchObject({ step: 'lookup', notice: 'unavailable' });
  });

  it('treats a malformed runner answer as unavailable, never as a booking', () => {
    const d = new Drive(airlineSeed).start(readDocument(travellers.anna));
    d.answer({ ok: false, error: 'internal' });
    expect(d.view()).toMatchObject({ step: 'lookup', notice: 'unavailable' });
  });

  it('ignores a search answer after the traveller went back from it (stale)', () => {
    const d = annaOnLookup();
    d.act({ type: 'useKeyboard' });
    for (const key of 'ANNA74ERIKSSON') d.act({ type: 'type', char: key });
    d.act({ type: 'search' });
    d.send({ type: 'back' }); // abandons the search
    expect(d.view()).toMatchObject({ step: 'lookup', searching: false });
    d.answer({ type: 'bookings', result: { ok: true, value: [] } });
    expect(d.view()).toMatchObject({ step: 'lookup', notice: null });
  });
});

describe('airport flow: rules', () => {
  it('refuses a traveller whose document was not verified', () => {
    const d = new Drive(airlineSeed).start(readDocument(travellers.anna), 'notChecked');
    expect(d.calls).toHaveLength(0);
    expect(d.view()).toEqual({ step: 'refused', reason: 'notVerified', at: null, flight: null, timeZone: null });
    d.act({ type: 'finish' });
    expect(d.exited).toBe('done');
  });

  it('lets an unverified traveller look up when the venue does not require verification (the DCS decides)', async () => {
    const d = new Drive(airlineSeed, { requireVerification: false }).start(readDocument(travellers.anna), 'notChecked');
    await d.settle();
    expect(d.step).toBe('booking');
    await d.startPrinters();
    await toConfirm(d);
    d.act({ type: 'confirm' });
    await d.settle();
    expect(d.checkInCalls()[0]?.request.passengers[0]?.document.holderVerified).toBe(false);
    expect(d.view()).toEqual({ step: 'refused', reason: 'notVerified', at: null, flight: null, timeZone: null });
  });

  it('refuses a cancelled flight', async () => {
    const d = new Drive(airlineSeed).start(readDocument(travellers.smith));
    await d.settle();
    expect(d.view()).toEqual({ step: 'refused', reason: 'flightCancelled', at: null, flight: 'UT803', timeZone: 'Asia/Hong_Kong' });
  });

  it('refuses before check-in opens, saying when it opens', async () => {
    const d = new Drive(airlineSeed).start(readDocument(travellers.lin));
    await d.settle();
    const view = d.view();
    expect(view).toMatchObject({ step: 'refused', reason: 'checkInNotOpen', flight: 'UT805' });
    expect(view.step === 'refused' && view.at ? Date.parse(view.at) : 0).toBeGreaterThan(Date.parse('2026-11-28T02:00:00Z'));
  });

  it('refuses after check-in closed', async () => {
    const d = new Drive(airlineSeed).start(readDocument(travellers.stevenson));
    await d.settle();
    expect(d.view()).toMatchObject({ step: 'refused', reason: 'checkInClosed', flight: 'UT807' });
  });

  it('refuses a document that expires before the flight', async () => {
    const d = new Drive(airlineSeed).start(readDocument(travellers.anna, { expiryDate: '2026-11-27' }));
    await d.settle();
    expect(d.view()).toEqual({ step: 'refused', reason: 'documentExpires', at: null, flight: null, timeZone: null });
    d.send({ type: 'back' }); // to find another booking, then out
    expect(d.view()).toMatchObject({ step: 'lookup', mode: 'menu', notice: null });
    d.send({ type: 'back' });
    expect(d.exited).toBe('cancel');
  });

  it('maps each DCS refusal at check-in to its screen', async () => {
    const cases = [
      ['holder-not-verified', { step: 'refused', reason: 'notVerified' }],
      ['document-expires-before-travel', { step: 'refused', reason: 'documentExpires' }],
      ['flight-cancelled', { step: 'refused', reason: 'flightCancelled', flight: 'UT801' }],
      ['check-in-not-open', { step: 'refused', reason: 'checkInNotOpen', at: '2026-11-29T00:00:00.000Z' }],
      ['check-in-closed', { step: 'refused', reason: 'checkInClosed' }],
      ['name-mismatch', { step: 'refused', reason: 'nameMismatch' }],
      ['bag-allowance-exceeded', { step: 'bags', notice: 'bagAllowanceExceeded' }],
      ['dangerous-goods-not-acknowledged', { step: 'dangerousGoods' }],
      ['seat-unavailable', { step: 'seats', notice: 'seatUnavailable' }],
      ['idempotency-conflict', { step: 'refused', reason: 'unavailable' }],
    ] as const;
    for (const [code, expected] of cases) {
      const d = await annaAtBooking();
      await toConfirm(d);
      d.act({ type: 'confirm' });
      d.answer({ type: 'checkIn', result: { ok: false, error: { code, message: 'x', segmentId: 'S1', ...(code === 'check-in-not-open' ? { at: '2026-11-29T00:00:00.000Z' } : {}) } } });
      expect(d.view(), code).toMatchObject(expected);
    }
  });
});

describe('airport flow: further passengers', () => {
  async function familyAtPassengers(): Promise<Drive> {
    const d = new Drive(airlineSeed).start(readDocument(travellers.erika));
    await d.settle();
    d.act({ type: 'continue' });
    return d;
  }

  it('does not add a passenger whose document the platform did not verify', async () => {
    const d = await familyAtPassengers();
    d.send({ type: 'document', document: readDocument(travellers.jonas) });
    d.verify({ outcome: 'not_verified', reason: 'mismatch' });
    expect(d.view()).toMatchObject({ passengers: [{ state: 'included' }, { id: 'P2', state: 'waiting' }], notice: 'passengerNotVerified', noticeName: 'MUSTERMANN/JONAS MSTR' });
  });

  it('does not add a passenger when the platform cannot be asked', async () => {
    const d = await familyAtPassengers();
    d.send({ type: 'document', document: readDocument(travellers.jonas) });
    d.verify({ outcome: 'unavailable', reason: 'timeout' });
    expect(d.view()).toMatchObject({ passengers: [{}, { state: 'waiting' }], notice: 'passengerVerifyUnavailable' });
  });

  it('ignores a verification answer for another request (stale) and documents placed while one is verified', async () => {
    const d = await familyAtPassengers();
    d.send({ type: 'document', document: readDocument(travellers.jonas) });
    const pending = d.verifies[0]?.requestId ?? 0;
    d.send({ type: 'document', document: readDocument(travellers.jonas) });
    expect(d.verifies).toHaveLength(1);
    d.verify({ outcome: 'verified' }, pending + 100);
    expect(d.view()).toMatchObject({ passengers: [{}, { state: 'verifying' }] });
    d.act({ type: 'continue' }); // cannot leave while a passenger is being verified
    expect(d.step).toBe('passengers');
    d.verify({ outcome: 'verified' }, pending);
    expect(d.view()).toMatchObject({ passengers: [{}, { state: 'included' }] });
  });

  it('says a document is not on the booking, already added, expiring or close-but-not-equal in name', async () => {
    const d = await familyAtPassengers();
    d.send({ type: 'document', document: readDocument(travellers.anna) });
    expect(d.view()).toMatchObject({ notice: 'passengerNotOnBooking', noticeName: null });
    d.send({ type: 'document', document: readDocument(travellers.erika) });
    expect(d.view()).toMatchObject({ notice: 'passengerAlreadyAdded', noticeName: 'MUSTERMANN/ERIKA MRS' });
    d.send({ type: 'document', document: readDocument(travellers.jonas, { expiryDate: '2026-11-27' }) });
    expect(d.view()).toMatchObject({ notice: 'passengerDocumentExpires', noticeName: 'MUSTERMANN/JONAS MSTR' });
    d.send({ type: 'document', document: readDocument(travellers.jonas, { givenNames: 'JONAZ' }) });
    expect(d.view()).toMatchObject({ notice: 'nameMismatch', noticeName: 'MUSTERMANN/JONAS MSTR' });
    expect(d.verifies).toHaveLength(0);
  });

  it('treats a family member who only shares the surname as not on the booking, not as a near match', async () => {
    const d = await familyAtPassengers();
    d.send({ type: 'document', document: readDocument(travellers.jonas, { givenNames: 'MAXIMILIAN' }) });
    expect(d.view()).toMatchObject({ notice: 'passengerNotOnBooking', noticeName: null });
    expect(d.verifies).toHaveLength(0);
  });

  it('shows an unreadable document and lets the passenger be removed again', async () => {
    const d = await familyAtPassengers();
    d.send({ type: 'unreadable', code: 'check_digits' });
    expect(d.view()).toMatchObject({ notice: 'documentUnreadable' });
    d.send({ type: 'document', document: readDocument(travellers.jonas) });
    d.verify({ outcome: 'verified' });
    d.act({ type: 'removePassenger', passengerId: 'P1' }); // the traveller who started cannot be removed
    d.act({ type: 'removePassenger', passengerId: 'P2' });
    expect(d.view()).toMatchObject({ passengers: [{ state: 'included' }, { state: 'waiting' }] });
  });

  it('adds further passengers without verification only when the venue has no platform and does not require it', async () => {
    const d = new Drive(airlineSeed, { requireVerification: false }).start(readDocument(travellers.erika), 'notChecked');
    await d.settle();
    d.act({ type: 'continue' });
    d.send({ type: 'document', document: readDocument(travellers.jonas) });
    expect(d.verifies).toHaveLength(0);
    expect(d.view()).toMatchObject({ passengers: [{}, { state: 'included' }] });
  });

  it('ignores documents on every step other than passengers', async () => {
    const d = await annaAtBooking();
    d.send({ type: 'document', document: readDocument(travellers.erika) });
    expect(d.view()).toMatchObject({ step: 'booking' });
    expect(d.verifies).toHaveLength(0);
  });
});

describe('airport flow: seats, bags', () => {
  it('refuses a taken or blocked seat without asking the DCS, and reloads the map when the DCS refuses', async () => {
    const d = await annaAtBooking();
    d.act({ type: 'continue' }).act({ type: 'continue' });
    await d.settle();
    d.act({ type: 'chooseSeat', seat: '20A' });
    expect(d.view()).toMatchObject({ step: 'seats', notice: 'seatUnavailable' });
    d.act({ type: 'chooseSeat', seat: '27A' });
    expect(d.calls).toHaveLength(0);
    d.act({ type: 'chooseSeat', seat: '26A' });
    d.answer({ type: 'seat', result: { ok: false, error: { code: 'seat-unavailable', message: 'x' } } });
    expect(d.view()).toMatchObject({ step: 'seats', notice: 'seatUnavailable', seatMap: null, busy: true });
    await d.settle();
    expect(d.view()).toMatchObject({ step: 'seats', notice: 'seatUnavailable', busy: false });
  });

  it('keeps going without a seat map when it cannot be loaded (seats are given at check-in)', async () => {
    const d = await annaAtBooking();
    d.act({ type: 'continue' }).act({ type: 'continue' });
    d.answer({ type: 'seatMap', result: { ok: false, error: { code: 'unavailable', message: 'x' } } });
    expect(d.view()).toMatchObject({ step: 'seats', seatMap: null, notice: 'unavailable', busy: false });
    d.act({ type: 'continue' });
    expect(d.step).toBe('dangerousGoods');
  });

  it('keeps bags within the allowance', async () => {
    const d = await annaAtBooking();
    d.act({ type: 'continue' }).act({ type: 'continue' });
    await d.settle();
    d.act({ type: 'continue' }).act({ type: 'acknowledgeDangerousGoods' });
    d.act({ type: 'setBags', passengerId: 'P1', bags: 2 });
    expect(d.view()).toEqual({ step: 'bags', passengers: [{ id: 'P1', name: 'ERIKSSON/ANNA MARIA MS', allowance: 1, bags: 0 }], notice: 'bagAllowanceExceeded' });
    d.act({ type: 'setBags', passengerId: 'P9', bags: 1 });
    expect(d.view()).toMatchObject({ passengers: [{ bags: 0 }] });
  });

  it('needs the dangerous-goods notice acknowledged before bags', async () => {
    const d = await annaAtBooking();
    d.act({ type: 'continue' }).act({ type: 'continue' });
    await d.settle();
    d.act({ type: 'continue' });
    d.act({ type: 'continue' });
    expect(d.step).toBe('dangerousGoods');
    d.act({ type: 'acknowledgeDangerousGoods' });
    expect(d.step).toBe('bags');
  });
});

describe('airport flow: idempotent check-in and printing', () => {
  it('retries a check-in whose answer was lost with the same idempotency key, and checks in once', async () => {
    const d = await annaAtBooking();
    await d.startPrinters();
    await toConfirm(d, { P1: 1 });
    d.act({ type: 'confirm' });
    d.answer({ type: 'printers', ready: { receipt: true, bagTag: true } });
    // The DCS checked in, but the answer was lost on the way back.
    const first = d.calls.shift();
    if (first?.call.type !== 'checkIn') throw new Error('expected a check-in call');
    await d.run(first.call, new AbortController().signal);
    d.send({ type: 'reply', requestId: first.requestId, reply: { type: 'checkIn', result: { ok: false, error: { code: 'timeout', message: 'x' } } } });
    expect(d.view()).toEqual({ step: 'checkingIn', failed: 'unavailable' });
    d.send({ type: 'back' });
    expect(d.step).toBe('confirm');
    d.act({ type: 'confirm' }); // the same request again
    d.answer({ type: 'checkIn', result: { ok: false, error: { code: 'unavailable', message: 'x' } } });
    d.act({ type: 'retry' });
    await d.settle();
    expect(d.view()).toEqual({ step: 'done', boardingPasses: 1, bagTags: 1 });
    const keys = d.checkInCalls().map((c) => c.idempotencyKey);
    expect(keys).toEqual(['key-1', 'key-1', 'key-1']);
    const booking = simBooking(d, 'ANNA74');
    expect(booking.passengers[0]?.segments[0]?.checkedIn).toBe(true);
    expect(booking.apis[0]?.bagTags).toHaveLength(1);
  });

  it('uses a new key when the request changed after a refusal', async () => {
    const d = await annaAtBooking();
    await toConfirm(d);
    d.act({ type: 'confirm' });
    d.answer({ type: 'checkIn', result: { ok: false, error: { code: 'bag-allowance-exceeded', message: 'x' } } });
    d.act({ type: 'setBags', passengerId: 'P1', bags: 1 }).act({ type: 'continue' }).act({ type: 'confirm' });
    d.answer({ type: 'printers', ready: { receipt: true, bagTag: true } });
    expect(d.checkInCalls().map((c) => c.idempotencyKey)).toEqual(['key-1', 'key-2']);
  });

  it('ignores a stale check-in answer and waits while the DCS is asked', async () => {
    const d = await annaAtBooking();
    await toConfirm(d);
    d.act({ type: 'confirm' });
    d.send({ type: 'back' });
    d.act({ type: 'retry' });
    expect(d.view()).toEqual({ step: 'checkingIn', failed: null });
    d.send({ type: 'reply', requestId: 999, reply: { type: 'checkIn', result: { ok: false, error: { code: 'timeout', message: 'x' } } } });
    expect(d.view()).toEqual({ step: 'checkingIn', failed: null });
  });

  it('does not check in while a printer this check-in needs is not ready, and checks in once it is', async () => {
    const d = await annaAtBooking();
    await toConfirm(d, { P1: 1 });
    d.bagTag.paperOut();
    d.act({ type: 'confirm' });
    await d.settle();
    expect(d.view()).toEqual({ step: 'checkingIn', failed: 'printer' });
    expect(d.checkInCalls()).toHaveLength(0);
    expect(simBooking(d, 'ANNA74').passengers[0]?.segments[0]?.checkedIn).toBe(false);
    d.bagTag.paperIn();
    d.act({ type: 'retry' });
    await d.settle();
    expect(d.view()).toEqual({ step: 'done', boardingPasses: 1, bagTags: 1 });
    expect(d.checkInCalls()).toHaveLength(1);
  });

  it('needs the bag-tag printer only when bags are checked', async () => {
    const d = await annaAtBooking();
    await toConfirm(d);
    d.bagTag.offline();
    d.act({ type: 'confirm' });
    await d.settle();
    expect(d.view()).toEqual({ step: 'done', boardingPasses: 1, bagTags: 0 });
  });

  it('tells the traveller when paper runs out mid-print and resumes after paper-in without checking in again', async () => {
    const d = new Drive(airlineSeed).start(readDocument(travellers.erika));
    await d.settle();
    d.act({ type: 'continue' });
    d.send({ type: 'document', document: readDocument(travellers.jonas) });
    d.verify({ outcome: 'verified' });
    await d.startPrinters();
    await toConfirm(d, { P1: 1 });
    d.receipt.paperOut(3); // the first boarding pass stops after three blocks
    d.act({ type: 'confirm' });
    await d.settle();
    expect(d.view()).toEqual({ step: 'printing', total: 3, printed: 0, current: 'boardingPass', fault: { printer: 'receipt', kind: 'paperOut' } });
    expect(d.receipt.status()).toMatchObject({ state: 'unavailable', code: 'MEDIA_EMPTY' });
    // Were the traveller to walk away now, staff would be told what is left to print, without names.
    const note = d.flow.abandoned?.(d.state) ?? '';
    expect(note).toContain('3 of 3 boarding passes/bag tags unprinted');
    expect(note).not.toMatch(/MUSTERMANN|ERIKA|C01X/);
    expect(d.calls.map((c) => c.call.type)).toEqual(['awaitPrinter']);
    expect(d.receipt.printed()).toHaveLength(0);

    const waiting = d.settle({ awaitPrinter: true });
    d.receipt.paperIn();
    await waiting;
    expect(d.view()).toEqual({ step: 'done', boardingPasses: 2, bagTags: 1 });
    expect(d.flow.abandoned?.(d.state)).toBeNull();
    expect(d.checkInCalls()).toHaveLength(1);
    expect(d.receipt.printed()).toHaveLength(2);
    expect(d.bagTag.printed()).toHaveLength(1);
  });

  it('reprints when the traveller asks, after the bag-tag printer went offline, and never prints a job twice', async () => {
    const d = await annaAtBooking();
    await d.startPrinters();
    await toConfirm(d, { P1: 1 });
    d.bagTag.offline(0); // goes offline when the tag starts printing
    d.act({ type: 'confirm' });
    await d.settle();
    expect(d.view()).toEqual({ step: 'printing', total: 2, printed: 1, current: 'bagTag', fault: { printer: 'bagTag', kind: 'offline' } });
    d.act({ type: 'retry' }); // still offline
    await d.settle();
    expect(d.view()).toMatchObject({ printed: 1, fault: { printer: 'bagTag', kind: 'offline' } });
    d.bagTag.online();
    d.act({ type: 'retry' });
    await d.settle();
    expect(d.view()).toEqual({ step: 'done', boardingPasses: 1, bagTags: 1 });
    expect(d.receipt.printed()).toHaveLength(1);
    expect(d.bagTag.printed()).toHaveLength(1);
    expect(d.checkInCalls()).toHaveLength(1);
  });

  it('stops reprinting by itself after the configured number of attempts', async () => {
    const d = new Drive(airlineSeed, { maxAutoReprints: 1 }).start(readDocument(travellers.anna));
    await d.settle();
    await toConfirm(d);
    d.receipt.offline(0);
    d.act({ type: 'confirm' });
    await d.settle(); // the boarding pass fails: NOT_REACHABLE
    d.answer({ type: 'printerReady' }); // one automatic reprint
    await d.settle();
    d.answer({ type: 'printerReady' });
    expect(d.calls).toHaveLength(0);
    expect(d.view()).toMatchObject({ step: 'printing', fault: { kind: 'offline' } });
  });

  it('does not go back once checked in, and finishes from done', async () => {
    const d = await annaAtBooking();
    await d.startPrinters();
    await toConfirm(d);
    d.act({ type: 'confirm' });
    await d.settle();
    d.send({ type: 'back' });
    expect(d.step).toBe('done');
    d.act({ type: 'finish' });
    expect(d.exited).toBe('done');
  });
});

describe('airport flow: navigation and privacy', () => {
  it('goes back one step at a time and leaves from the first step with cancel', async () => {
    const d = await annaAtBooking();
    d.act({ type: 'continue' }).act({ type: 'continue' });
    await d.settle();
    d.act({ type: 'continue' }).act({ type: 'acknowledgeDangerousGoods' }).act({ type: 'continue' });
    const trail: string[] = [d.step];
    for (let i = 0; i < 5; i++) {
      d.send({ type: 'back' });
      trail.push(d.step);
      await d.settle();
    }
    expect(trail).toEqual(['confirm', 'bags', 'dangerousGoods', 'seats', 'passengers', 'booking']);
    d.send({ type: 'back' });
    expect(d.step).toBe('lookup');
    d.send({ type: 'back' });
    expect(d.exited).toBe('cancel');
  });

  it('leaves with cancel when back is pressed while searching, and steps back from the keyboard to the menu', () => {
    const a = new Drive(airlineSeed).start(readDocument(travellers.anna));
    a.send({ type: 'back' });
    expect(a.exited).toBe('cancel');
    const b = new Drive(airlineSeed).start(readDocument(travellers.anna));
    b.answer({ type: 'bookings', result: { ok: false, error: { code: 'booking-not-found', message: 'x' } } });
    b.act({ type: 'useKeyboard' }).send({ type: 'back' });
    expect(b.view()).toMatchObject({ step: 'lookup', mode: 'menu' });
    b.send({ type: 'back' });
    expect(b.exited).toBe('cancel');
  });

  it('never shows a document number or a birth date on any step', async () => {
    const d = new Drive(airlineSeed).start(readDocument(travellers.erika));
    const seen: string[] = [];
    const look = () => seen.push(JSON.stringify(d.view()));
    await d.settle();
    look();
    d.act({ type: 'continue' });
    d.send({ type: 'document', document: readDocument(travellers.jonas) });
    look();
    d.verify({ outcome: 'verified' });
    look();
    await d.startPrinters();
    await toConfirm(d, { P1: 1 });
    look();
    d.act({ type: 'confirm' });
    look();
    await d.settle();
    look();
    for (const text of seen) {
      for (const secret of ['C01X0006H', 'C01X0007K', '1964-08-12', '2016-03-01']) expect(text).not.toContain(secret);
    }
  });

  it('starts at the lookup when the document carries no number to search by', () => {
    const document = { ...readDocument(travellers.anna), documentNumber: null };
    const d = new Drive(airlineSeed).start(document);
    expect(d.calls).toHaveLength(0);
    expect(d.view()).toMatchObject({ step: 'lookup', mode: 'menu', notice: null });
  });
});

describe('airport flow: twin passengers (the same name twice on one booking)', () => {
  /** A booking with ERIKA and two passengers named CHAN/TAIMAN MR, or ERIKA twice when `twinTraveller`. */
  function twinsSeed(twinTraveller: boolean): AirlineSeed {
    const passenger = (id: string, name: string, ticket: string, documentNumber: string | null) => ({
      id, name, type: 'ADT' as const, ticketNumber: ticket, documentNumber, bagAllowance: { pieces: 1, weightKg: 23 }, seats: {},
    });
    const passengers = twinTraveller
      ? [passenger('P1', 'MUSTERMANN/ERIKA MRS', '9872400000091', 'C01X0006H'), passenger('P2', 'MUSTERMANN/ERIKA MRS', '9872400000092', null)]
      : [passenger('P1', 'MUSTERMANN/ERIKA MRS', '9872400000091', 'C01X0006H'), passenger('P2', 'CHAN/TAIMAN MR', '9872400000092', null), passenger('P3', 'CHAN/TAIMAN MR', '9872400000093', null)];
    return { ...airlineSeed, bookings: [{ pnr: 'TWINS1', passengers, segments: [{ id: 'S1', flight: 'UT809', cabin: 'Y' }] }] };
  }

  it('sends the traveller to the counter when two passengers match their document equally, never guessing one', async () => {
    const d = new Drive(twinsSeed(true)).start(readDocument(travellers.erika));
    await d.settle();
    expect(d.view()).toMatchObject({ step: 'refused', reason: 'ambiguousPassenger' });
    expect(d.state.included).toEqual([]);
  });

  it('does not add a further passenger whose name two passengers share, and asks no verification for them', async () => {
    const d = new Drive(twinsSeed(false)).start(readDocument(travellers.erika));
    await d.settle();
    d.act({ type: 'continue' });
    d.send({ type: 'document', document: readDocument(travellers.chan) });
    expect(d.view()).toMatchObject({ step: 'passengers', notice: 'passengerAmbiguous', noticeName: null });
    expect(d.verifies).toHaveLength(0);
    expect(d.state.included.map((i) => i.passengerId)).toEqual(['P1']);
  });

  it('takes the exact name over a passenger whose name only matches by rule', async () => {
    const seedWithBoth = twinsSeed(false);
    const booking = seedWithBoth.bookings[0];
    if (!booking) throw new Error('no booking');
    const exact = { ...seedWithBoth, bookings: [{ ...booking, passengers: booking.passengers.map((p) => (p.id === 'P3' ? { ...p, name: 'CHAN/TAI MAN MR' } : p)) }] };
    const d = new Drive(exact).start(readDocument(travellers.erika));
    await d.settle();
    d.act({ type: 'continue' });
    d.send({ type: 'document', document: readDocument(travellers.chan) });
    d.verify({ outcome: 'verified' });
    expect(d.state.included.map((i) => i.passengerId)).toEqual(['P1', 'P3']);
  });
});

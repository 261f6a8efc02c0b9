import { describe, expect, it } from 'vitest';
import { hotelViewSchema, type HotelAction } from '../../../electron/contract/hotel.ts';
import type { FlowInput, FlowStep, VerifiedTraveller } from '../../../electron/session/flow.ts';
import type { HotelCall, HotelReply } from '../../../electron/session/hotel/hotel-calls.ts';
import { createHotelFlow, type HotelFlowOptions, type HotelState } from '../../../electron/session/hotel/hotel-flow.ts';
import { fakeDocument } from '../../support/documents.ts';
import { anna, erik, guest, onlyCall, reservation, stateOf, stranger, twoGuests } from './fixtures.ts';

const now = Date.parse('2026-11-28T06:30:00Z');
const ctx = { now };
const defaults: HotelFlowOptions = { kioskId: 'KIOSK-1', requireVerification: true, faceCheck: false, maxKeys: 4 };

function harness(options: Partial<HotelFlowOptions> = {}, traveller: VerifiedTraveller = { document: anna, verification: 'verified' }) {
  const flow = createHotelFlow({ ...defaults, ...options });
  let step: FlowStep<HotelState, HotelCall> = flow.start(traveller, ctx);
  /** The last call emitted: later inputs that emit nothing leave it pending. */
  let pending = step.type === 'continue' && step.effects.some((e) => e.type === 'call') ? onlyCall(step) : null;
  const h = {
    flow,
    get step() {
      return step;
    },
    get state() {
      return stateOf(step);
    },
    get view() {
      const v = flow.view(stateOf(step));
      // Every view the UI could receive passes the contract.
      expect(hotelViewSchema.safeParse(v).success, JSON.stringify(v)).toBe(true);
      return v;
    },
    input(input: FlowInput<HotelAction, HotelReply>) {
      step = flow.reduce(stateOf(step), input, ctx);
      if (step.type === 'continue' && step.effects.some((e) => e.type === 'call')) pending = onlyCall(step);
      return h;
    },
    act(action: HotelAction) {
      return h.input({ type: 'action', action });
    },
    /** Answers the one pending call of the current step. */
    answer(result: unknown) {
      if (!pending) throw new Error('no call pending');
      const { requestId, call } = pending;
      pending = null;
      // The reply a runner gives: the call's type with its result (possibly malformed, as a buggy runner's).
      return h.input({ type: 'reply', requestId, reply: { type: call.type, result } as HotelReply });
    },
    call() {
      return onlyCall(step).call;
    },
  };
  return h;
}

const ok = <T>(value: T) => ({ ok: true, value });
const fail = (code: string, extra: Record<string, unknown> = {}) => ({ ok: false, error: { code, ...extra } });
const assigned = (r = reservation(), room = '1201') => ok({ ...r, roomNumber: room });

/** From start to the reservation screen with this reservation found by document. */
function atReservation(r = reservation(), options: Partial<HotelFlowOptions> = {}) {
  return harness(options).answer(ok([r]));
}

describe('hotel flow: finding the reservation', () => {
  it('looks the reservation up by the verified document number first', () => {
    const h = harness();
    expect(h.view).toEqual({ step: 'finding' });
    expect(h.call()).toEqual({ type: 'findReservations', query: { by: 'document', documentNumber: 'L898902C3' } });
  });

  it('refuses a document the platform did not verify when verification is required', () => {
    const h = harness({}, { document: anna, verification: 'notChecked' });
    expect(h.view).toEqual({ step: 'staffDesk', reason: 'notVerified' });
    expect(stateOf(h.step).requests.awaiting).toBeNull();
  });

  it('accepts an unchecked document when the site does not require verification', () => {
    const h = harness({ requireVerification: false }, { document: anna, verification: 'notChecked' });
    expect(h.call().type).toBe('findReservations');
  });

  it('shows the reservation found, with the traveller named in full and no document number', () => {
    const h = atReservation();
    expect(h.view).toEqual({
      step: 'reservation',
      reservation: {
        confirmationNumber: '80000004', guestName: 'ERIKSSON, ANNA MARIA', roomType: 'KING', roomNumber: null,
        arrivalDate: '2026-11-28', departureDate: '2026-11-30', nights: 2, adults: 1, children: 0,
      },
    });
    expect(JSON.stringify(h.view)).not.toContain('L898902C3');
  });

  it('tries the name when no profile holds the document, then asks for the confirmation number', () => {
    const h = harness().answer(ok([]));
    expect(h.call()).toEqual({ type: 'findReservations', query: { by: 'name', surname: 'ERIKSSON', givenNames: 'ANNA MARIA' } });
    h.answer(ok([]));
    expect(h.view).toEqual({ step: 'confirmation', entry: '', searching: false, problem: null });
  });

  it('asks for the confirmation number at once when the document has no number', () => {
    const h = harness({}, { document: fakeDocument({ documentNumber: null }), verification: 'verified' });
    expect(h.view).toEqual({ step: 'confirmation', entry: '', searching: false, problem: null });
  });

  it('types on the keyboard, erases, caps the length, and searches by confirmation number', () => {
    const h = harness().answer(ok([])).answer(ok([]));
    h.act({ type: 'search' });
    expect(h.step.type === 'continue' && h.step.effects).toEqual([]); // nothing typed: nothing to search
    for (const c of '800000049') h.act({ type: 'type', char: c });
    h.act({ type: 'erase' });
    expect(h.view).toMatchObject({ entry: '80000004' });
    for (let i = 0; i < 30; i++) h.act({ type: 'type', char: '1' });
    expect((h.view as { entry: string }).entry).toHaveLength(20);
    for (let i = 0; i < 12; i++) h.act({ type: 'erase' });
    h.act({ type: 'search' });
    expect(h.call()).toEqual({ type: 'findReservations', query: { by: 'confirmation', confirmationNumber: '80000004' } });
    expect(h.view).toMatchObject({ step: 'confirmation', searching: true });
    h.act({ type: 'type', char: 'X' }); // keyboard locked while searching
    expect(h.view).toMatchObject({ entry: '80000004' });
    h.answer(ok([reservation()]));
    expect(h.view.step).toBe('reservation');
    h.input({ type: 'back' });
    expect(h.view).toEqual({ step: 'confirmation', entry: '80000004', searching: false, problem: null });
    h.input({ type: 'back' });
    expect(h.step).toEqual({ type: 'exit', reason: 'cancel' });
  });

  it('says when no reservation has that number, and clears the message when typing again', () => {
    const h = harness().answer(ok([])).answer(ok([]));
    h.act({ type: 'type', char: '9' }).act({ type: 'search' }).answer(fail('not-found'));
    expect(h.view).toMatchObject({ step: 'confirmation', problem: 'notFound' });
    h.act({ type: 'type', char: '9' }).act({ type: 'search' }).answer(ok([]));
    expect(h.view).toMatchObject({ problem: 'notFound' });
    h.act({ type: 'erase' });
    expect(h.view).toMatchObject({ problem: null });
  });

  it('tells a cancelled or already checked-in reservation apart, and a PMS that does not answer', () => {
    expect(harness().answer(ok([reservation({ status: 'cancelled' })])).view).toMatchObject({ step: 'confirmation', problem: 'cancelled' });
    expect(harness().answer(ok([reservation({ status: 'checked-in' })])).view).toMatchObject({ step: 'confirmation', problem: 'alreadyCheckedIn' });
    expect(harness().answer(fail('unreachable')).view).toMatchObject({ step: 'confirmation', problem: 'unavailable' });
    expect(harness().answer({ ok: false, error: 'internal' }).view).toMatchObject({ step: 'confirmation', problem: 'unavailable' });
  });

  it('prefers the reservation that is due in over older ones', () => {
    const h = harness().answer(ok([reservation({ status: 'checked-in', confirmationNumber: '1' }), reservation({ confirmationNumber: '2' })]));
    expect(h.view).toMatchObject({ step: 'reservation', reservation: { confirmationNumber: '2' } });
  });

  it('sends a traveller who is not a guest on the reservation to the staff desk', () => {
    const h = harness({}, { document: stranger, verification: 'verified' }).answer(ok([])).answer(ok([]));
    h.act({ type: 'type', char: '8' }).act({ type: 'search' }).answer(ok([reservation()]));
    expect(h.view).toEqual({ step: 'staffDesk', reason: 'notOnReservation' });
    h.input({ type: 'back' });
    expect(h.step).toEqual({ type: 'exit', reason: 'cancel' });
  });

  it('lets a traveller the booking does not name take an unnamed adult place', () => {
    const h = harness({}, { document: stranger, verification: 'verified' }).answer(ok([reservation({ adults: 2 })]));
    expect(h.view.step).toBe('reservation');
    h.act({ type: 'continue' });
    expect(h.view).toMatchObject({ step: 'guests', guests: [{ status: 'waiting', self: false }, { name: null, self: true, status: 'verified' }] });
  });

  it('goes to the staff desk when the document lacks what the police registration needs', () => {
    const noSex = fakeDocument({ sex: '<' });
    const h = harness({}, { document: noSex, verification: 'verified' }).answer(ok([reservation({ guests: [guest(anna, { sex: null })] })]));
    expect(h.view).toEqual({ step: 'staffDesk', reason: 'cannotRegister' });
  });

  it('ignores a result that answers another request', () => {
    const h = harness();
    const { requestId } = onlyCall(h.step);
    h.input({ type: 'reply', requestId: requestId + 7, reply: { type: 'findReservations', result: { ok: true, value: [reservation()] } } });
    expect(h.view).toEqual({ step: 'finding' });
    h.input({ type: 'back' });
    expect(h.step).toEqual({ type: 'exit', reason: 'cancel' });
  });
});

describe('hotel flow: one guest, happy path', () => {
  it('deposit, room, registration written with the check-in, keys, slip, done', () => {
    const h = atReservation();
    h.act({ type: 'continue' });
    expect(h.view).toEqual({ step: 'deposit', amountMinor: 60000, currency: 'CNY', status: 'ready' });
    h.act({ type: 'pay' });
    expect(h.call()).toEqual({ type: 'preauthorize', reference: '80000004', amountMinor: 60000, currency: 'CNY' });
    expect(h.view).toMatchObject({ status: 'processing' });
    h.input({ type: 'back' }); // the terminal is working: back waits
    expect(h.view).toMatchObject({ step: 'deposit', status: 'processing' });
    h.answer(ok({ authorisation: 'AUTH1' }));
    expect(h.view).toEqual({ step: 'checkingIn' });
    expect(h.call()).toEqual({ type: 'assignRoom', reservationId: 'R1', roomNumber: null });
    h.answer(assigned());
    const checkIn = h.call();
    if (checkIn.type !== 'checkIn') throw new Error(checkIn.type);
    expect(checkIn.reservationId).toBe('R1');
    expect(checkIn.registrations).toHaveLength(1);
    expect(checkIn.registrations[0]).toMatchObject({
      hotelId: 'SIM01',
      kioskId: 'KIOSK-1',
      reservation: { confirmationNumber: '80000004', roomNumber: '1201', arrival: '2026-11-28T06:30:00.000Z', plannedDeparture: '2026-11-30' },
      guest: { surname: 'ERIKSSON', givenNames: 'ANNA MARIA', sex: 'F', birthDate: '1974-08-12', nationality: 'UTO', nameChinese: null },
      document: { type: 'passport', number: 'L898902C3', issuer: 'UTO' },
      verification: { method: 'document-only', faceConsent: null, faceMatch: null },
    });
    h.input({ type: 'back' }); // checking in: no way back
    expect(h.view).toEqual({ step: 'checkingIn' });
    h.answer(ok({ ...reservation(), status: 'checked-in', roomNumber: '1201' }));
    expect(h.view).toEqual({ step: 'keys', roomNumber: '1201', count: 1, max: 4, status: 'choose' });
    h.act({ type: 'setKeyCount', count: 2 });
    expect(h.view).toMatchObject({ count: 2 });
    h.act({ type: 'encode' });
    expect(h.call()).toEqual({ type: 'encodeKeys', reservationId: 'R1', count: 2 });
    expect(h.view).toMatchObject({ status: 'encoding' });
    h.answer(ok({ count: 2 }));
    expect(h.view).toEqual({ step: 'printing', roomNumber: '1201' });
    const print = h.call();
    if (print.type !== 'printSlip') throw new Error(print.type);
    expect(print.slip).toMatchObject({
      confirmationNumber: '80000004', roomNumber: '1201', keys: 2, departureDate: '2026-11-30',
      guests: [{ name: 'ERIKSSON ANNA MARIA', documentRef: 'L*****2C3' }], deposit: { amountMinor: 60000, currency: 'CNY' },
    });
    h.answer(ok(null));
    expect(h.view).toEqual({ step: 'done', roomNumber: '1201', departureDate: '2026-11-30', keys: 2, slipPrinted: true });
    h.input({ type: 'back' });
    expect(h.view.step).toBe('done');
    h.act({ type: 'finish' });
    expect(h.step).toEqual({ type: 'exit', reason: 'done' });
  });

  it('skips the deposit when none is due, and keeps the booked room', () => {
    const h = atReservation(reservation({ deposit: null, roomNumber: '1502' }));
    h.act({ type: 'continue' });
    expect(h.call()).toEqual({ type: 'assignRoom', reservationId: 'R1', roomNumber: '1502' });
  });

  it('offers at most the configured number of key cards', () => {
    const h = atReservation(reservation({ deposit: null }), { maxKeys: 2 });
    h.act({ type: 'continue' }).answer(assigned()).answer(ok(reservation()));
    expect(h.view).toMatchObject({ step: 'keys', max: 2 });
    h.act({ type: 'setKeyCount', count: 4 });
    expect(h.view).toMatchObject({ count: 2 });
  });

  it('records the Chinese name and the region of a Home Return Permit holder', () => {
    const permit = fakeDocument({
      documentCode: 'CR', issuer: 'CHN', nationality: 'CHN', documentNumber: 'H12345678', surname: 'CHAN', givenNames: 'TAI MAN',
      nameChinese: '陈大文', sex: 'M', birthDate: '1980-08-08', expiryDate: '2033-06-30',
    });
    const profile = guest(permit, { nameChinese: '陈大文', nationality: 'CHN', document: { type: 'hk-macao-permit', number: 'H12345678', issuer: 'CHN', expiryDate: '2033-06-30' } });
    const h = harness({}, { document: permit, verification: 'verified' }).answer(ok([reservation({ deposit: null, guests: [profile] })]));
    h.act({ type: 'continue' }).answer(assigned());
    const checkIn = h.call();
    if (checkIn.type !== 'checkIn') throw new Error(checkIn.type);
    expect(checkIn.registrations[0]).toMatchObject({
      guest: { nameChinese: '陈大文', region: 'HKG', nationality: 'CHN' },
      document: { type: 'hk-macao-permit', number: 'H12345678', issuer: 'CHN', expiryDate: '2033-06-30' },
    });
  });
});

describe('hotel flow: further guests', () => {
  const toGuests = (options: Partial<HotelFlowOptions> = {}) => atReservation(twoGuests(), options).act({ type: 'continue' });

  it('asks every adult for a document, names others masked until their own document is verified, and continues only when all are', () => {
    const h = toGuests();
    expect(h.view).toEqual({
      step: 'guests',
      guests: [
        { name: 'ERIKSSON, ANNA MARIA', self: true, status: 'verified' },
        { name: 'L******** E***', self: false, status: 'waiting' },
      ],
      problem: null,
      complete: false,
    });
    h.act({ type: 'continue' });
    expect(h.view.step).toBe('guests');
    h.input({ type: 'document', document: erik });
    const effects = h.step.type === 'continue' ? h.step.effects : [];
    expect(effects).toHaveLength(1);
    expect(effects[0]).toMatchObject({ type: 'verify', document: erik });
    expect(h.view).toMatchObject({ guests: [{ status: 'verified' }, { status: 'verifying' }] });
    h.input({ type: 'document', document: stranger }); // one verification at a time
    expect(h.view).toMatchObject({ guests: [{}, { status: 'verifying' }], problem: null });
    const requestId = (effects[0] as { requestId: number }).requestId;
    h.input({ type: 'verification', requestId: requestId + 1, outcome: { outcome: 'verified' } });
    expect(h.view).toMatchObject({ complete: false });
    h.input({ type: 'verification', requestId, outcome: { outcome: 'verified' } });
    expect(h.view).toMatchObject({ guests: [{ status: 'verified' }, { status: 'verified' }], complete: true });
    // The second guest stood at the kiosk with their own document: their name is no longer masked.
    expect(h.view).toMatchObject({ guests: [{ name: 'ERIKSSON, ANNA MARIA' }, { name: 'LINDQVIST, ERIK', self: false }] });
    h.act({ type: 'continue' });
    expect(h.view.step).toBe('deposit');
    h.act({ type: 'pay' }).answer(ok({ authorisation: 'A' })).answer(assigned(twoGuests(), '1202'));
    const checkIn = h.call();
    if (checkIn.type !== 'checkIn') throw new Error(checkIn.type);
    expect(checkIn.registrations.map((r) => [r.guest.surname, r.document.number, r.reservation.roomNumber])).toEqual([
      ['ERIKSSON', 'L898902C3', '1202'],
      ['LINDQVIST', 'UF7730245', '1202'],
    ]);
    expect(new Set(checkIn.registrations.map((r) => r.registrationId)).size).toBe(2);
    h.answer(ok(twoGuests()));
    expect(h.view).toMatchObject({ step: 'keys', count: 2 });
  });

  it('marks a guest the platform does not verify, and lets them try again', () => {
    const h = toGuests();
    h.input({ type: 'document', document: erik });
    const verify = h.step.type === 'continue' ? h.step.effects[0] : undefined;
    h.input({ type: 'verification', requestId: (verify as { requestId: number }).requestId, outcome: { outcome: 'not_verified', reason: 'mismatch' } });
    expect(h.view).toMatchObject({ guests: [{}, { status: 'notVerified' }], problem: 'notVerified', complete: false });
    h.act({ type: 'continue' });
    expect(h.view.step).toBe('guests');
    h.input({ type: 'document', document: erik });
    expect(h.view).toMatchObject({ guests: [{}, { status: 'verifying' }], problem: null });
    h.act({ type: 'staffDesk' });
    expect(h.view).toEqual({ step: 'staffDesk', reason: 'notVerified' });
  });

  it('asks to place the document again when the platform cannot answer', () => {
    const h = toGuests();
    h.input({ type: 'document', document: erik });
    const verify = h.step.type === 'continue' ? h.step.effects[0] : undefined;
    h.input({ type: 'verification', requestId: (verify as { requestId: number }).requestId, outcome: { outcome: 'unavailable', reason: 'down' } });
    expect(h.view).toMatchObject({ guests: [{}, { status: 'waiting' }], problem: 'unavailable' });
  });

  it('refuses a document of someone not on the booking, or one scanned already, and says when it was unreadable', () => {
    const h = toGuests();
    h.input({ type: 'document', document: stranger });
    expect(h.view).toMatchObject({ problem: 'notOnReservation', guests: [{}, { status: 'waiting' }] });
    h.input({ type: 'document', document: anna });
    expect(h.view).toMatchObject({ problem: 'alreadyScanned' });
    h.input({ type: 'unreadable', code: 'noMrz' } as never);
    expect(h.view).toMatchObject({ problem: 'unreadable' });
  });

  it('refuses a guest document that lacks registration fields', () => {
    const h = atReservation(reservation({ adults: 2, guests: [guest(anna), guest(erik, { sex: null, primary: false })] })).act({ type: 'continue' });
    h.input({ type: 'document', document: fakeDocument({ ...erik, sex: '<' }) });
    expect(h.view).toMatchObject({ problem: 'incomplete', guests: [{}, { status: 'waiting' }] });
  });

  it('drops a verification under way when the traveller goes back, and ignores its late answer', () => {
    const h = toGuests();
    h.input({ type: 'document', document: erik });
    const verify = h.step.type === 'continue' ? h.step.effects[0] : undefined;
    h.input({ type: 'back' });
    expect(h.view.step).toBe('reservation');
    h.input({ type: 'verification', requestId: (verify as { requestId: number }).requestId, outcome: { outcome: 'verified' } });
    h.act({ type: 'continue' });
    expect(h.view).toMatchObject({ step: 'guests', guests: [{ status: 'verified' }, { status: 'waiting' }] });
    h.input({ type: 'document', document: anna }); // documents count only on the guests screen
    h.input({ type: 'back' });
    h.input({ type: 'document', document: erik });
    expect(h.view.step).toBe('reservation');
  });

  it('verifies no further guest against the platform when verification is not required', () => {
    const h = toGuests({ requireVerification: false });
    h.input({ type: 'document', document: erik });
    expect(h.step.type === 'continue' && h.step.effects).toEqual([]);
    expect(h.view).toMatchObject({ complete: true });
  });
});

describe('hotel flow: face check with consent', () => {
  const toFace = () => atReservation(reservation(), { faceCheck: true }).act({ type: 'continue' });

  it('asks for consent, offers the staff desk, and records the choice', () => {
    const h = toFace();
    expect(h.view).toEqual({ step: 'face', checking: false });
    h.act({ type: 'staffDesk' });
    expect(h.view).toEqual({ step: 'staffDesk', reason: 'declinedFace' });
  });

  it('keeps the live capture out of the flow state: it travels only with the comparison call', () => {
    const h = toFace();
    h.act({ type: 'consentFace', image: '/9j/SECRETFACE' });
    expect(JSON.stringify(h.step.type === 'continue' ? h.step.state : null)).not.toContain('SECRETFACE');
  });

  it('asks for the comparison without an image when no camera could be opened', () => {
    const h = toFace();
    h.act({ type: 'consentFace' });
    expect(h.call()).toEqual({ type: 'faceMatch', document: anna, image: null });
  });

  it('checks the face only after consent, and registers a face match', () => {
    const h = toFace();
    h.act({ type: 'consentFace', image: '/9j/AAAA' });
    expect(h.call()).toEqual({ type: 'faceMatch', document: anna, image: '/9j/AAAA' });
    expect(h.view).toEqual({ step: 'face', checking: true });
    h.answer(ok({ match: true }));
    expect(h.view.step).toBe('deposit');
    h.input({ type: 'back' });
    expect(h.view).toEqual({ step: 'face', checking: false });
    h.act({ type: 'consentFace' }).answer(ok({ match: true })).act({ type: 'pay' }).answer(ok({ authorisation: 'A' })).answer(assigned());
    const checkIn = h.call();
    if (checkIn.type !== 'checkIn') throw new Error(checkIn.type);
    expect(checkIn.registrations[0]?.verification).toEqual({ method: 'face-match', faceConsent: true, faceMatch: true });
  });

  it('sends the traveller to the desk when the face does not match or cannot be checked', () => {
    expect(toFace().act({ type: 'consentFace' }).answer(ok({ match: false })).view).toEqual({ step: 'staffDesk', reason: 'faceNotMatched' });
    expect(toFace().act({ type: 'consentFace' }).answer(fail('unavailable')).view).toEqual({ step: 'staffDesk', reason: 'faceUnavailable' });
  });

  it('goes back from the face check to the guests, or to the reservation for one guest', () => {
    expect(toFace().input({ type: 'back' }).view.step).toBe('reservation');
    const h = atReservation(twoGuests(), { faceCheck: true, requireVerification: false }).act({ type: 'continue' });
    h.input({ type: 'document', document: erik }).act({ type: 'continue' });
    expect(h.view.step).toBe('face');
    expect(h.input({ type: 'back' }).view.step).toBe('guests');
  });
});

describe('hotel flow: deposit, check-in and keys going wrong', () => {
  const toDeposit = () => atReservation().act({ type: 'continue' });

  it('shows a declined card and an unavailable terminal, and lets the guest try again', () => {
    const h = toDeposit().act({ type: 'pay' }).answer(fail('declined'));
    expect(h.view).toMatchObject({ step: 'deposit', status: 'declined' });
    h.act({ type: 'pay' }).answer(fail('unavailable'));
    expect(h.view).toMatchObject({ status: 'unavailable' });
    h.act({ type: 'pay' }).answer(fail('timeout'));
    expect(h.view).toMatchObject({ status: 'unavailable' });
    h.input({ type: 'back' });
    expect(h.view.step).toBe('reservation');
  });

  it('goes to the desk from the deposit without holding anything', () => {
    const h = toDeposit().act({ type: 'staffDesk' });
    expect(h.view).toEqual({ step: 'staffDesk', reason: 'paymentFailed' });
    expect(h.step.type === 'continue' && h.step.effects).toEqual([]);
  });

  it('releases the deposit when the PMS refuses the check-in', () => {
    const h = toDeposit().act({ type: 'pay' }).answer(ok({ authorisation: 'AUTH9' })).answer(assigned());
    h.answer(fail('room-not-available'));
    expect(h.view).toEqual({ step: 'staffDesk', reason: 'checkInFailed' });
    expect(h.call()).toEqual({ type: 'releaseDeposit', authorisation: 'AUTH9' });
    h.act({ type: 'finish' });
    expect(h.step).toEqual({ type: 'exit', reason: 'done' });
  });

  it('keeps the deposit for staff when the PMS did not say whether the guest is checked in', () => {
    const h = toDeposit().act({ type: 'pay' }).answer(ok({ authorisation: 'AUTH7' })).answer(assigned());
    h.answer(fail('check-in-unknown'));
    expect(h.view).toEqual({ step: 'staffDesk', reason: 'checkInFailed' });
    expect(h.step.type === 'continue' && h.step.effects).toEqual([]);
  });

  it('releases the deposit when no room can be assigned', () => {
    const h = toDeposit().act({ type: 'pay' }).answer(ok({ authorisation: 'AUTH8' })).answer(fail('room-not-available'));
    expect(h.view).toEqual({ step: 'staffDesk', reason: 'checkInFailed' });
    expect(h.call()).toEqual({ type: 'releaseDeposit', authorisation: 'AUTH8' });
  });

  const toKeys = () => atReservation(reservation({ deposit: null })).act({ type: 'continue' }).answer(assigned()).answer(ok(reservation())).act({ type: 'setKeyCount', count: 2 });

  it('shows an empty card stock, and leaves with the slip when the guest collects keys at the desk', () => {
    const h = toKeys().act({ type: 'encode' }).answer(fail('stockEmpty', { issued: 0 }));
    expect(h.view).toEqual({ step: 'keys', roomNumber: '1201', count: 2, max: 4, status: 'stockEmpty' });
    // A guest walking away now is checked in without keys: staff are told the room, never the name.
    expect(h.flow.abandoned?.(h.state)).toMatch(/checked in to room 1201 without key cards/);
    expect(h.flow.abandoned?.(h.state)).not.toMatch(/ERIKSSON|ANNA/);
    h.act({ type: 'setKeyCount', count: 1 }); // the count is fixed once encoding began
    expect(h.view).toMatchObject({ count: 2 });
    h.act({ type: 'skipKeys' });
    const print = h.call();
    expect(print).toMatchObject({ type: 'printSlip', slip: { keys: 0 } });
    h.answer(ok(null));
    expect(h.view).toMatchObject({ step: 'done', keys: 0, slipPrinted: true });
    expect(h.flow.abandoned?.(h.state)).toBeNull();
  });

  it('makes only the cards still owed after the stock ran out mid-request and was refilled', () => {
    const h = toKeys().act({ type: 'encode' }).answer(fail('stockEmpty', { issued: 1 }));
    h.act({ type: 'encode' });
    expect(h.call()).toEqual({ type: 'encodeKeys', reservationId: 'R1', count: 1 });
    h.answer(ok({ count: 1 }));
    expect(h.call()).toMatchObject({ type: 'printSlip', slip: { keys: 2 } });
  });

  it('offers a retry when the encoder fails, and shows when the slip could not be printed', () => {
    const h = toKeys().act({ type: 'skipKeys' });
    expect(h.view).toMatchObject({ status: 'choose' }); // nothing to skip before trying
    h.act({ type: 'encode' }).answer(fail('failed'));
    expect(h.view).toMatchObject({ status: 'failed' });
    h.act({ type: 'encode' }).answer(ok({ count: 2 })).answer(fail('MEDIA_EMPTY'));
    expect(h.view).toMatchObject({ step: 'done', keys: 2, slipPrinted: false });
  });

  it('ignores actions that do not belong to the screen shown', () => {
    const h = toDeposit();
    h.act({ type: 'encode' }).act({ type: 'finish' }).act({ type: 'type', char: 'A' }).act({ type: 'consentFace' });
    expect(h.view).toMatchObject({ step: 'deposit', status: 'ready' });
    expect(h.step.type === 'continue' && h.step.effects).toEqual([]);
    h.input({ type: 'readStart' }).input({ type: 'scan', scan: { symbology: 'qr', data: 'x' } } as never);
    expect(h.view.step).toBe('deposit');
  });
});

import type { HotelAction, HotelGuestView, HotelStaffReason, HotelView } from '../../contract/hotel.ts';
import { confirmationMaxLength, hotelGuestProblems, hotelSearchProblems } from '../../contract/hotel.ts';
import type { MrzResult } from '../../../drivers/mrz/index.ts';
import type { GuestRegistration } from '../../hotel/guest-registration.ts';
import type { Reservation, ReservationGuest } from '../../hotel/hotel-pms.ts';
import { maskDocumentNumber, maskName } from '../../log/mask.ts';
import { continueWith, type FlowContext, type FlowDefinition, type FlowEffect, type FlowInput, type FlowStep, type VerifiedTraveller } from '../flow.ts';
import type { HotelCall, CallResult } from './hotel-calls.ts';
import { readResult } from './hotel-calls.ts';
import { matchGuest, sameDocument } from './guest-match.ts';
import { buildRegistration } from './registration-record.ts';

/**
 * Hotel self registration as a pure flow (docs/hotel.md §1 OPERA front desk, docs/china-rules.md §1 China guest
 * registration): reservation → every adult guest's document verified → face check with consent or the staff
 * desk → deposit pre-authorisation → room, police registration (outbox first) and PMS check-in → key cards →
 * registration slip → done. Results whose request id is not the one awaited are ignored.
 */
export interface HotelFlowOptions {
  /** The kiosk's ID in registrations (docs/china-rules.md §2, "origin"). */
  readonly kioskId: string;
  /** Refuse documents the platform has not verified (`notChecked`). */
  readonly requireVerification: boolean;
  /** Offer the face check (consent screen with the staff-desk alternative); off: document verification only. */
  readonly faceCheck: boolean;
  /** Most key cards a guest may take. */
  readonly maxKeys: number;
}

type Step = HotelView['step'];
type SearchProblem = (typeof hotelSearchProblems)[number];
type GuestProblem = (typeof hotelGuestProblems)[number];

interface GuestSlot {
  /** The guest's PMS profile; null for an adult the booking counts but does not name. */
  readonly profile: ReservationGuest | null;
  readonly self: boolean;
  readonly status: HotelGuestView['status'];
  readonly document: MrzResult | null;
}

/** What the awaited request is for (so a result is read as the right type). */
type Awaiting =
  | 'findByDocument' | 'findByName' | 'findByConfirmation' | 'verifyGuest' | 'faceMatch' | 'preauthorize'
  | 'assignRoom' | 'checkIn' | 'encodeKeys' | 'printSlip';

export interface HotelState {
  readonly step: Step;
  readonly traveller: VerifiedTraveller;
  readonly nextRequestId: number;
  readonly awaiting: { readonly id: number; readonly kind: Awaiting } | null;
  /** How the reservation was found: by the traveller's document (back from it ends) or by confirmation number. */
  readonly foundBy: 'document' | 'confirmation' | null;
  readonly entry: string;
  readonly searchProblem: SearchProblem | null;
  readonly reservation: Reservation | null;
  readonly guests: readonly GuestSlot[];
  readonly guestProblem: GuestProblem | null;
  /** The document being verified, and the slot it will fill. */
  readonly candidate: { readonly document: MrzResult; readonly slot: number } | null;
  readonly face: { readonly consent: boolean | null; readonly match: boolean | null };
  readonly depositStatus: 'ready' | 'processing' | 'declined' | 'unavailable';
  readonly authorisation: string | null;
  readonly roomNumber: string | null;
  /** The moment registered as the arrival (set when the check-in is asked for). */
  readonly arrivalAt: number | null;
  readonly checkedIn: boolean;
  readonly keyCount: number;
  readonly maxKeys: number;
  readonly keyStatus: 'choose' | 'encoding' | 'stockEmpty' | 'failed';
  readonly keysIssued: number;
  readonly slipPrinted: boolean;
  readonly staffReason: HotelStaffReason | null;
}

type Step_ = FlowStep<HotelState, HotelCall>;
type Input = FlowInput<HotelAction, unknown>;

export function createHotelFlow(options: HotelFlowOptions): FlowDefinition<HotelState, HotelAction, HotelCall, unknown, HotelView> {
  return {
    start: (traveller, context) => start(traveller, context, options),
    reduce: (state, input, context) => reduce(state, input, context, options),
    view,
    abandoned,
    // Once the PMS check-in is asked for, the stay exists: there is no step to go back to.
    canGoBack: (state) => !state.checkedIn && state.awaiting?.kind !== 'checkIn',
  };
}

/** A guest who walks away after the PMS check-in has a room but maybe no keys: staff must know (no names). */
function abandoned(state: HotelState): string | null {
  const room = state.roomNumber ? `room ${state.roomNumber}` : 'a room';
  if (state.checkedIn && state.step !== 'done' && state.keysIssued === 0) {
    return `guest left checked in to ${room} without key cards (reservation ${state.reservation?.confirmationNumber ?? 'unknown'})`;
  }
  if (state.awaiting?.kind === 'checkIn') return `guest left while the check-in for ${room} was being sent: check the PMS`;
  return null;
}

function start(traveller: VerifiedTraveller, _context: FlowContext, options: HotelFlowOptions): Step_ {
  const state: HotelState = {
    step: 'finding',
    traveller,
    nextRequestId: 1,
    awaiting: null,
    foundBy: null,
    entry: '',
    searchProblem: null,
    reservation: null,
    guests: [],
    guestProblem: null,
    candidate: null,
    face: { consent: null, match: null },
    depositStatus: 'ready',
    authorisation: null,
    roomNumber: null,
    arrivalAt: null,
    checkedIn: false,
    keyCount: 1,
    maxKeys: options.maxKeys,
    keyStatus: 'choose',
    keysIssued: 0,
    slipPrinted: false,
    staffReason: null,
  };
  if (options.requireVerification && traveller.verification !== 'verified') return staffDesk(state, 'notVerified');
  const number = traveller.document.documentNumber?.replace(/<+$/, '');
  if (!number) return continueWith({ ...state, step: 'confirmation', foundBy: 'confirmation' });
  return call(state, 'findByDocument', { type: 'findReservations', query: { by: 'document', documentNumber: number } });
}

function reduce(state: HotelState, input: Input, context: FlowContext, options: HotelFlowOptions): Step_ {
  switch (input.type) {
    case 'result':
      if (!state.awaiting || input.requestId !== state.awaiting.id) return continueWith(state);
      return onResult({ ...state, awaiting: null }, state.awaiting.kind, readResult(input.result), context, options);
    case 'verification':
      if (!state.awaiting || state.awaiting.kind !== 'verifyGuest' || input.requestId !== state.awaiting.id) return continueWith(state);
      return onGuestVerified({ ...state, awaiting: null }, input.outcome.outcome === 'verified' ? 'verified' : input.outcome.outcome === 'not_verified' ? 'notVerified' : 'unavailable');
    case 'document':
      return onDocument(state, input.document, options);
    case 'unreadable':
      return state.step === 'guests' && !state.awaiting ? continueWith({ ...state, guestProblem: 'unreadable' }) : continueWith(state);
    case 'back':
      return back(state);
    case 'action':
      return onAction(state, input.action, options);
    case 'readStart':
    case 'scan':
      return continueWith(state);
  }
}

// ——— effects ———

function call(state: HotelState, kind: Awaiting, hotelCall: HotelCall, extra: Partial<HotelState> = {}): Step_ {
  const id = state.nextRequestId;
  return continueWith({ ...state, ...extra, nextRequestId: id + 1, awaiting: { id, kind } }, [{ type: 'call', requestId: id, call: hotelCall }]);
}

/** A call whose answer does not matter to the traveller (releasing a deposit): its result is ignored. */
function fireAndForget(state: HotelState, hotelCall: HotelCall): { state: HotelState; effect: FlowEffect<HotelCall> } {
  const id = state.nextRequestId;
  return { state: { ...state, nextRequestId: id + 1 }, effect: { type: 'call', requestId: id, call: hotelCall } };
}

function staffDesk(state: HotelState, reason: HotelStaffReason): Step_ {
  // A deposit held for a stay that will not start at the kiosk is given back.
  if (state.authorisation && !state.checkedIn) {
    const released = fireAndForget({ ...state, authorisation: null }, { type: 'releaseDeposit', authorisation: state.authorisation });
    return continueWith({ ...released.state, step: 'staffDesk', staffReason: reason, awaiting: null, candidate: null }, [released.effect]);
  }
  return continueWith({ ...state, step: 'staffDesk', staffReason: reason, awaiting: null, candidate: null });
}

// ——— results ———

function onResult(state: HotelState, kind: Awaiting, result: CallResult<unknown>, context: FlowContext, options: HotelFlowOptions): Step_ {
  switch (kind) {
    case 'findByDocument':
    case 'findByName':
    case 'findByConfirmation':
      return onFound(state, kind, result as CallResult<readonly Reservation[]>, options);
    case 'faceMatch': {
      if (!result.ok) return staffDesk({ ...state, face: { consent: true, match: null } }, 'faceUnavailable');
      const match = (result.value as { match: boolean }).match === true;
      const next = { ...state, face: { consent: true, match } };
      return match ? toDeposit(next) : staffDesk(next, 'faceNotMatched');
    }
    case 'preauthorize': {
      if (!result.ok) return continueWith({ ...state, depositStatus: result.error.code === 'declined' ? 'declined' : 'unavailable' });
      const authorisation = (result.value as { authorisation: string }).authorisation;
      return toCheckIn({ ...state, authorisation });
    }
    case 'assignRoom': {
      if (!result.ok) return staffDesk(state, 'checkInFailed');
      const reservation = result.value as Reservation;
      if (!reservation.roomNumber) return staffDesk(state, 'checkInFailed');
      return register({ ...state, reservation, roomNumber: reservation.roomNumber }, context, options);
    }
    case 'checkIn':
      // Outcome unknown (the PMS did not answer): the guest may be in house, so the deposit hold stays for staff.
      if (!result.ok) return staffDesk({ ...state, checkedIn: result.error.code === 'check-in-unknown' }, 'checkInFailed');
      return continueWith({
        ...state,
        step: 'keys',
        checkedIn: true,
        keyStatus: 'choose',
        keyCount: Math.min(options.maxKeys, Math.max(1, state.guests.length)),
      });
    case 'encodeKeys': {
      if (result.ok) return printSlip({ ...state, keysIssued: state.keysIssued + (result.value as { count: number }).count });
      return continueWith({
        ...state,
        keysIssued: state.keysIssued + (result.error.issued ?? 0),
        keyStatus: result.error.code === 'stockEmpty' ? 'stockEmpty' : 'failed',
      });
    }
    case 'printSlip':
      return continueWith({ ...state, step: 'done', slipPrinted: result.ok });
    case 'verifyGuest':
      return continueWith(state); // answered through a `verification` input, never a result
  }
}

function onFound(state: HotelState, kind: 'findByDocument' | 'findByName' | 'findByConfirmation', result: CallResult<readonly Reservation[]>, options: HotelFlowOptions): Step_ {
  const toEntry = (problem: SearchProblem | null): Step_ =>
    continueWith({ ...state, step: 'confirmation', foundBy: 'confirmation', searchProblem: problem });
  if (!result.ok) return toEntry(result.error.code === 'not-found' ? 'notFound' : 'unavailable');
  const found = result.value;
  const due = found.find((r) => r.status === 'due-in');
  if (!due) {
    if (found.length === 0 && kind === 'findByDocument') {
      // The profile may hold no document yet: try the traveller's name before asking for the number.
      const { surname, givenNames } = state.traveller.document;
      if (surname) {
        return call(state, 'findByName', {
          type: 'findReservations',
          query: { by: 'name', surname, ...(givenNames ? { givenNames } : {}) },
        });
      }
    }
    if (found.some((r) => r.status === 'checked-in')) return toEntry('alreadyCheckedIn');
    if (found.some((r) => r.status === 'cancelled')) return toEntry('cancelled');
    return toEntry(kind === 'findByConfirmation' ? 'notFound' : null);
  }
  const guests = guestSlots(due, state.traveller.document);
  if (!guests) return staffDesk({ ...state, reservation: due }, 'notOnReservation');
  const selfSlot = guests.find((g) => g.self);
  if (selfSlot && !registrable(due, selfSlot, state.traveller.document, options)) return staffDesk({ ...state, reservation: due }, 'cannotRegister');
  return continueWith({
    ...state,
    step: 'reservation',
    foundBy: kind === 'findByConfirmation' ? 'confirmation' : 'document',
    reservation: due,
    guests,
    searchProblem: null,
  });
}

/**
 * Every adult on the booking, named or not; the traveller's own slot is verified already. null when the
 * traveller is not on the reservation (someone else's confirmation number).
 */
function guestSlots(reservation: Reservation, document: MrzResult): GuestSlot[] | null {
  const adults = reservation.guests.filter((g) => g.ageCategory === 'adult');
  const selfIndex = matchGuest(document, adults);
  const named: GuestSlot[] = adults.map((profile, i) => ({
    profile,
    self: i === selfIndex,
    status: i === selfIndex ? 'verified' : 'waiting',
    document: i === selfIndex ? document : null,
  }));
  const unnamed = Math.max(0, reservation.adults - adults.length);
  const slots = [...named, ...Array.from({ length: unnamed }, (): GuestSlot => ({ profile: null, self: false, status: 'waiting', document: null }))];
  if (selfIndex >= 0) return slots;
  // Not named on the booking: an unnamed adult place may be theirs, but only if the booking has one.
  const free = slots.findIndex((s) => s.profile === null);
  if (free < 0) return null;
  return slots.map((s, i) => (i === free ? { ...s, self: true, status: 'verified', document } : s));
}

/** Whether a police registration can be built from this document (checked early, with a placeholder room). */
function registrable(reservation: Reservation, slot: GuestSlot, document: MrzResult, options: HotelFlowOptions): boolean {
  return buildRegistration({
    registrationId: 'check',
    kioskId: options.kioskId,
    reservation,
    roomNumber: '0',
    arrivalAt: 0,
    document,
    profile: slot.profile,
    verification: { method: 'document-only', faceConsent: null, faceMatch: null },
  }).ok;
}

// ——— further guests ———

function onDocument(state: HotelState, document: MrzResult, options: HotelFlowOptions): Step_ {
  if (state.step !== 'guests' || state.awaiting || !state.reservation) return continueWith(state);
  if (state.guests.some((g) => g.document && sameDocument(g.document, document))) return continueWith({ ...state, guestProblem: 'alreadyScanned' });
  const adults = state.guests.map((g) => g.profile).filter((p): p is ReservationGuest => p !== null);
  const named = matchGuest(document, adults);
  let slot = named >= 0 ? state.guests.findIndex((g) => g.profile === adults[named]) : -1;
  if (slot >= 0 && state.guests[slot]?.status === 'verified') return continueWith({ ...state, guestProblem: 'alreadyScanned' });
  if (slot < 0) slot = state.guests.findIndex((g) => g.profile === null && g.status !== 'verified');
  const target = state.guests[slot];
  if (!target) return continueWith({ ...state, guestProblem: 'notOnReservation' });
  if (!registrable(state.reservation, target, document, options)) return continueWith({ ...state, guestProblem: 'incomplete' });
  const guests = state.guests.map((g, i) => (i === slot ? { ...g, status: 'verifying' as const } : g));
  if (!options.requireVerification) {
    return onGuestVerified({ ...state, guests, candidate: { document, slot } }, 'verified');
  }
  const id = state.nextRequestId;
  return continueWith(
    { ...state, guests, guestProblem: null, candidate: { document, slot }, nextRequestId: id + 1, awaiting: { id, kind: 'verifyGuest' } },
    [{ type: 'verify', requestId: id, document }],
  );
}

function onGuestVerified(state: HotelState, outcome: 'verified' | 'notVerified' | 'unavailable'): Step_ {
  const candidate = state.candidate;
  if (!candidate) return continueWith(state);
  const guests = state.guests.map((g, i): GuestSlot => {
    if (i !== candidate.slot) return g;
    if (outcome === 'verified') return { ...g, status: 'verified', document: candidate.document };
    return { ...g, status: outcome === 'notVerified' ? 'notVerified' : 'waiting', document: null };
  });
  return continueWith({
    ...state,
    guests,
    candidate: null,
    guestProblem: outcome === 'verified' ? null : outcome,
  });
}

const allVerified = (state: HotelState) => state.guests.every((g) => g.status === 'verified');

// ——— forward ———

function afterGuests(state: HotelState, options: HotelFlowOptions): Step_ {
  if (options.faceCheck) return continueWith({ ...state, step: 'face', guestProblem: null });
  return toDeposit(state);
}

function toDeposit(state: HotelState): Step_ {
  const deposit = state.reservation?.deposit;
  if (!deposit || deposit.amountMinor === 0) return toCheckIn(state);
  return continueWith({ ...state, step: 'deposit', depositStatus: 'ready' });
}

function toCheckIn(state: HotelState): Step_ {
  const reservation = state.reservation;
  if (!reservation) return staffDesk(state, 'checkInFailed');
  return call(state, 'assignRoom', { type: 'assignRoom', reservationId: reservation.reservationId, roomNumber: reservation.roomNumber }, { step: 'checkingIn' });
}

function register(state: HotelState, context: FlowContext, options: HotelFlowOptions): Step_ {
  const reservation = state.reservation;
  const roomNumber = state.roomNumber;
  if (!reservation || !roomNumber) return staffDesk(state, 'checkInFailed');
  const registrations: GuestRegistration[] = [];
  for (const [i, guest] of state.guests.entries()) {
    if (!guest.document) return staffDesk(state, 'checkInFailed');
    const built = buildRegistration({
      // Deterministic per kiosk, reservation, guest and moment: a retried call re-uses the same IDs.
      registrationId: `${options.kioskId}-${reservation.reservationId}-${i + 1}-${context.now}`.replace(/[^A-Za-z0-9._:-]/g, '_').slice(0, 128),
      kioskId: options.kioskId,
      reservation,
      roomNumber,
      arrivalAt: context.now,
      document: guest.document,
      profile: guest.profile,
      verification: guest.self && state.face.consent
        ? { method: 'face-match', faceConsent: true, faceMatch: state.face.match }
        : { method: 'document-only', faceConsent: guest.self && options.faceCheck ? state.face.consent : null, faceMatch: null },
    });
    if (!built.ok) return staffDesk(state, 'cannotRegister');
    registrations.push(built.registration);
  }
  return call(state, 'checkIn', { type: 'checkIn', reservationId: reservation.reservationId, registrations }, { arrivalAt: context.now });
}

function printSlip(state: HotelState): Step_ {
  const reservation = state.reservation;
  if (!reservation || !state.roomNumber) return continueWith({ ...state, step: 'done' });
  return call(
    state,
    'printSlip',
    {
      type: 'printSlip',
      slip: {
        hotelId: reservation.hotelId,
        confirmationNumber: reservation.confirmationNumber,
        roomNumber: state.roomNumber,
        arrival: new Date(state.arrivalAt ?? 0).toISOString(),
        departureDate: reservation.departureDate,
        guests: state.guests.flatMap((g) => (g.document ? [{
          name: `${g.document.surname ?? g.profile?.surname ?? ''} ${g.document.givenNames ?? g.profile?.givenNames ?? ''}`.trim(),
          nameChinese: g.document.nameChinese ?? g.profile?.nameChinese ?? null,
          documentRef: maskDocumentNumber(g.document.documentNumber ?? ''),
        }] : [])),
        keys: state.keysIssued,
        deposit: state.authorisation && reservation.deposit ? reservation.deposit : null,
      },
    },
    { step: 'printing' },
  );
}

// ——— actions ———

function onAction(state: HotelState, action: HotelAction, options: HotelFlowOptions): Step_ {
  switch (state.step) {
    case 'confirmation':
      if (state.awaiting) return continueWith(state);
      switch (action.type) {
        case 'type':
          return state.entry.length >= confirmationMaxLength
            ? continueWith(state)
            : continueWith({ ...state, entry: state.entry + action.char, searchProblem: null });
        case 'erase':
          return continueWith({ ...state, entry: state.entry.slice(0, -1), searchProblem: null });
        case 'search':
          if (!state.entry) return continueWith(state);
          return call(state, 'findByConfirmation', { type: 'findReservations', query: { by: 'confirmation', confirmationNumber: state.entry } }, { searchProblem: null });
        default:
          return continueWith(state);
      }
    case 'reservation':
      if (action.type !== 'continue') return continueWith(state);
      return allVerified(state) ? afterGuests(state, options) : continueWith({ ...state, step: 'guests', guestProblem: null });
    case 'guests':
      if (action.type === 'continue' && allVerified(state) && !state.awaiting) return afterGuests(state, options);
      if (action.type === 'staffDesk') return staffDesk(state, 'notVerified');
      return continueWith(state);
    case 'face':
      if (state.awaiting) return continueWith(state);
      if (action.type === 'consentFace') {
        return call(state, 'faceMatch', { type: 'faceMatch', document: state.traveller.document, image: action.image ?? null }, { face: { consent: true, match: null } });
      }
      if (action.type === 'staffDesk') return staffDesk({ ...state, face: { consent: false, match: null } }, 'declinedFace');
      return continueWith(state);
    case 'deposit': {
      const deposit = state.reservation?.deposit;
      if (state.awaiting || !deposit || !state.reservation) return continueWith(state);
      if (action.type === 'pay') {
        return call(
          state,
          'preauthorize',
          { type: 'preauthorize', reference: state.reservation.confirmationNumber, amountMinor: deposit.amountMinor, currency: deposit.currency },
          { depositStatus: 'processing' },
        );
      }
      if (action.type === 'staffDesk') return staffDesk(state, 'paymentFailed');
      return continueWith(state);
    }
    case 'keys':
      if (state.awaiting || !state.reservation) return continueWith(state);
      switch (action.type) {
        case 'setKeyCount':
          return state.keyStatus === 'choose' ? continueWith({ ...state, keyCount: Math.min(options.maxKeys, action.count) }) : continueWith(state);
        case 'encode': {
          // After the stock ran out mid-request, a retry makes only the cards still owed.
          const count = Math.max(1, state.keyCount - state.keysIssued);
          return call(state, 'encodeKeys', { type: 'encodeKeys', reservationId: state.reservation.reservationId, count }, { keyStatus: 'encoding' });
        }
        case 'skipKeys':
          return state.keyStatus === 'stockEmpty' || state.keyStatus === 'failed' ? printSlip(state) : continueWith(state);
        default:
          return continueWith(state);
      }
    case 'done':
    case 'staffDesk':
      return action.type === 'finish' ? { type: 'exit', reason: 'done' } : continueWith(state);
    case 'finding':
    case 'checkingIn':
    case 'printing':
      return continueWith(state);
  }
}

// ——— back ———

function back(state: HotelState): Step_ {
  const cleared = { ...state, awaiting: null, candidate: null };
  switch (state.step) {
    case 'finding':
      return { type: 'exit', reason: 'cancel' };
    case 'confirmation':
      return { type: 'exit', reason: 'cancel' };
    case 'reservation':
      return state.foundBy === 'confirmation'
        ? continueWith({ ...cleared, step: 'confirmation', reservation: null, guests: [], searchProblem: null })
        : { type: 'exit', reason: 'cancel' };
    case 'guests':
      // Guests verified so far stay verified; a verification under way is dropped (its answer is stale).
      return continueWith({
        ...cleared,
        step: 'reservation',
        guestProblem: null,
        guests: state.guests.map((g) => (g.status === 'verifying' ? { ...g, status: 'waiting' } : g)),
      });
    case 'face':
      return continueWith({ ...cleared, step: state.guests.length > 1 ? 'guests' : 'reservation', face: { consent: null, match: null } });
    case 'deposit':
      if (state.awaiting) return continueWith(state); // the card terminal is working: not now
      return continueWith({ ...cleared, step: stepBeforeDeposit(state), face: { consent: null, match: null }, depositStatus: 'ready' });
    case 'staffDesk':
      return { type: 'exit', reason: 'cancel' };
    case 'checkingIn':
    case 'keys':
    case 'printing':
    case 'done':
      // Checked in (or about to be): there is no going back from here.
      return continueWith(state);
  }
}

function stepBeforeDeposit(state: HotelState): Step {
  if (state.face.consent === true) return 'face';
  return state.guests.length > 1 ? 'guests' : 'reservation';
}

// ——— view ———

function view(state: HotelState): HotelView {
  switch (state.step) {
    case 'finding':
      return { step: 'finding' };
    case 'confirmation':
      return { step: 'confirmation', entry: state.entry, searching: state.awaiting !== null, problem: state.searchProblem };
    case 'reservation': {
      const r = state.reservation;
      if (!r) return { step: 'finding' };
      const self = state.guests.find((g) => g.self)?.profile;
      return {
        step: 'reservation',
        reservation: {
          confirmationNumber: r.confirmationNumber,
          guestName: self ? `${self.surname}, ${self.givenNames}` : `${state.traveller.document.surname ?? ''}, ${state.traveller.document.givenNames ?? ''}`,
          roomType: r.roomType,
          roomNumber: r.roomNumber,
          arrivalDate: r.arrivalDate,
          departureDate: r.departureDate,
          nights: Math.max(0, Math.round((Date.parse(r.departureDate) - Date.parse(r.arrivalDate)) / 86_400_000)),
          adults: r.adults,
          children: r.children,
        },
      };
    }
    case 'guests':
      return {
        step: 'guests',
        guests: state.guests.map((g) => ({
          name: g.profile ? (g.self ? `${g.profile.surname}, ${g.profile.givenNames}` : maskName(`${g.profile.surname} ${g.profile.givenNames}`.trim())) : null,
          self: g.self,
          status: g.status,
        })),
        problem: state.guestProblem,
        complete: allVerified(state),
      };
    case 'face':
      return { step: 'face', checking: state.awaiting !== null };
    case 'deposit':
      return {
        step: 'deposit',
        amountMinor: state.reservation?.deposit?.amountMinor ?? 0,
        currency: state.reservation?.deposit?.currency ?? '',
        status: state.depositStatus,
      };
    case 'checkingIn':
      return { step: 'checkingIn' };
    case 'keys':
      return { step: 'keys', roomNumber: state.roomNumber ?? '', count: state.keyCount, max: state.maxKeys, status: state.keyStatus };
    case 'printing':
      return { step: 'printing', roomNumber: state.roomNumber ?? '' };
    case 'done':
      return { step: 'done', roomNumber: state.roomNumber ?? '', departureDate: state.reservation?.departureDate ?? '1970-01-01', keys: state.keysIssued, slipPrinted: state.slipPrinted };
    case 'staffDesk':
      return { step: 'staffDesk', reason: state.staffReason ?? 'checkInFailed' };
  }
}


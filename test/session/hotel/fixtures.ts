import type { Reservation, ReservationGuest } from '../../../electron/hotel/hotel-pms.ts';
import type { HotelCall } from '../../../electron/session/hotel/hotel-calls.ts';
import type { HotelState } from '../../../electron/session/hotel/hotel-flow.ts';
import type { FlowEffect, FlowStep } from '../../../electron/session/flow.ts';
import type { MrzResult } from '../../../drivers/mrz/index.ts';
import { specimen } from '../../support/documents.ts';

/** Travellers' documents as the kiosk's MRZ parser reads them (test/support/documents.ts). */
export const anna = specimen('eriksson');
export const erik = specimen('lindqvist');
export const stranger = specimen('nobody');

/** The PMS profile of the holder of `doc`, as a reservation lists it. */
export function guest(doc: MrzResult, overrides: Partial<ReservationGuest> = {}): ReservationGuest {
  return {
    profileId: `P-${doc.documentNumber}`,
    primary: true,
    surname: doc.surname ?? '',
    givenNames: doc.givenNames ?? '',
    nameChinese: null,
    ageCategory: 'adult',
    sex: (doc.sex as 'M' | 'F') ?? null,
    birthDate: doc.birthDate,
    nationality: 'UTO',
    document: { type: 'passport', number: doc.documentNumber ?? '', issuer: 'UTO', expiryDate: doc.expiryDate },
    ...overrides,
  };
}

export function reservation(overrides: Partial<Reservation> = {}): Reservation {
  return {
    reservationId: 'R1',
    confirmationNumber: '80000004',
    hotelId: 'SIM01',
    status: 'due-in',
    arrivalDate: '2026-11-28',
    departureDate: '2026-11-30',
    roomType: 'KING',
    roomNumber: null,
    adults: 1,
    children: 0,
    guests: [guest(anna)],
    deposit: { amountMinor: 60000, currency: 'CNY' },
    ...overrides,
  };
}

export const twoGuests = (): Reservation =>
  reservation({ adults: 2, guests: [guest(anna), guest(erik, { primary: false })], confirmationNumber: '80000009' });

/** The single call effect of a step (fails the test when there is none or the step exited). */
export function onlyCall(step: FlowStep<HotelState, HotelCall>): { requestId: number; call: HotelCall } {
  if (step.type !== 'continue') throw new Error(`expected continue, got exit ${step.reason}`);
  const calls = step.effects.filter((e): e is Extract<FlowEffect<HotelCall>, { type: 'call' }> => e.type === 'call');
  if (calls.length !== 1 || !calls[0]) throw new Error(`expected one call, got ${JSON.stringify(step.effects.map((e) => e.type))}`);
  return calls[0];
}

export function stateOf(step: FlowStep<HotelState, HotelCall>): HotelState {
  if (step.type !== 'continue') throw new Error(`expected continue, got exit ${step.reason}`);
  return step.state;
}

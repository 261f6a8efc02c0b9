import type { HotelView } from '../../contract/hotel.ts';
import { maskName } from '../../log/mask.ts';
import { allVerified, type GuestSlot, type HotelState } from './hotel-state.ts';

/**
 * What the UI may see of the hotel flow. The traveller's own name in full; another guest's name masked until
 * that guest has placed their own document and it was verified (then they stand at the kiosk themselves).
 * Never a document number or an MRZ line.
 */
export function hotelView(state: HotelState): HotelView {
  const step = state.step;
  switch (step.name) {
    case 'finding':
      return { step: 'finding' };
    case 'confirmation':
      return { step: 'confirmation', entry: step.entry, searching: state.requests.awaiting !== null, problem: step.problem };
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
      return { step: 'guests', guests: state.guests.map(guestView), problem: step.problem, complete: allVerified(state) };
    case 'face':
      return { step: 'face', checking: state.requests.awaiting !== null };
    case 'deposit':
      return { step: 'deposit', amountMinor: state.reservation?.deposit?.amountMinor ?? 0, currency: state.reservation?.deposit?.currency ?? '', status: step.status };
    case 'checkingIn':
      return { step: 'checkingIn' };
    case 'keys':
      return { step: 'keys', roomNumber: state.roomNumber ?? '', count: step.count, max: state.maxKeys, status: step.status };
    case 'printing':
      return { step: 'printing', roomNumber: state.roomNumber ?? '' };
    case 'done':
      return { step: 'done', roomNumber: state.roomNumber ?? '', departureDate: state.reservation?.departureDate ?? '1970-01-01', keys: state.keysIssued, slipPrinted: state.slipPrinted };
    case 'staffDesk':
      return { step: 'staffDesk', reason: step.reason };
  }
}

function guestView(g: GuestSlot): HotelView extends infer V ? (V extends { step: 'guests'; guests: (infer G)[] } ? G : never) : never {
  const name = g.profile ? `${g.profile.surname}, ${g.profile.givenNames}` : null;
  const shown = name === null ? null : g.self || g.status === 'verified' ? name : maskName(`${g.profile?.surname ?? ''} ${g.profile?.givenNames ?? ''}`.trim());
  return { name: shown, self: g.self, status: g.status };
}

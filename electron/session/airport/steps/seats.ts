import type { AirportAction, AirportNotice } from '../../../contract/airport.ts';
import type { BookingView } from '../../../airline/dcs-wire.ts';
import type { AirportReplies } from '../airport-calls.ts';
import { call, go, stay, type AirportState, type AirportStep, type SeatsStep } from '../airport-state.ts';

/** Seats: the seat map of one flight at a time; a change is asked of the DCS, which may refuse it. */

export function seatsStep(state: AirportState, segmentId: string, passengerId: string, notice: AirportNotice | null = null): AirportStep {
  const pnr = state.booking?.pnr ?? '';
  return call({ ...state, step: { name: 'seats', segmentId, passengerId, seatMap: null, notice } }, 'seatMap', { type: 'seatMap', pnr, segmentId });
}

export function onSeatsAction(state: AirportState, step: SeatsStep, action: AirportAction): AirportStep {
  const booking = state.booking;
  if (!booking) return stay(state);
  const changing = state.requests.awaiting?.kind === 'changeSeat';
  switch (action.type) {
    case 'seatSegment':
      if (!booking.segments.some((s) => s.id === action.segmentId) || changing) return stay(state);
      return seatsStep(state, action.segmentId, step.passengerId);
    case 'seatPassenger':
      if (!state.included.some((i) => i.passengerId === action.passengerId)) return stay(state);
      return stay({ ...state, step: { ...step, passengerId: action.passengerId, notice: null } });
    case 'chooseSeat': {
      if (state.requests.awaiting || !step.seatMap) return stay(state);
      const seat = step.seatMap.rows.flatMap((r) => r.seats).find((s) => s.seat === action.seat);
      if (!seat || seat.state === 'blocked' || (seat.state === 'occupied' && seat.passengerId === null)) return go(state, { ...step, notice: 'seatUnavailable' });
      if (seat.passengerId === step.passengerId) return stay(state);
      if (seat.passengerId !== null) return go(state, { ...step, notice: 'seatUnavailable' }); // a companion's seat
      return call({ ...state, step: { ...step, notice: null } }, 'changeSeat', {
        type: 'changeSeat',
        request: { pnr: booking.pnr, passengerId: step.passengerId, segmentId: step.segmentId, seat: action.seat },
      });
    }
    case 'continue':
      return changing ? stay(state) : go(state, { name: 'dangerousGoods' });
    default:
      return stay(state);
  }
}

export function onSeatMap(state: AirportState, step: SeatsStep, reply: AirportReplies['seatMap']): AirportStep {
  if (reply.result.ok) return go(state, { ...step, seatMap: reply.result.value });
  return go(state, { ...step, seatMap: null, notice: step.notice ?? 'unavailable' });
}

export function onSeatChanged(state: AirportState, step: SeatsStep, reply: AirportReplies['changeSeat']): AirportStep {
  const booking = state.booking;
  if (!booking) return go(state, step);
  if (!reply.result.ok) return seatsStep(state, step.segmentId, step.passengerId, reply.result.error.code === 'seat-unavailable' ? 'seatUnavailable' : 'unavailable');
  const changed = reply.result.value;
  const updated: BookingView = {
    ...booking,
    passengers: booking.passengers.map((p) =>
      p.id !== changed.passengerId ? p : { ...p, segments: p.segments.map((s) => (s.segmentId === changed.segmentId ? { ...s, seat: changed.seat } : s)) },
    ),
  };
  return seatsStep({ ...state, booking: updated }, step.segmentId, step.passengerId);
}

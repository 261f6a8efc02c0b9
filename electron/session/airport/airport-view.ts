import type { AirportView } from '../../contract/airport.ts';
import type { BookingView } from '../../airline/dcs-wire.ts';
import { bookingName, type AirportState } from './airport-state.ts';

/**
 * What the UI may see of the airport flow: booking names of the party, flights, seats and counts. Never a
 * document number, an MRZ line or a date of birth (those stay in the flow's state for the DCS only).
 */
export function airportView(state: AirportState): AirportView {
  const step = state.step;
  const booking = state.booking;
  const name = bookingName;
  const bookingView = (b: BookingView) => ({
    pnr: b.pnr,
    segments: b.segments.map((s) => ({
      id: s.id,
      flight: `${s.carrier}${s.flightNumber}`,
      from: s.from,
      to: s.to,
      date: s.date,
      departure: s.departure,
      boardingTime: s.boardingTime,
      timeZone: s.departureTimeZone ?? null,
      gate: s.gate,
    })),
  });
  const included = (id: string) => state.included.some((i) => i.passengerId === id);
  const includedPassengers = booking ? booking.passengers.filter((p) => included(p.id)) : [];

  switch (step.name) {
    case 'searching':
      return { step: 'searching' };
    case 'lookup':
      return {
        step: 'lookup',
        mode: step.mode,
        field: step.field,
        pnr: step.pnr,
        surname: step.surname,
        searching: state.requests.awaiting?.kind === 'findBookings',
        notice: step.notice,
      };
    case 'refused':
      return {
        step: 'refused',
        reason: step.reason,
        at: step.at,
        flight: step.flight,
        timeZone: booking?.segments.find((s) => `${s.carrier}${s.flightNumber}` === step.flight)?.departureTimeZone ?? null,
      };
    case 'chooseBooking':
      return { step: 'chooseBooking', bookings: step.bookings.map(bookingView) };
    case 'booking':
      if (!booking) return { step: 'searching' };
      return { step: 'booking', booking: bookingView(booking), passengers: booking.passengers.length };
    case 'passengers':
      if (!booking) return { step: 'searching' };
      return {
        step: 'passengers',
        booking: bookingView(booking),
        passengers: booking.passengers.map((p) => ({
          id: p.id,
          name: name(p),
          type: p.type,
          state: included(p.id)
            ? 'included'
            : step.verifying?.passengerId === p.id
              ? 'verifying'
              : p.segments.length > 0 && p.segments.every((s) => s.checkedIn)
                ? 'checkedIn'
                : 'waiting',
          primary: p.id === state.primaryId,
        })),
        reading: step.reading || step.verifying !== null,
        notice: step.notice,
        noticeName: step.noticeName,
      };
    case 'seats':
      if (!booking) return { step: 'searching' };
      return {
        step: 'seats',
        booking: bookingView(booking),
        segmentId: step.segmentId,
        passengerId: step.passengerId,
        passengers: includedPassengers.map((p) => ({
          id: p.id,
          name: name(p),
          seat: p.segments.find((s) => s.segmentId === step.segmentId)?.seat ?? null,
        })),
        seatMap: step.seatMap
          ? {
              segmentId: step.seatMap.segmentId,
              columns: [...step.seatMap.columns],
              aisleAfter: [...step.seatMap.aisleAfter],
              rows: step.seatMap.rows.map((r) => ({
                number: r.number,
                seats: r.seats.map((s) => ({
                  seat: s.seat,
                  state: s.passengerId !== null ? ('mine' as const) : s.state,
                  passengerId: s.passengerId,
                })),
              })),
            }
          : null,
        busy: state.requests.awaiting !== null,
        notice: step.notice,
      };
    case 'dangerousGoods':
      return { step: 'dangerousGoods' };
    case 'bags':
      return {
        step: 'bags',
        passengers: includedPassengers.map((p) => ({ id: p.id, name: name(p), allowance: p.bagAllowance.pieces, bags: state.bags[p.id] ?? 0 })),
        notice: step.notice,
      };
    case 'confirm':
      if (!booking) return { step: 'searching' };
      return {
        step: 'confirm',
        booking: bookingView(booking),
        passengers: includedPassengers.map((p) => ({
          id: p.id,
          name: name(p),
          bags: state.bags[p.id] ?? 0,
          seats: p.segments.map((s) => ({ segmentId: s.segmentId, seat: s.seat })),
        })),
      };
    case 'checkingIn':
      return { step: 'checkingIn', failed: step.failed };
    case 'printing': {
      const job = step.jobs[step.printed];
      return {
        step: 'printing',
        total: step.jobs.length,
        printed: step.printed,
        current: job ? job.kind : null,
        fault: step.fault ? { printer: step.fault.printer, kind: step.fault.kind } : null,
      };
    }
    case 'done':
      return { step: 'done', boardingPasses: state.result?.boardingPasses.length ?? 0, bagTags: state.result?.bagTags.length ?? 0 };
  }
}

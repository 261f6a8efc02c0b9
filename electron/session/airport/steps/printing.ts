import type { AirportAction } from '../../../contract/airport.ts';
import type { AirportReplies } from '../airport-calls.ts';
import { call, bookingName, go, stay, type AirportState, type AirportStep, type PrintFaultKind, type PrintingStep } from '../airport-state.ts';

/**
 * Printing boarding passes, then bag tags. A fault (paper out, offline) waits for the printer and carries on
 * by itself a few times, then only when the traveller asks; reprinting never checks in again.
 */

function printFaultKind(code: string): PrintFaultKind {
  if (code === 'MEDIA_EMPTY') return 'paperOut';
  if (code === 'NOT_REACHABLE' || code === 'NOT_RESPONDING') return 'offline';
  return 'fault';
}

export function printNext(state: AirportState, step: PrintingStep): AirportStep {
  const job = step.jobs[step.printed];
  const result = state.result;
  if (!job || !result) return go(state, { name: 'done' });
  if (job.kind === 'boardingPass') {
    const pass = result.boardingPasses.find((p) => p.passengerId === job.passengerId);
    if (!pass) return go(state, { ...step, printed: step.printed + 1 });
    return call({ ...state, step }, 'print', { type: 'printBoardingPass', booking: result.booking, pass });
  }
  const tag = result.bagTags.find((t) => t.licensePlate === job.licensePlate);
  const passenger = result.booking.passengers.find((p) => p.id === tag?.passengerId);
  if (!tag) return go(state, { ...step, printed: step.printed + 1 });
  return call({ ...state, step }, 'print', { type: 'printBagTag', tag, passengerName: passenger ? bookingName(passenger) : '' });
}

export function onPrintingAction(state: AirportState, step: PrintingStep, action: AirportAction): AirportStep {
  return action.type === 'retry' && step.fault ? printNext(state, { ...step, fault: null, autoReprints: 0 }) : stay(state);
}

export function onPrinted(state: AirportState, step: PrintingStep, reply: AirportReplies['printBoardingPass' | 'printBagTag']): AirportStep {
  if (reply.outcome.ok) return printNext(state, { ...step, printed: step.printed + 1, fault: null });
  const printer = step.jobs[step.printed]?.printer ?? 'receipt';
  return call({ ...state, step: { ...step, fault: { printer, kind: printFaultKind(reply.outcome.error.code) } } }, 'awaitPrinter', { type: 'awaitPrinter', printer });
}

/** Paper loaded / back online: carry on by itself, a few times; then only when the traveller asks. */
export function onPrinterReady(state: AirportState, step: PrintingStep, maxAutoReprints: number): AirportStep {
  if (!step.fault || step.autoReprints >= maxAutoReprints) return go(state, step);
  return printNext(state, { ...step, fault: null, autoReprints: step.autoReprints + 1 });
}

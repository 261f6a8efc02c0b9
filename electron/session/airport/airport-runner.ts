import type { Printer, PrintResult } from '../../../drivers/printer/printer.ts';
import type { AirlineDcs } from '../../airline/airline-dcs.ts';
import { bagTagDocument } from '../../airline/bag-tag.ts';
import { boardingPassDocument } from '../../airline/boarding-pass.ts';
import type { Logger } from '../../log/logger.ts';
import { callRunner } from '../call-runner.ts';
import type { Clock } from '../../../drivers/clock.ts';
import type { FlowCallRunner } from '../flow.ts';
import type { AirportCall, AirportPrinter, AirportPrintOutcome, AirportReplies, AirportReply } from './airport-calls.ts';

export interface AirportRunnerDeps {
  readonly dcs: AirlineDcs;
  readonly printers: { readonly receipt: Printer; readonly bagTag: Printer };
  readonly clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** After paper-out / offline, the earliest a job is retried once the printer reports ready. */
  readonly reprintDelayMs: number;
}

/**
 * Waits until `printer` reports `available`, no sooner than `minDelayMs` (so a printer that says ready but
 * keeps failing cannot spin). Resolves on abort too: the answer of an aborted call is dropped.
 */
function whenPrinterReady(printer: Printer, clock: AirportRunnerDeps['clock'], minDelayMs: number, signal: AbortSignal): Promise<AirportReplies['awaitPrinter']> {
  return new Promise((resolve) => {
    let unsubscribe: (() => void) | null = null;
    let timer: unknown = null;
    const finish = () => {
      unsubscribe?.();
      unsubscribe = null;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      signal.removeEventListener('abort', finish);
      resolve({ type: 'printerReady' });
    };
    if (signal.aborted) return finish();
    signal.addEventListener('abort', finish, { once: true });
    timer = clock.setTimeout(() => {
      timer = null;
      if (printer.status().state === 'available') return finish();
      unsubscribe = printer.subscribe((event) => {
        if (event.type === 'status' && event.status.state === 'available') finish();
      });
    }, minDelayMs);
  });
}

function printOutcome(result: PrintResult): AirportPrintOutcome {
  return result.ok ? { ok: true, value: null } : { ok: false, error: { code: result.error.code } };
}

/** The failed reply of each call, for a call that could not be made (aborted, or a bug in the runner). */
function fault(call: AirportCall): AirportReply {
  const failed = { ok: false as const, error: { code: 'protocol-error' as const, message: 'internal error' } };
  switch (call.type) {
    case 'findBookings':
      return { type: 'bookings', result: failed };
    case 'seatMap':
      return { type: 'seatMap', result: failed };
    case 'changeSeat':
      return { type: 'seat', result: failed };
    case 'checkIn':
      return { type: 'checkIn', result: failed };
    case 'printBoardingPass':
    case 'printBagTag':
      return { type: 'printed', outcome: { ok: false, error: { code: 'SOFTWARE_ERROR' } } };
    case 'awaitPrinter':
      return { type: 'printerReady' };
    case 'printerStatus':
      return { type: 'printers', ready: { receipt: false, bagTag: false } };
  }
}

/**
 * Performs the airport flow's calls against the DCS and printer ports (call-runner.ts: never rejects, not
 * started after its step was left). The DCS client has no cancellation; a late answer is dropped.
 */
export function airportCallRunner(deps: AirportRunnerDeps): FlowCallRunner<AirportCall, AirportReply> {
  const printerOf = (p: AirportPrinter): Printer => (p === 'receipt' ? deps.printers.receipt : deps.printers.bagTag);
  const perform = async (call: AirportCall, signal: AbortSignal): Promise<AirportReply> => {
    switch (call.type) {
      case 'findBookings':
        return { type: 'bookings', result: await deps.dcs.findBookings(call.query) };
      case 'seatMap':
        return { type: 'seatMap', result: await deps.dcs.seatMap(call.pnr, call.segmentId) };
      case 'changeSeat':
        return { type: 'seat', result: await deps.dcs.changeSeat(call.request) };
      case 'checkIn': {
        const result = await deps.dcs.checkIn(call.request, call.idempotencyKey);
        deps.logger.info({ passengers: call.request.passengers.length, ok: result.ok, code: result.ok ? null : result.error.code }, 'check-in');
        return { type: 'checkIn', result };
      }
      case 'printBoardingPass': {
        const result = await deps.printers.receipt.print(boardingPassDocument(call.booking, call.pass));
        if (!result.ok) deps.logger.warn({ code: result.error.code }, 'boarding pass not printed');
        return { type: 'printed', outcome: printOutcome(result) };
      }
      case 'printBagTag': {
        const result = await deps.printers.bagTag.print(bagTagDocument(call.tag, call.passengerName));
        if (!result.ok) deps.logger.warn({ code: result.error.code }, 'bag tag not printed');
        return { type: 'printed', outcome: printOutcome(result) };
      }
      case 'printerStatus': {
        // Busy is ready: a job of the previous traveller may still be finishing.
        const ready = (p: Printer) => p.status().state !== 'unavailable';
        return { type: 'printers', ready: { receipt: ready(deps.printers.receipt), bagTag: ready(deps.printers.bagTag) } };
      }
      case 'awaitPrinter':
        return whenPrinterReady(printerOf(call.printer), deps.clock, deps.reprintDelayMs, signal);
    }
  };
  return callRunner({ perform, fault, logger: deps.logger });
}

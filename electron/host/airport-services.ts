import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Printer, PrintResult } from '../../drivers/printer/printer.ts';
import type { AirlineDcs } from '../airline/airline-dcs.ts';
import { bagTagDocument } from '../airline/bag-tag.ts';
import { boardingPassDocument } from '../airline/boarding-pass.ts';
import { airlineConfigSchema, createAirlineDcs } from '../airline/airline-config.ts';
import type { Logger } from '../log/logger.ts';
import type { AirportCall, AirportPrinter, AirportPrintOutcome, AirportResult } from '../session/airport/airport-calls.ts';
import { createAirportFlow } from '../session/airport/airport-flow.ts';
import type { Clock } from '../session/clock.ts';
import type { FlowCallRunner } from '../session/flow.ts';
import type { FlowBuildDeps, FlowServices } from './flow-services.ts';
import type { KioskPrinters } from './printers.ts';

/** Configuration of airport check-in (the `airport` key of the kiosk's configuration). */
export const airportConfigSchema = z
  .strictObject({
    /** The departure control system (the airline module's schema): simulated on loopback by default. */
    dcs: airlineConfigSchema.prefault({}),
    /**
     * A traveller whose document was not verified by the identity platform cannot check in. Keep true; a
     * venue without a platform (`verifyHolders: false`) must set false, and the DCS may still refuse.
     */
    requireVerification: z.boolean().default(true),
    /** After paper-out / offline, the earliest the job is retried once the printer reports ready. */
    reprintDelayMs: z.number().int().min(0).max(60_000).default(1_000),
    /** How often a job is retried by itself after the printer is ready again; then the traveller decides. */
    maxAutoReprints: z.number().int().min(0).max(10).default(3),
  })
  .prefault({});
export type AirportConfig = z.infer<typeof airportConfigSchema>;

/**
 * Waits until `printer` reports `available`, no sooner than `minDelayMs` (so a printer that says ready but
 * keeps failing cannot spin). Resolves on abort too: the session drops answers for ended sessions.
 */
function whenPrinterReady(printer: Printer, clock: Clock, minDelayMs: number, signal: AbortSignal): Promise<AirportResult> {
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
  return result.ok ? { ok: true } : { ok: false, code: result.error.code };
}

export interface AirportRunnerDeps {
  readonly dcs: AirlineDcs;
  readonly printers: Pick<KioskPrinters, 'receipt' | 'bagTag'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly reprintDelayMs: number;
}

/**
 * Performs the airport flow's calls. Never rejects: a bug becomes a failed result the flow handles. The DCS
 * client has no cancellation; an answer that arrives after the session ended is dropped by the session.
 */
export function airportCallRunner(deps: AirportRunnerDeps): FlowCallRunner<AirportCall, AirportResult> {
  const printerOf = (p: AirportPrinter): Printer => (p === 'receipt' ? deps.printers.receipt : deps.printers.bagTag);
  return async (call, signal) => {
    try {
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
          return await whenPrinterReady(printerOf(call.printer), deps.clock, deps.reprintDelayMs, signal);
      }
    } catch (error) {
      deps.logger.error({ err: error, call: call.type }, 'airport call failed');
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
          return { type: 'printed', outcome: { ok: false, code: 'SOFTWARE_ERROR' } };
        case 'awaitPrinter':
          return { type: 'printerReady' };
        case 'printerStatus':
          return { type: 'printers', ready: { receipt: false, bagTag: false } };
      }
    }
  };
}

/**
 * Builds airport check-in: the DCS client (over HTTP; in simulated configuration against the airline
 * simulator started here on loopback, whose control routes are returned), the pure flow and its runner.
 */
export async function buildAirport(config: AirportConfig, deps: FlowBuildDeps): Promise<FlowServices | null> {
  const built = await createAirlineDcs(config.dcs, { logger: deps.logger.child({ component: 'dcs' }), now: () => deps.clock.now(), clock: deps.clock });
  const dcs = built.dcs;
  const flow = createAirportFlow({
    requireVerification: config.requireVerification,
    newIdempotencyKey: () => randomUUID(),
    maxAutoReprints: config.maxAutoReprints,
  });
  const run = airportCallRunner({ dcs, printers: deps.printers, clock: deps.clock, logger: deps.logger, reprintDelayMs: config.reprintDelayMs });
  return {
    flow,
    run: run as FlowServices['run'],
    simRoutes: built.simRoutes,
    devices: [],
    async close() {
      await built.close();
    },
  };
}

import type { MrzResult } from '../../../drivers/mrz/index.ts';
import { SimulatedPrinter } from '../../../drivers/printer/simulated-printer.ts';
import { airportViewSchema, type AirportAction, type AirportView } from '../../../electron/contract/airport.ts';
import { withDepartureTimeZones } from '../../../electron/airline/airport-time-zone.ts';
import { AirlineSimulator } from '../../../electron/airline/sim/airline-simulator.ts';
import { loadAirlineSeed, type AirlineSeed } from '../../../electron/airline/sim/seed.ts';
import { airportCallRunner } from '../../../electron/session/airport/airport-runner.ts';
import { createLogger } from '../../../electron/log/logger.ts';
import type { AirportCall, AirportReply } from '../../../electron/session/airport/airport-calls.ts';
import { createAirportFlow, type AirportFlowOptions, type AirportInput, type AirportState, type AirportStep } from '../../../electron/session/airport/airport-flow.ts';
import type { Clock } from '../../../drivers/clock.ts';
import type { FlowCallRunner, VerifiedTraveller } from '../../../electron/session/flow.ts';

export const t0 = Date.parse('2026-11-28T02:00:00Z');

let seedCache: AirlineSeed | null = null;
export async function seed(): Promise<AirlineSeed> {
  seedCache ??= await loadAirlineSeed();
  return seedCache;
}

/** Timers that run at once: the runner's "wait before reprinting" must not slow the unit tests. */
const immediateClock: Clock = {
  now: () => t0,
  monotonic: () => 0,
  setTimeout: (fn) => setImmediate(fn),
  clearTimeout: (handle) => clearImmediate(handle as NodeJS.Immediate),
};

/**
 * Drives the pure flow like the session does: effects are collected, calls are run (on demand) against the
 * in-process airline simulator and simulated printers through the real call runner, and results fed back.
 */
export class Drive {
  state!: AirportState;
  exited: 'done' | 'cancel' | null = null;
  /** Calls not yet answered, oldest first. */
  readonly calls: { requestId: number; call: AirportCall }[] = [];
  /** Every call the flow ever emitted. */
  readonly log: AirportCall[] = [];
  readonly verifies: { requestId: number; document: MrzResult }[] = [];
  readonly sim: AirlineSimulator;
  readonly receipt = new SimulatedPrinter({ id: 'printer', now: () => t0 });
  readonly bagTag = new SimulatedPrinter({ id: 'bag-tag-printer', now: () => t0 });
  readonly flow;
  readonly run: FlowCallRunner<AirportCall, AirportReply>;
  #keys = 0;

  constructor(airlineSeed: AirlineSeed, options: Partial<AirportFlowOptions> = {}) {
    this.sim = new AirlineSimulator({ seed: airlineSeed, now: () => t0 });
    this.flow = createAirportFlow({ requireVerification: true, newIdempotencyKey: () => `key-${++this.#keys}`, ...options });
    // Printers are switched on, as the host's device manager does at start.
    void this.receipt.start();
    void this.bagTag.start();
    this.run = airportCallRunner({
      dcs: withDepartureTimeZones(this.sim),
      printers: { receipt: this.receipt, bagTag: this.bagTag },
      clock: immediateClock,
      logger: createLogger({ level: 'silent' }),
      reprintDelayMs: 0,
    });
  }

  async startPrinters(): Promise<void> {
    await this.receipt.start();
    await this.bagTag.start();
  }

  apply(step: AirportStep): void {
    if (step.type === 'exit') {
      this.exited = step.reason;
      return;
    }
    this.state = step.state;
    for (const effect of step.effects) {
      if (effect.type === 'call') {
        this.calls.push({ requestId: effect.requestId, call: effect.call });
        this.log.push(effect.call);
      } else this.verifies.push({ requestId: effect.requestId, document: effect.document });
    }
  }

  start(document: MrzResult, verification: VerifiedTraveller['verification'] = 'verified'): this {
    this.apply(this.flow.start({ document, verification }, { now: t0 }));
    return this;
  }

  send(input: AirportInput): this {
    this.apply(this.flow.reduce(this.state, input, { now: t0 }));
    return this;
  }

  act(action: AirportAction): this {
    return this.send({ type: 'action', action });
  }

  /** Answers the oldest call with a given result instead of running it (possibly malformed, as a buggy runner might). */
  answer(result: unknown): this {
    const next = this.calls.shift();
    if (!next) throw new Error('no call to answer');
    if (next.call.type === 'printerStatus' && (result as { type?: string }).type !== 'printers') {
      // The printer check before check-in passes (printers ready) unless a test answers it itself.
      this.send({ type: 'reply', requestId: next.requestId, reply: { type: 'printers', ready: { receipt: true, bagTag: true } } });
      return this.answer(result);
    }
    return this.send({ type: 'reply', requestId: next.requestId, reply: result as AirportReply });
  }

  /** Runs every outstanding call (and those they lead to); stops before waiting for a printer unless told. */
  async settle(options: { awaitPrinter?: boolean } = {}): Promise<this> {
    for (;;) {
      const next = this.calls[0];
      if (next?.call.type === 'awaitPrinter' && this.state.requests.awaiting?.id !== next.requestId) {
        this.calls.shift(); // superseded by a reprint the traveller asked for: its answer would be stale
        continue;
      }
      if (!next || (next.call.type === 'awaitPrinter' && !options.awaitPrinter)) return this;
      this.calls.shift();
      const result = await this.run(next.call, new AbortController().signal);
      this.send({ type: 'reply', requestId: next.requestId, reply: result });
    }
  }

  verify(outcome: Extract<AirportInput, { type: 'verification' }>['outcome'], requestId?: number): this {
    const id = requestId ?? this.verifies.shift()?.requestId;
    if (id === undefined) throw new Error('no verification requested');
    return this.send({ type: 'verification', requestId: id, outcome });
  }

  /** The view, validated by the contract exactly as the host does on the way out. */
  view(): AirportView {
    return airportViewSchema.parse(this.flow.view(this.state));
  }

  get step(): string {
    return this.view().step;
  }

  checkInCalls(): Extract<AirportCall, { type: 'checkIn' }>[] {
    return this.log.filter((c): c is Extract<AirportCall, { type: 'checkIn' }> => c.type === 'checkIn');
  }
}

import type { Logger } from '../log/logger.ts';
import { systemClock, type Timers } from '../../drivers/clock.ts';
import type { HotelConfig } from './hotel-config.ts';
import { PmsSimulator, startPmsServer } from './pms-simulator.ts';
import { defaultPmsSeed, loadPmsSeed } from './pms-seed.ts';
import { PoliceSimulator, startPoliceServer } from './police-simulator.ts';
import { SimulatedKeyEncoder } from './simulated-key-encoder.ts';
import { SimulatedPaymentTerminal } from './simulated-payment-terminal.ts';

export interface HotelSimulatorOptions {
  /** PMS seed file; default: the bundled pms-seed.json. */
  readonly seedFile?: string;
  readonly now: () => number;
  readonly logger: Logger;
  /** Timers for the payment terminal's card timeout; default: the system's. */
  readonly clock?: Timers;
  readonly keyCardStock?: number;
  readonly paymentTimeoutMs?: number;
  readonly random?: () => number;
}

export interface HotelSimulators {
  /** Base URL of the OHIP-shaped PMS simulator on loopback. */
  readonly pmsUrl: string;
  /** Base URL of the police registration simulator on loopback. */
  readonly policeUrl: string;
  readonly hotelId: string;
  readonly sims: {
    readonly pms: PmsSimulator;
    readonly police: PoliceSimulator;
    readonly keyEncoder: SimulatedKeyEncoder;
    readonly payment: SimulatedPaymentTerminal;
  };
  close(): Promise<void>;
}

/** The simulator options a hotel configuration implies (seed file, card stock, payment timeout). */
export function hotelSimulatorOptions(config: HotelConfig): Pick<HotelSimulatorOptions, 'seedFile' | 'keyCardStock' | 'paymentTimeoutMs'> {
  return {
    ...(config.pms.seedFile ? { seedFile: config.pms.seedFile } : {}),
    keyCardStock: config.keyEncoder.cardStock,
    paymentTimeoutMs: config.payment.timeoutMs,
  };
}

/**
 * Starts the hotel back-end simulators: PMS and police as HTTP servers on loopback (so the HTTP adapters are
 * what runs in simulated mode), key encoder and payment terminal in process. Throws a SeedError for a bad seed
 * file (a start-up configuration error).
 */
export async function startHotelSimulators(options: HotelSimulatorOptions): Promise<HotelSimulators> {
  const seed = options.seedFile ? await loadPmsSeed(options.seedFile) : defaultPmsSeed();
  const pms = new PmsSimulator(seed, options.now);
  const police = new PoliceSimulator({ now: options.now, ...(options.random ? { random: options.random } : {}) });
  const pmsServer = await startPmsServer(pms);
  let policeServer;
  try {
    policeServer = await startPoliceServer(police);
  } catch (error) {
    await pmsServer.close();
    throw error;
  }
  const keyEncoder = new SimulatedKeyEncoder({ cardStock: options.keyCardStock ?? 200 });
  const payment = new SimulatedPaymentTerminal({ timeoutMs: options.paymentTimeoutMs ?? 60_000, clock: options.clock ?? systemClock });
  options.logger.info({ pmsUrl: pmsServer.url, policeUrl: policeServer.url, hotelId: seed.hotelId }, 'hotel simulators started');
  return {
    pmsUrl: pmsServer.url,
    policeUrl: policeServer.url,
    hotelId: seed.hotelId,
    sims: { pms, police, keyEncoder, payment },
    close: async () => {
      await Promise.all([pmsServer.close(), policeServer.close()]);
    },
  };
}

import type { Logger } from '../../log/logger.ts';
import { AirlineSimulator } from './airline-simulator.ts';
import { loadAirlineSeed } from './seed.ts';
import { serveAirlineSimulator } from './sim-server.ts';

export interface RunningAirlineSimulator {
  /** Base URL of the DCS HTTP API on loopback (`http://127.0.0.1:PORT`). */
  readonly url: string;
  readonly sim: AirlineSimulator;
  close(): Promise<void>;
}

/** Loads the seed (default `sim/seed.json`) and serves the simulator on a free loopback port. */
export async function startAirlineSimulator(options: { seedFile?: string; now: () => number; logger: Logger; port?: number }): Promise<RunningAirlineSimulator> {
  const seed = await loadAirlineSeed(options.seedFile);
  const sim = new AirlineSimulator({ seed, now: options.now });
  const served = await serveAirlineSimulator(sim, options.logger, options.port ?? 0);
  options.logger.info({ url: served.url }, 'airline simulator listening');
  return { url: served.url, sim, close: served.close };
}

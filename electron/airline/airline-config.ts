import { z } from 'zod';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import type { Logger } from '../log/logger.ts';
import type { AirlineDcs } from './airline-dcs.ts';
import { createHttpDcs } from './http-dcs.ts';
import { airlineSimRoutes } from './sim/sim-routes.ts';
import { startAirlineSimulator, type RunningAirlineSimulator } from './sim/start-simulator.ts';

/**
 * The `airline` section of the kiosk configuration. Every key has a default that gives simulated mode: the
 * DCS simulator on a loopback port (the kiosk still talks to it through the HTTP adapter). The printers are
 * the kiosk's own (the `printers` section of the configuration), not the airline's.
 */
export const airlineConfigSchema = z
  .strictObject({
    mode: z.enum(['simulated', 'real']).default('simulated'),
    /** The DCS API base URL; required in real mode (dcs-http-api.md). */
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Per attempt; the kiosk shows a "still working" state meanwhile. */
    timeoutMs: z.number().int().min(100).max(60_000).default(8000),
    /** Extra attempts after a timeout or 5xx (check-in is idempotent, so a retry is safe). */
    retries: z.number().int().min(0).max(3).default(1),
    /** Sent as `authorization: Bearer …` in real mode. */
    apiKey: z.string().min(1).optional(),
    simulator: z.strictObject({ seedFile: z.string().min(1).optional(), port: z.number().int().min(0).max(65535).default(0) }).prefault({}),
  })
  .refine((c) => c.mode === 'simulated' || c.baseUrl !== undefined, { message: 'baseUrl is required in real mode', path: ['baseUrl'] });

export type AirlineConfig = z.infer<typeof airlineConfigSchema>;

export interface AirlineDeps {
  readonly logger: Logger;
  /** The simulator's clock; defaults to the wall clock. */
  readonly now?: () => number;
  /** Simulated mode: use this already-running simulator instead of starting one (closing stays with the caller). */
  readonly simulator?: RunningAirlineSimulator;
}

export interface BuiltAirlineDcs {
  readonly dcs: AirlineDcs;
  /** Set in simulated mode. */
  readonly simulator: RunningAirlineSimulator | null;
  /** Control routes for /sim/ (empty in real mode). */
  readonly simRoutes: SimRoute[];
  close(): Promise<void>;
}

/** Builds the DCS client; in simulated mode starts the loopback simulator first and points the client at it. */
export async function createAirlineDcs(config: AirlineConfig, deps: AirlineDeps): Promise<BuiltAirlineDcs> {
  const logger = deps.logger;
  if (config.mode === 'real') {
    const dcs = createHttpDcs({
      baseUrl: config.baseUrl as string,
      timeoutMs: config.timeoutMs,
      retries: config.retries,
      logger,
      ...(config.apiKey ? { headers: { authorization: `Bearer ${config.apiKey}` } } : {}),
    });
    return { dcs, simulator: null, simRoutes: [], close: async () => undefined };
  }
  if (deps.simulator) {
    const dcs = createHttpDcs({ baseUrl: deps.simulator.url, timeoutMs: config.timeoutMs, retries: config.retries, logger });
    return { dcs, simulator: deps.simulator, simRoutes: airlineSimRoutes(deps.simulator.sim), close: async () => undefined };
  }
  const simulator = await startAirlineSimulator({
    now: deps.now ?? Date.now,
    logger,
    port: config.simulator.port,
    ...(config.simulator.seedFile ? { seedFile: config.simulator.seedFile } : {}),
  });
  const dcs = createHttpDcs({ baseUrl: simulator.url, timeoutMs: config.timeoutMs, retries: config.retries, logger });
  return { dcs, simulator, simRoutes: airlineSimRoutes(simulator.sim), close: simulator.close };
}

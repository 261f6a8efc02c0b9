import { z } from 'zod';
import { secretText, secretValueSchema } from '../secrets/secrets.ts';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import type { Logger } from '../log/logger.ts';
import type { AirlineDcs } from './airline-dcs.ts';
import { createHttpDcs, defaultDcsBreaker } from './http-dcs.ts';
import { backendTlsSchema, createBackendFetch, isHttps } from '../net/backend-http.ts';
import type { Clock } from '../../drivers/clock.ts';
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
    /** Wait before the first retry, doubled for each further one. */
    retryDelayMs: z.number().int().min(0).max(30_000).default(500),
    /** Consecutive failures open the circuit; a health probe after openMs (doubling up to maxOpenMs) closes it. */
    breaker: z
      .strictObject({
        failureThreshold: z.number().int().min(1).max(100).default(defaultDcsBreaker.failureThreshold),
        openMs: z.number().int().min(100).max(3_600_000).default(defaultDcsBreaker.openMs),
        maxOpenMs: z.number().int().min(100).max(3_600_000).default(defaultDcsBreaker.maxOpenMs),
      })
      .refine((b) => b.openMs <= b.maxOpenMs, { message: 'openMs must not exceed maxOpenMs', path: ['openMs'] })
      .prefault({}),
    /** Pinned CA and client certificate for the real DCS (electron/net/backend-http.ts). */
    tls: backendTlsSchema,
    /** Sent as `authorization: Bearer …` in real mode: a secret reference (electron/secrets/secrets.ts). */
    apiKey: secretValueSchema.optional(),
    simulator: z.strictObject({ seedFile: z.string().min(1).optional(), port: z.number().int().min(0).max(65535).default(0) }).prefault({}),
  })
  .refine((c) => c.mode === 'simulated' || c.baseUrl !== undefined, { message: 'baseUrl is required in real mode', path: ['baseUrl'] })
  .refine((c) => c.mode === 'simulated' || isHttps(c.baseUrl), { message: 'a real DCS is reached over https only', path: ['baseUrl'] });

export type AirlineConfig = z.infer<typeof airlineConfigSchema>;

export interface AirlineDeps {
  readonly logger: Logger;
  /** The simulator's clock; defaults to the wall clock. */
  readonly now?: () => number;
  /** The client's retry waits and circuit breaker; defaults to the wall clock. */
  readonly clock?: Clock;
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
  // The key is read in every mode, so a simulated kiosk exercises the same path (the simulator ignores it).
  const apiKey = config.apiKey ? await secretText(config.apiKey) : undefined;
  const client = (baseUrl: string, fetch?: typeof globalThis.fetch) =>
    createHttpDcs({
      baseUrl,
      timeoutMs: config.timeoutMs,
      retries: config.retries,
      retryDelayMs: config.retryDelayMs,
      // Copied, so the client holds its own settings rather than a view of the configuration object.
      breaker: { ...config.breaker },
      logger,
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(fetch ? { fetch } : {}),
      ...(apiKey ? { headers: { authorization: `Bearer ${apiKey}` } } : {}),
    });
  if (config.mode === 'real') {
    const backend = await createBackendFetch('airport.dcs', config.tls);
    const dcs = client(config.baseUrl as string, backend.fetch as typeof globalThis.fetch);
    return {
      dcs,
      simulator: null,
      simRoutes: [],
      close: async () => {
        dcs.close();
        await backend.close();
      },
    };
  }
  if (deps.simulator) {
    const dcs = client(deps.simulator.url);
    return { dcs, simulator: deps.simulator, simRoutes: airlineSimRoutes(deps.simulator.sim), close: async () => dcs.close() };
  }
  const simulator = await startAirlineSimulator({
    now: deps.now ?? Date.now,
    logger,
    port: config.simulator.port,
    ...(config.simulator.seedFile ? { seedFile: config.simulator.seedFile } : {}),
  });
  const dcs = client(simulator.url);
  return {
    dcs,
    simulator,
    simRoutes: airlineSimRoutes(simulator.sim),
    close: async () => {
      dcs.close();
      await simulator.close();
    },
  };
}

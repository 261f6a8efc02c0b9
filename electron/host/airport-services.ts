import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { airlineConfigSchema, createAirlineDcs } from '../airline/airline-config.ts';
import { type Logger, componentLogger } from '../log/logger.ts';
import { withDepartureTimeZones } from '../airline/airport-time-zone.ts';
import { bindFlow } from '../session/active-flow.ts';
import { createAirportFlow } from '../session/airport/airport-flow.ts';
import { airportCallRunner } from '../session/airport/airport-runner.ts';
import type { FlowBuildDeps, FlowServices } from './flow-services.ts';

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
 * Builds airport check-in: the DCS client (over HTTP; in simulated configuration against the airline
 * simulator started here on loopback, whose control routes are returned), the pure flow and its runner.
 */
export async function buildAirport(config: AirportConfig, deps: FlowBuildDeps): Promise<FlowServices | null> {
  const built = await createAirlineDcs(config.dcs, { logger: componentLogger(deps.logger, 'dcs'), now: () => deps.clock.now() });
  // Every departure carries its airport's zone from here on (the DCS's own, else the airport table's).
  const dcs = withDepartureTimeZones(built.dcs);
  const flow = createAirportFlow({
    requireVerification: config.requireVerification,
    newIdempotencyKey: () => randomUUID(),
    maxAutoReprints: config.maxAutoReprints,
  });
  const run = airportCallRunner({ dcs, printers: deps.printers, clock: deps.clock, logger: deps.logger, reprintDelayMs: config.reprintDelayMs });
  return {
    binding: bindFlow({
      kind: 'airport',
      flow,
      run,
      action: (command) => (command.type === 'airport' ? command.action : null),
      screen: (view) => ({ name: 'airport', view }),
    }),
    simRoutes: built.simRoutes,
    devices: [],
    async close() {
      await built.close();
    },
  };
}

import { z } from 'zod';
import type { FlowBuildDeps, FlowServices } from './flow-services.ts';

/** Configuration of airport check-in (the `airport` key of the kiosk's configuration). */
export const airportConfigSchema = z.strictObject({}).prefault({});
export type AirportConfig = z.infer<typeof airportConfigSchema>;

/** Builds airport check-in: DCS client (and its simulator in simulated mode), flow and call runner. */
export async function buildAirport(_config: AirportConfig, _deps: FlowBuildDeps): Promise<FlowServices | null> {
  return null;
}

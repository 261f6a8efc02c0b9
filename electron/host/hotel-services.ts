import { z } from 'zod';
import type { FlowBuildDeps, FlowServices } from './flow-services.ts';

/** Configuration of hotel registration (the `hotel` key of the kiosk's configuration). */
export const hotelConfigSchema = z.strictObject({}).prefault({});
export type HotelConfig = z.infer<typeof hotelConfigSchema>;

/** Builds hotel registration: PMS, police reporting outbox, key encoder, payment, flow and call runner. */
export async function buildHotel(_config: HotelConfig, _deps: FlowBuildDeps): Promise<FlowServices | null> {
  return null;
}

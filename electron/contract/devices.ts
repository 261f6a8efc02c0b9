import { z } from 'zod';

/** Device status as staff and the traveller's screens see it (CUSS-like, drivers/device.ts). */
const deviceStatusSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('available') }),
  z.strictObject({ state: z.literal('busy') }),
  z.strictObject({ state: z.literal('unavailable'), reason: z.string(), code: z.string() }),
]);

export const deviceViewSchema = z.strictObject({
  id: z.string(),
  kind: z.string(),
  status: deviceStatusSchema,
});

export type DeviceView = z.infer<typeof deviceViewSchema>;

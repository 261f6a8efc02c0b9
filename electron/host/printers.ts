import { z } from 'zod';
import type { Printer } from '../../drivers/printer/printer.ts';
import { SimulatedPrinter, printerSimRoutes } from '../../drivers/printer/simulated-printer.ts';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import type { Clock } from '../session/clock.ts';

/** The kiosk's printers: boarding passes and slips on one, bag tags on the other (CUSS BPP / BTP). */
export interface KioskPrinters {
  readonly receipt: Printer;
  readonly bagTag: Printer;
  readonly simRoutes: readonly SimRoute[];
}

export const printersConfigSchema = z
  .strictObject({
    receipt: z.strictObject({ kind: z.literal('simulated') }).prefault({ kind: 'simulated' }),
    bagTag: z.strictObject({ kind: z.literal('simulated') }).prefault({ kind: 'simulated' }),
  })
  .prefault({});

export type PrintersConfig = z.infer<typeof printersConfigSchema>;

export function buildPrinters(_config: PrintersConfig, deps: { clock: Clock }): KioskPrinters {
  const receipt = new SimulatedPrinter({ id: 'printer', now: () => deps.clock.now() });
  const bagTag = new SimulatedPrinter({ id: 'bag-tag-printer', now: () => deps.clock.now() });
  return {
    receipt,
    bagTag,
    simRoutes: [...printerSimRoutes(receipt, 'printer'), ...printerSimRoutes(bagTag, 'bag-tag-printer')],
  };
}

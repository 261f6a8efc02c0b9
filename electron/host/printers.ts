import { z } from 'zod';
import type { Printer } from '../../drivers/printer/printer.ts';
import { createPrinter, printerConfigSchema } from '../../drivers/printer/printer-config.ts';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import type { Clock } from '../session/clock.ts';

/** The kiosk's printers: boarding passes and slips on one, bag tags on the other (CUSS BPP / BTP). */
export interface KioskPrinters {
  readonly receipt: Printer;
  readonly bagTag: Printer;
  readonly simRoutes: readonly SimRoute[];
}

/** Each printer is `simulated` (default), `escpos` over serial (path, baud, paper width) or a PNG `preview`. */
export const printersConfigSchema = z
  .strictObject({
    receipt: printerConfigSchema,
    bagTag: printerConfigSchema,
  })
  .prefault({});

export type PrintersConfig = z.infer<typeof printersConfigSchema>;

export function buildPrinters(config: PrintersConfig, deps: { clock: Clock }): KioskPrinters {
  const now = () => deps.clock.now();
  const receipt = createPrinter(config.receipt, { id: 'printer', simPrefix: 'printer', now });
  const bagTag = createPrinter(config.bagTag, { id: 'bag-tag-printer', simPrefix: 'bag-tag-printer', now });
  return { receipt: receipt.printer, bagTag: bagTag.printer, simRoutes: [...receipt.simRoutes, ...bagTag.simRoutes] };
}

import type { Printer } from '../../drivers/printer/printer.ts';
import { createGb18030Encoder } from '../../drivers/printer/gb18030.ts';
import { createPrinter, printersConfigSchema, type PrinterDeps, type PrintersConfig } from '../../drivers/printer/printer-config.ts';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import type { Clock } from '../../drivers/clock.ts';

/** The kiosk's printers: boarding passes and slips on one, bag tags on the other (CUSS BPP / BTP). */
export interface KioskPrinters {
  readonly receipt: Printer;
  readonly bagTag: Printer;
  readonly simRoutes: readonly SimRoute[];
}

export { printersConfigSchema, type PrintersConfig };

export function buildPrinters(config: PrintersConfig, deps: { clock: Clock } & Pick<PrinterDeps, 'createPort'>): KioskPrinters {
  const shared = {
    now: () => deps.clock.now(),
    // The GB18030 table is large: ESC/POS printers share one.
    gb18030: createGb18030Encoder(),
    ...(deps.createPort ? { createPort: deps.createPort } : {}),
  };
  const receipt = createPrinter(config.receipt, { ...shared, id: 'printer', simPrefix: 'printer' });
  const bagTag = createPrinter(config.bagTag, { ...shared, id: 'bag-tag-printer', simPrefix: 'bag-tag-printer' });
  return { receipt: receipt.printer, bagTag: bagTag.printer, simRoutes: [...receipt.simRoutes, ...bagTag.simRoutes] };
}

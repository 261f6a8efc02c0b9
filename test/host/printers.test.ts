import { SerialPortMock } from 'serialport';
import { describe, expect, it } from 'vitest';
import { EscPosPrinter } from '../../drivers/printer/escpos-printer.ts';
import { PreviewPrinter } from '../../drivers/printer/preview-printer.ts';
import { SimulatedPrinter } from '../../drivers/printer/simulated-printer.ts';
import { buildPrinters, printersConfigSchema } from '../../electron/host/printers.ts';
import { systemClock } from '../../drivers/clock.ts';

describe("the kiosk's printers", () => {
  it('are two simulated printers by default, each with its own control routes', () => {
    const printers = buildPrinters(printersConfigSchema.parse({}), { clock: systemClock });
    expect(printers.receipt).toBeInstanceOf(SimulatedPrinter);
    expect(printers.receipt.id).toBe('printer');
    expect(printers.bagTag.id).toBe('bag-tag-printer');
    const routes = printers.simRoutes.map((r) => `${r.method} ${r.path}`);
    expect(routes).toContain('POST /printer/paper-out');
    expect(routes).toContain('GET /bag-tag-printer/jobs');
  });

  it('fills ESC/POS defaults and builds ESC/POS and preview printers from their sections, with no control routes', () => {
    const config = printersConfigSchema.parse({ receipt: { mode: 'escpos', path: '/dev/ttyUSB0' }, bagTag: { mode: 'preview' } });
    expect(config.receipt).toEqual({ mode: 'escpos', path: '/dev/ttyUSB0', baudRate: 9600, columns: 48, widthDots: 576, statusTimeoutMs: 1000, pollMs: 2000 });
    const printers = buildPrinters(config, { clock: systemClock, createPort: (o) => new SerialPortMock(o) as never });
    expect(printers.receipt).toBeInstanceOf(EscPosPrinter);
    expect(printers.bagTag).toBeInstanceOf(PreviewPrinter);
    expect(printers.simRoutes).toEqual([]);
  });

  it('rejects an ESC/POS printer without a port and an unknown mode', () => {
    expect(printersConfigSchema.safeParse({ receipt: { mode: 'escpos' } }).success).toBe(false);
    expect(printersConfigSchema.safeParse({ receipt: { mode: 'laser' } }).success).toBe(false);
  });
});

import { z } from 'zod';
import { serialTransport, type SerialTransportOptions } from './byte-transport.ts';
import { EscPosPrinter, type PrinterTimers } from './escpos-printer.ts';
import { PreviewPrinter, type PreviewJob } from './preview-printer.ts';
import type { Gb18030Encoder } from './gb18030.ts';
import type { Printer } from './printer.ts';
import { SimulatedPrinter, printerSimRoutes } from './simulated-printer.ts';
import type { SimRoute } from '../sim/sim-route.ts';

/**
 * One printer's configuration. `simulated` (default) keeps jobs in memory and is driven by the control API;
 * `escpos` drives a receipt-class printer over a serial port (a USB printer's virtual serial port on Windows,
 * docs/devices.md §3.3); `preview` renders PNGs only (no printer attached).
 */
export const printerConfigSchema = z
  .discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('simulated') }),
    z.strictObject({
      mode: z.literal('escpos'),
      path: z.string().min(1),
      baudRate: z.number().int().positive().default(9600),
      /** 48 on 80 mm paper, 32 on 58 mm. */
      columns: z.number().int().min(16).max(64).default(48),
      widthDots: z.number().int().min(128).max(1024).default(576),
      statusTimeoutMs: z.number().int().min(50).max(10_000).default(1000),
      pollMs: z.number().int().min(100).max(60_000).default(2000),
    }),
    z.strictObject({ mode: z.literal('preview'), widthPx: z.number().int().min(128).max(2048).default(576) }),
  ])
  .default({ mode: 'simulated' });

export type PrinterConfig = z.infer<typeof printerConfigSchema>;

/**
 * The kiosk's two printers (the `printers` key of its configuration): boarding passes and slips on `receipt`,
 * bag tags on `bagTag` (CUSS BPP / BTP). Each is `simulated` (default), `escpos` over serial or a PNG `preview`.
 */
export const printersConfigSchema = z
  .strictObject({
    receipt: printerConfigSchema,
    bagTag: printerConfigSchema,
  })
  .prefault({});

export type PrintersConfig = z.infer<typeof printersConfigSchema>;

export interface PrinterDeps {
  /** Device id, e.g. `boarding-pass-printer`. */
  readonly id: string;
  /** Control-API prefix of a simulated printer, e.g. `printer` → `/sim/printer/...`. */
  readonly simPrefix: string;
  readonly now?: () => number;
  readonly timers?: PrinterTimers;
  /** Tests: a mock serial port. */
  readonly createPort?: SerialTransportOptions['createPort'];
  /** Preview mode: receives each rendered PNG. */
  readonly onPreview?: (job: PreviewJob) => void;
  /** Share one GB18030 table between ESC/POS printers. */
  readonly gb18030?: Gb18030Encoder;
}

export interface BuiltPrinter {
  readonly printer: Printer;
  /** Set in simulated mode, for the control API and tests. */
  readonly simulator: SimulatedPrinter | null;
  /** Control routes to mount under /sim/ (empty unless simulated). */
  readonly simRoutes: SimRoute[];
}

export function createPrinter(config: PrinterConfig, deps: PrinterDeps): BuiltPrinter {
  switch (config.mode) {
    case 'simulated': {
      const simulator = new SimulatedPrinter({ id: deps.id, ...(deps.now ? { now: deps.now } : {}) });
      return { printer: simulator, simulator, simRoutes: printerSimRoutes(simulator, deps.simPrefix) };
    }
    case 'escpos': {
      const transport = serialTransport({ path: config.path, baudRate: config.baudRate, ...(deps.createPort ? { createPort: deps.createPort } : {}) });
      const printer = new EscPosPrinter({
        id: deps.id,
        transport,
        columns: config.columns,
        widthDots: config.widthDots,
        statusTimeoutMs: config.statusTimeoutMs,
        pollMs: config.pollMs,
        ...(deps.timers ? { timers: deps.timers } : {}),
        ...(deps.gb18030 ? { gb18030: deps.gb18030 } : {}),
      });
      return { printer, simulator: null, simRoutes: [] };
    }
    case 'preview':
      return { printer: new PreviewPrinter({ id: deps.id, widthPx: config.widthPx, ...(deps.onPreview ? { sink: deps.onPreview } : {}) }), simulator: null, simRoutes: [] };
  }
}

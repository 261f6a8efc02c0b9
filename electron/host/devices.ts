import { z } from 'zod';
import type { BarcodeScanner } from '../../drivers/scanner/barcode-scanner.ts';
import type { DocumentReader } from '../../drivers/reader/document-reader.ts';
import { SimulatedReader } from '../../drivers/reader/simulated-reader.ts';
import { simRoute, type SimRoute } from '../../drivers/sim/sim-route.ts';
import type { Logger } from '../log/logger.ts';
import type { KioskConfig } from './config.ts';

/** An MRZ line as a reader could deliver it: bounded so a test cannot push megabytes through the session. */
const mrzLine = z.string().min(1).max(60);

export interface BuiltDevices {
  readonly readers: DocumentReader[];
  readonly scanners: BarcodeScanner[];
  readonly simRoutes: SimRoute[];
}

/** Builds the device adapters the configuration names (today: the simulated reader). */
export function buildDevices(_config: KioskConfig, _deps: { logger: Logger }): BuiltDevices {
  const reader = new SimulatedReader('reader');
  const ok = (r: { accepted: boolean; reason?: string }) => (r.accepted ? { ok: true } : { ok: false, reason: r.reason });
  return {
    readers: [reader],
    scanners: [],
    simRoutes: [
      simRoute({
        method: 'POST',
        path: '/reader/document',
        body: z.strictObject({ mrz: z.array(mrzLine).min(1).max(3) }),
        handle: (body) => ok(reader.insert(body.mrz)),
      }),
      simRoute({ method: 'POST', path: '/reader/unplug', handle: () => (reader.unplug(), { ok: true }) }),
      simRoute({ method: 'POST', path: '/reader/plug', handle: () => (reader.plug(), { ok: true }) }),
      simRoute({
        method: 'POST',
        path: '/reader/fault',
        body: z.strictObject({ code: z.string().min(1).max(40), message: z.string().max(200).default('simulated fault') }),
        handle: (body) => ok(reader.fault(body.code, body.message)),
      }),
    ],
  };
}

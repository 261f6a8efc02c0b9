import { z } from 'zod';
import type { SimulatedReader } from '../reader/simulated-reader.ts';
import type { SimulatedScanner } from '../scanner/simulated-scanner.ts';
import { simRoute, type SimRoute } from './sim-route.ts';

/** MRZ lines as the control API accepts them: 1–3 non-empty lines of at most 60 characters. */
export const mrzLinesSchema = z
  .array(z.string().min(1, 'an MRZ line must not be empty').max(60, 'an MRZ line has at most 60 characters'))
  .min(1, 'give 1 to 3 MRZ lines')
  .max(3, 'give 1 to 3 MRZ lines');

export const readerDocumentBody = z.strictObject({ mrz: mrzLinesSchema });
export const readerDisconnectBody = z
  .strictObject({ mrz: mrzLinesSchema.optional(), stayUnplugged: z.boolean().optional() })
  .optional();
export const readerGarbageBody = z
  .strictObject({ bytes: z.array(z.number().int().min(0).max(255)).min(1).max(1024).optional() })
  .optional();
export const readerFaultBody = z.strictObject({
  code: z.string().min(1).max(40),
  message: z.string().max(200).default('simulated fault'),
});
export const scannerBarcodeBody = z.strictObject({
  symbology: z.string().min(1).max(32),
  text: z.string().min(1).max(4096),
});

/** ICAO specimen (docs/mrz-formats.md §5.1 S1), sent half-way when a disconnect is injected without lines. */
const specimen = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

type Outcome = { accepted: boolean; reason?: string };
/** What every route answers: `ok` false with the reason when the device refused (unplugged, not started). */
export type SimReply = { ok: true } | { ok: false; reason: string };
const reply = (outcome: Outcome | void): SimReply =>
  !outcome || outcome.accepted ? { ok: true } : { ok: false, reason: outcome.reason ?? 'refused' };
const missing = (what: string): SimReply => ({ ok: false, reason: `no simulated ${what} configured` });

/**
 * Control-API routes for the simulated reader and scanner (docs/architecture.md "Simulation control"), mounted by
 * the host under /sim/. Reader faults go through the simulated reader's framer (garbage bytes, a frame cut off
 * by a disconnect), so they exercise the same framing code as hardware. Only the devices given get routes
 * that act; the others answer `{ ok: false, reason }`.
 */
export function deviceSimRoutes(simulated: { reader?: SimulatedReader; scanner?: SimulatedScanner }): SimRoute[] {
  const { reader, scanner } = simulated;
  const readerDo = (fn: (r: SimulatedReader) => Outcome | void): SimReply => (reader ? reply(fn(reader)) : missing('reader'));
  const scannerDo = (fn: (s: SimulatedScanner) => Outcome | void): SimReply =>
    scanner ? reply(fn(scanner)) : missing('scanner');
  return [
    simRoute({ method: 'POST', path: '/reader/document', body: readerDocumentBody, handle: (b) => readerDo((r) => r.insert(b.mrz)) }),
    simRoute({ method: 'POST', path: '/reader/remove', handle: () => readerDo((r) => r.remove()) }),
    simRoute({ method: 'POST', path: '/reader/unplug', handle: () => readerDo((r) => r.unplug()) }),
    simRoute({ method: 'POST', path: '/reader/plug', handle: () => readerDo((r) => r.plug()) }),
    simRoute({ method: 'POST', path: '/reader/fault', body: readerFaultBody, handle: (b) => readerDo((r) => r.fault(b.code, b.message)) }),
    simRoute({
      method: 'POST',
      path: '/reader/garbage',
      body: readerGarbageBody,
      handle: (b) => readerDo((r) => r.garbage(b?.bytes ? Uint8Array.from(b.bytes) : undefined)),
    }),
    simRoute({
      method: 'POST',
      path: '/reader/disconnect-mid-frame',
      body: readerDisconnectBody,
      handle: (b) => readerDo((r) => r.disconnectMidFrame(b?.mrz ?? specimen, { stayUnplugged: b?.stayUnplugged ?? false })),
    }),
    simRoute({ method: 'POST', path: '/scanner/barcode', body: scannerBarcodeBody, handle: (b) => scannerDo((s) => s.scan(b.symbology, b.text)) }),
    simRoute({ method: 'POST', path: '/scanner/unplug', handle: () => scannerDo((s) => s.unplug()) }),
    simRoute({ method: 'POST', path: '/scanner/plug', handle: () => scannerDo((s) => s.plug()) }),
  ];
}

import { describe, expect, it } from 'vitest';
import type { ReaderEvent } from '../../drivers/reader/document-reader.ts';
import { SimulatedReader } from '../../drivers/reader/simulated-reader.ts';
import type { ScannerEvent } from '../../drivers/scanner/barcode-scanner.ts';
import { SimulatedScanner } from '../../drivers/scanner/simulated-scanner.ts';
import { deviceSimRoutes } from '../../drivers/sim/device-routes.ts';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import { td3 } from '../framing/specimens.ts';

/** Calls a route the way the host's sim handler does: validate the body with the route's schema, then handle. */
async function call(routes: SimRoute[], path: string, body?: unknown): Promise<{ status: number; reply: unknown }> {
  const route = routes.find((r) => r.path === path);
  if (!route) return { status: 404, reply: undefined };
  let input = body;
  if (route.body) {
    const parsed = route.body.safeParse(body);
    if (!parsed.success) return { status: 400, reply: parsed.error.issues.map((i) => i.message) };
    input = parsed.data;
  }
  return { status: 200, reply: await route.handle(input) };
}

async function setup() {
  const reader = new SimulatedReader('reader');
  const scanner = new SimulatedScanner('scanner');
  await reader.start();
  await scanner.start();
  const readerEvents: ReaderEvent[] = [];
  const scannerEvents: ScannerEvent[] = [];
  reader.subscribe((e) => readerEvents.push(e));
  scanner.subscribe((e) => scannerEvents.push(e));
  return { routes: deviceSimRoutes({ reader, scanner }), reader, scanner, readerEvents, scannerEvents };
}

describe('deviceSimRoutes', () => {
  it('covers the reader and scanner control paths, all POST', () => {
    const routes = deviceSimRoutes({});
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      [
        '/reader/disconnect-mid-frame',
        '/reader/document',
        '/reader/fault',
        '/reader/garbage',
        '/reader/plug',
        '/reader/remove',
        '/reader/unplug',
        '/scanner/barcode',
        '/scanner/plug',
        '/scanner/unplug',
      ].map((p) => `POST ${p}`),
    );
  });

  it('puts a document on the reader: readStart, data with the lines, readEnd', async () => {
    const { routes, readerEvents } = await setup();
    expect(await call(routes, '/reader/document', { mrz: td3 })).toEqual({ status: 200, reply: { ok: true } });
    expect(readerEvents.map((e) => e.type)).toEqual(['mediaInserted', 'readStart', 'data', 'readEnd']);
    expect(readerEvents[2]).toEqual({ type: 'data', data: { lines: td3, origin: 'reader' } });
  });

  it.each<[unknown, string]>([
    [{ mrz: [] }, 'no lines'],
    [{ mrz: ['a', 'b', 'c', 'd'] }, 'four lines'],
    [{ mrz: [''] }, 'an empty line'],
    [{ mrz: ['A'.repeat(61)] }, 'a 61-character line'],
    [{ mrz: 'P<UTO' }, 'a string instead of lines'],
    [{ mrz: td3, extra: 1 }, 'an unknown field'],
    [undefined, 'no body'],
  ])('refuses a document body with %j (%s) with 400 and the reason', async (body) => {
    const { routes, readerEvents } = await setup();
    const result = await call(routes, '/reader/document', body);
    expect(result.status).toBe(400);
    expect((result.reply as string[]).length).toBeGreaterThan(0);
    expect(readerEvents).toEqual([]);
  });

  it('answers ok:false with the reason while the reader is unplugged, and reads again once plugged', async () => {
    const { routes, readerEvents, reader } = await setup();
    await call(routes, '/reader/unplug');
    expect(reader.status()).toMatchObject({ state: 'unavailable', code: 'NOT_REACHABLE' });
    expect(await call(routes, '/reader/document', { mrz: td3 })).toEqual({ status: 200, reply: { ok: false, reason: 'reader unplugged' } });
    await call(routes, '/reader/plug');
    expect((await call(routes, '/reader/document', { mrz: td3 })).reply).toEqual({ ok: true });
    expect(readerEvents.filter((e) => e.type === 'data')).toHaveLength(1);
  });

  it('sends garbage through the framer as a NOISE error outside any read', async () => {
    const { routes, readerEvents } = await setup();
    expect((await call(routes, '/reader/garbage', {})).reply).toEqual({ ok: true });
    expect(readerEvents).toEqual([{ type: 'error', error: { code: 'NOISE', message: expect.stringContaining('8 byte') } }]);
    await call(routes, '/reader/garbage', { bytes: [0, 1, 2] });
    expect(readerEvents.at(-1)).toMatchObject({ error: { code: 'NOISE', message: expect.stringContaining('3 byte') } });
  });

  it('cuts a frame off with a disconnect: readStart, TRUNCATED, readEnd, unavailable, then available again', async () => {
    const { routes, readerEvents, reader } = await setup();
    await call(routes, '/reader/disconnect-mid-frame', {});
    expect(readerEvents.map((e) => (e.type === 'error' ? `error:${e.error.code}` : e.type === 'status' ? `status:${e.status.state}` : e.type))).toEqual([
      'mediaInserted',
      'readStart',
      'error:TRUNCATED',
      'readEnd',
      'status:unavailable',
      'status:available',
    ]);
    expect(reader.status().state).toBe('available');
    await call(routes, '/reader/disconnect-mid-frame', { stayUnplugged: true });
    expect(reader.status().state).toBe('unavailable');
  });

  it('removes the document and injects a coded fault', async () => {
    const { routes, readerEvents } = await setup();
    await call(routes, '/reader/remove');
    await call(routes, '/reader/fault', { code: 'HARDWARE', message: 'lamp failed' });
    expect(readerEvents).toEqual([
      { type: 'mediaRemoved' },
      { type: 'readStart' },
      { type: 'error', error: { code: 'HARDWARE', message: 'lamp failed' } },
      { type: 'readEnd' },
    ]);
  });

  it('scans a barcode with its symbology and AIM id, and follows scanner plug/unplug', async () => {
    const { routes, scannerEvents, scanner } = await setup();
    const bcbp = 'M1ERIKSSON/ANNA MARIA  EABC123 PEKSHAMU 5793 123Y012A0001 100';
    expect((await call(routes, '/scanner/barcode', { symbology: 'PDF417', text: bcbp })).reply).toEqual({ ok: true });
    expect(scannerEvents).toEqual([{ type: 'data', scan: { symbology: 'PDF417', aim: ']L0', text: bcbp } }]);
    expect((await call(routes, '/scanner/barcode', { symbology: 'PDF417' })).status).toBe(400);
    await call(routes, '/scanner/unplug');
    expect(scanner.status().state).toBe('unavailable');
    expect((await call(routes, '/scanner/barcode', { symbology: 'QR', text: 'x' })).reply).toEqual({ ok: false, reason: 'scanner unplugged' });
    await call(routes, '/scanner/plug');
    expect(scanner.status().state).toBe('available');
  });

  it('answers ok:false when no simulated device is configured', async () => {
    const routes = deviceSimRoutes({});
    expect((await call(routes, '/reader/document', { mrz: td3 })).reply).toEqual({ ok: false, reason: 'no simulated reader configured' });
    expect((await call(routes, '/scanner/plug')).reply).toEqual({ ok: false, reason: 'no simulated scanner configured' });
  });
});

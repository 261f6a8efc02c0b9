import { describe, expect, it } from 'vitest';
import { SimulatedPrinter, printerSimRoutes } from '../../drivers/printer/simulated-printer.ts';
import type { PrintDocument } from '../../drivers/printer/printer.ts';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';

const doc: PrintDocument = {
  kind: 'bag-tag',
  blocks: [
    { type: 'text', text: 'FRA', size: 'large' },
    { type: 'text', text: '陈大文' },
    { type: 'barcode', symbology: 'itf', data: '0987000001' },
    { type: 'cut' },
  ],
};

async function call(routes: SimRoute[], method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const r = routes.find((x) => x.method === method && x.path === path);
  if (!r) throw new Error(`no route ${method} ${path}`);
  return r.handle(r.body ? r.body.parse(body) : body);
}

describe('simulated printer', () => {
  it('keeps completed jobs with the injected time, and only those', async () => {
    const printer = new SimulatedPrinter({ id: 'btp', now: () => Date.UTC(2026, 10, 28, 1, 0, 0) });
    await printer.start();
    await printer.print(doc);
    printer.paperOut(2);
    expect((await printer.print(doc)).ok).toBe(false);
    expect(printer.printed().map((j) => [j.jobId, j.printedAt])).toEqual([['btp-1', Date.UTC(2026, 10, 28, 1, 0, 0)]]);
  });

  it('fails a job that goes offline mid-way with NOT_REACHABLE', async () => {
    const printer = new SimulatedPrinter();
    await printer.start();
    printer.offline(1);
    expect(await printer.print(doc)).toMatchObject({ ok: false, error: { code: 'NOT_REACHABLE', message: 'printer offline after 1 of 4 blocks' } });
    expect(printer.printed()).toHaveLength(0);
  });

  it('is busy while printing', async () => {
    let release: () => void = () => undefined;
    const printer = new SimulatedPrinter({ step: () => new Promise<void>((r) => (release = r)) });
    await printer.start();
    const job = printer.print({ kind: 'receipt', blocks: [{ type: 'text', text: 'x' }] });
    await new Promise((r) => setImmediate(r));
    expect(printer.status()).toEqual({ state: 'busy' });
    release();
    expect((await job).ok).toBe(true);
    expect(printer.status()).toEqual({ state: 'available' });
  });

  it('is driven by its control routes under its own prefix', async () => {
    const printer = new SimulatedPrinter({ id: 'btp' });
    const routes = printerSimRoutes(printer, 'bag-tag-printer');
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /bag-tag-printer/jobs',
      'GET /bag-tag-printer/status',
      'POST /bag-tag-printer/paper-out',
      'POST /bag-tag-printer/paper-in',
      'POST /bag-tag-printer/offline',
      'POST /bag-tag-printer/online',
      'POST /bag-tag-printer/clear',
    ]);
    await printer.start();
    await printer.print(doc);
    expect(await call(routes, 'GET', '/bag-tag-printer/jobs')).toMatchObject({ jobs: [{ jobId: 'btp-1', kind: 'bag-tag', blocks: doc.blocks }] });
    expect(await call(routes, 'POST', '/bag-tag-printer/paper-out', {})).toEqual({ status: { state: 'unavailable', reason: 'paper out', code: 'MEDIA_EMPTY' } });
    expect(await call(routes, 'POST', '/bag-tag-printer/paper-in')).toEqual({ status: { state: 'available' } });
    await call(routes, 'POST', '/bag-tag-printer/offline', { afterBlocks: 1 });
    expect((await printer.print(doc)).ok).toBe(false);
    expect(await call(routes, 'POST', '/bag-tag-printer/online')).toEqual({ status: { state: 'available' } });
    await call(routes, 'POST', '/bag-tag-printer/clear');
    expect(await call(routes, 'GET', '/bag-tag-printer/jobs')).toEqual({ jobs: [] });
  });
});

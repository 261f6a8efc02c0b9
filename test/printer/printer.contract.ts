import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import sharp from 'sharp';
import type { DeviceStatus } from '../../drivers/device.ts';
import type { PrintDocument, Printer, PrinterEvent } from '../../drivers/printer/printer.ts';

/** Faults a harness can cause; they may take a moment (a pty pair is killed and made again). */
export interface PrinterFaults {
  paperOut(): void | Promise<void>;
  paperIn(): void | Promise<void>;
  /** Offline, unplugged or silent: whatever the adapter can lose. */
  offline(): void | Promise<void>;
  online(): void | Promise<void>;
  /** The paper runs out while the next job is being printed. */
  paperOutDuringNextJob(): void | Promise<void>;
}

export interface PrinterHarness {
  readonly printer: Printer;
  /** Absent for adapters without paper or a link to lose (the PNG preview). */
  readonly faults?: PrinterFaults;
  close(): Promise<void>;
}

let logo: Uint8Array;

/** Makes the logo `sampleDocument()` prints (a PNG, made by sharp); call it once before. */
export async function loadSampleLogo(): Promise<void> {
  logo ??= new Uint8Array(await sharp({ create: { width: 64, height: 24, channels: 3, background: '#000' } }).png().toBuffer());
}

export function sampleDocument(): PrintDocument {
  return {
    kind: 'boarding-pass',
    blocks: [
      { type: 'image', png: logo, width: 64 },
      { type: 'text', text: '登机牌 BOARDING PASS', size: 'large', align: 'center', bold: true },
      { type: 'text', text: 'CHAN/TAIMAN MR  陈大文' },
      { type: 'barcode', symbology: 'pdf417', data: 'M1CHAN/TAIMAN         ECHAN88 HKGTPEUT 0809 332Y040C0005 100' },
      { type: 'barcode', symbology: 'itf', data: '0987000001' },
      { type: 'feed', lines: 2 },
      { type: 'cut' },
    ],
  };
}

/** The Printer contract (drivers/printer/printer.ts doc comment), run against every adapter. */
export function describePrinterContract(name: string, setup: () => Promise<PrinterHarness>): void {
  describe(`Printer contract: ${name}`, () => {
    let h: PrinterHarness;
    let events: PrinterEvent[];
    beforeAll(loadSampleLogo);
    beforeEach(async () => {
      h = await setup();
      events = [];
      h.printer.subscribe((e) => events.push(e));
    });
    afterEach(async () => {
      await h.close();
    });

    const statusIs = async (predicate: (s: DeviceStatus) => boolean) => {
      await vi.waitFor(() => expect(predicate(h.printer.status())).toBe(true), { timeout: 2000, interval: 5 });
    };
    const jobEvents = () => events.filter((e) => e.type !== 'status').map((e) => `${e.type}:${'jobId' in e ? e.jobId : ''}`);

    it('is available after start', async () => {
      await h.printer.start();
      expect(h.printer.status()).toEqual({ state: 'available' });
    });

    it('prints text (with Chinese), PDF417, ITF, an image and a cut; started then printed', async () => {
      await h.printer.start();
      const r = await h.printer.print(sampleDocument());
      expect(r.ok).toBe(true);
      expect(jobEvents()).toEqual([`jobStarted:${r.jobId}`, `jobPrinted:${r.jobId}`]);
      expect(h.printer.status()).toEqual({ state: 'available' });
    });

    it('runs jobs one at a time in call order', async () => {
      await h.printer.start();
      const results = await Promise.all([h.printer.print(sampleDocument()), h.printer.print(sampleDocument()), h.printer.print(sampleDocument())]);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(new Set(results.map((r) => r.jobId)).size).toBe(3);
      expect(jobEvents()).toEqual(results.flatMap((r) => [`jobStarted:${r.jobId}`, `jobPrinted:${r.jobId}`]));
    });

    it('refuses malformed data with FORMAT_ERROR and never reports it printed', async () => {
      await h.printer.start();
      const r = await h.printer.print({ kind: 'bag-tag', blocks: [{ type: 'barcode', symbology: 'itf', data: '12345' }] });
      expect(r).toMatchObject({ ok: false, error: { code: 'FORMAT_ERROR' } });
      expect(events.some((e) => e.type === 'jobPrinted')).toBe(false);
      expect(events.some((e) => e.type === 'jobFailed' && e.error.code === 'FORMAT_ERROR')).toBe(true);
      expect(await h.printer.print({ kind: 'receipt', blocks: [] })).toMatchObject({ ok: false, error: { code: 'FORMAT_ERROR' } });
    });

    it('fails every job after stop, without events', async () => {
      await h.printer.start();
      await h.printer.stop();
      const before = events.length;
      expect(await h.printer.print(sampleDocument())).toMatchObject({ ok: false, error: { code: 'NOT_REACHABLE' } });
      expect(events.length).toBe(before);
    });

    describe('faults', () => {
      it('reports paper out as MEDIA_EMPTY, refuses jobs, and recovers when paper is back', async (ctx) => {
        if (!h.faults) return ctx.skip();
        await h.printer.start();
        await h.faults.paperOut();
        await statusIs((s) => s.state === 'unavailable' && s.code === 'MEDIA_EMPTY');
        expect(events).toContainEqual({ type: 'status', status: expect.objectContaining({ state: 'unavailable', code: 'MEDIA_EMPTY' }) });
        const r = await h.printer.print(sampleDocument());
        expect(r).toMatchObject({ ok: false, error: { code: 'MEDIA_EMPTY' } });
        expect(events.some((e) => e.type === 'jobPrinted')).toBe(false);
        await h.faults.paperIn();
        await statusIs((s) => s.state === 'available');
        expect((await h.printer.print(sampleDocument())).ok).toBe(true);
      });

      it('reports offline as unavailable, refuses jobs, and recovers when back online', async (ctx) => {
        if (!h.faults) return ctx.skip();
        await h.printer.start();
        await h.faults.offline();
        await statusIs((s) => s.state === 'unavailable' && (s.code === 'NOT_REACHABLE' || s.code === 'NOT_RESPONDING'));
        const r = await h.printer.print(sampleDocument());
        expect(r.ok).toBe(false);
        expect(r.ok ? '' : r.error.code).toMatch(/^NOT_(REACHABLE|RESPONDING)$/);
        await h.faults.online();
        await statusIs((s) => s.state === 'available');
        expect((await h.printer.print(sampleDocument())).ok).toBe(true);
      });

      it('fails a job whose paper runs out mid-way and does not report it printed', async (ctx) => {
        if (!h.faults) return ctx.skip();
        await h.printer.start();
        await h.faults.paperOutDuringNextJob();
        const r = await h.printer.print(sampleDocument());
        expect(r).toMatchObject({ ok: false, error: { code: 'MEDIA_EMPTY' } });
        expect(jobEvents()).toEqual([`jobStarted:${r.jobId}`, `jobFailed:${r.jobId}`]);
        expect(h.printer.status()).toMatchObject({ state: 'unavailable', code: 'MEDIA_EMPTY' });
        expect((await h.printer.print(sampleDocument())).ok).toBe(false);
      });
    });
  });
}

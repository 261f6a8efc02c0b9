import { describe, expect, it } from 'vitest';
import type { ReaderEvent } from '../../drivers/reader/document-reader.ts';
import { createOcrReader, type OcrImageEngine } from '../../drivers/reader/ocr-reader.ts';
import type { OcrMrzRead } from '../../drivers/ocr/read-mrz-image.ts';

const timing = { decode: 1, locate: 1, normalise: 1, recognise: 1, parse: 1, total: 5 };
const good: OcrMrzRead = {
  ok: true,
  error: null,
  lines: ['CSC562635500<3302071<5012181<2'],
  recognisedLines: ['CSC562635500<3302071<5012181<2'],
  confidence: [Array.from({ length: 30 }, () => 0.9)],
  parse: null,
  fieldConfidence: {},
  needsConfirmation: [],
  verified: true,
  corrections: [],
  timingMs: timing,
  frame: { glyphPx: 30, washedOut: 0 },
};
const noMrz: OcrMrzRead = { ...good, ok: false, error: { code: 'no-mrz', message: 'no machine-readable zone found in the image' }, lines: [], confidence: [], verified: false };

function engine(results: (OcrMrzRead | Error)[]): OcrImageEngine & { calls: number } {
  const e = {
    calls: 0,
    async readImage() {
      const r = results[e.calls++];
      if (r instanceof Error) throw r;
      return r!;
    },
  };
  return e;
}

function recorder() {
  const events: ReaderEvent[] = [];
  return { events, listener: (e: ReaderEvent) => events.push(e) };
}

describe('OCR DocumentReader adapter', () => {
  it('delivers readStart, data with origin ocr and per-character confidence, then readEnd', async () => {
    const reader = createOcrReader(engine([good]));
    const { events, listener } = recorder();
    reader.subscribe(listener);
    await reader.start();
    const read = await reader.submitImage(new Uint8Array([1]));
    expect(read?.verified).toBe(true);
    expect(events.filter((e) => e.type !== 'status')).toEqual([
      { type: 'readStart' },
      { type: 'data', data: { lines: good.lines, origin: 'ocr', confidence: good.confidence, needsConfirmation: good.needsConfirmation } },
      { type: 'readEnd' },
    ]);
    expect(events.filter((e) => e.type === 'status').map((e) => (e.type === 'status' ? e.status.state : ''))).toEqual(['available', 'busy', 'available']);
  });

  it('reports an image without an MRZ as an error between readStart and readEnd, and keeps reading', async () => {
    const reader = createOcrReader(engine([noMrz, good]));
    const { events, listener } = recorder();
    reader.subscribe(listener);
    await reader.start();
    await reader.submitImage(new Uint8Array([1]));
    await reader.submitImage(new Uint8Array([2]));
    expect(events.filter((e) => e.type !== 'status').map((e) => e.type)).toEqual(['readStart', 'error', 'readEnd', 'readStart', 'data', 'readEnd']);
    expect(events.find((e) => e.type === 'error')).toEqual({ type: 'error', error: { code: 'OCR_NO_MRZ', message: noMrz.error!.message } });
  });

  it('goes unavailable when the engine fails, still closing the read with readEnd', async () => {
    const reader = createOcrReader(engine([new Error('worker exited')]));
    const { events, listener } = recorder();
    reader.subscribe(listener);
    await reader.start();
    expect(await reader.submitImage(new Uint8Array([1]))).toBeNull();
    expect(events.filter((e) => e.type !== 'status').map((e) => e.type)).toEqual(['readStart', 'error', 'readEnd']);
    expect(reader.status()).toMatchObject({ state: 'unavailable', code: 'SOFTWARE_ERROR' });
  });

  it('reads images one at a time in submission order', async () => {
    const order: number[] = [];
    let release: () => void = () => {};
    const slow: OcrImageEngine = {
      async readImage(image) {
        order.push(image[0]!);
        if (image[0] === 1) await new Promise<void>((r) => (release = r));
        return good;
      },
    };
    const reader = createOcrReader(slow);
    await reader.start();
    const first = reader.submitImage(new Uint8Array([1]));
    const second = reader.submitImage(new Uint8Array([2]));
    await Promise.resolve();
    expect(order).toEqual([1]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual([1, 2]);
  });

  it('rejects images before start and emits nothing after stop', async () => {
    const reader = createOcrReader(engine([good, good]));
    await expect(reader.submitImage(new Uint8Array([1]))).rejects.toThrow(/not started/);
    const { events, listener } = recorder();
    reader.subscribe(listener);
    await reader.start();
    await reader.stop();
    await expect(reader.submitImage(new Uint8Array([1]))).rejects.toThrow(/not started/);
    expect(events.filter((e) => e.type !== 'status')).toEqual([]);
  });
});

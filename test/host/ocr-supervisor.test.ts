import { describe, expect, it, vi } from 'vitest';
import type { OcrEngine, OcrMrzRead } from '../../drivers/ocr/index.ts';
import { superviseOcrEngine } from '../../electron/host/ocr-supervisor.ts';
import { silentLogger } from '../../electron/log/logger.ts';

const read = { ok: true, lines: ['P<UTO'] } as unknown as OcrMrzRead;

/** An engine whose reads the test settles by hand. */
function fakeEngine(name: string) {
  const pending: { resolve: (r: OcrMrzRead) => void; reject: (e: Error) => void }[] = [];
  const engine: OcrEngine & { name: string; pending: typeof pending } = {
    name,
    pending,
    startMs: 1,
    readImage: vi.fn(() => new Promise<OcrMrzRead>((resolve, reject) => pending.push({ resolve, reject }))),
    close: vi.fn(async () => undefined),
  };
  return engine;
}

function fakeClock() {
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  return {
    timers,
    now: () => 0,
    monotonic: () => 0,
    setTimeout: (fn: () => void, ms: number) => (timers.set(++next, { fn, ms }), next),
    clearTimeout: (id: unknown) => timers.delete(id as number),
    fireAll() {
      const due = [...timers.values()];
      timers.clear();
      for (const t of due) t.fn();
    },
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('OCR worker supervision', () => {
  it('passes reads through while the worker answers in time', async () => {
    const first = fakeEngine('first');
    const clock = fakeClock();
    const engine = superviseOcrEngine({ first, start: vi.fn(), readTimeoutMs: 10_000, backoff: { initialMs: 1_000, maxMs: 60_000 }, clock, logger: silentLogger() });
    const result = engine.readImage(new Uint8Array([1]));
    expect([...clock.timers.values()].map((t) => t.ms)).toEqual([10_000]);
    first.pending[0]?.resolve(read);
    await expect(result).resolves.toBe(read);
    expect(clock.timers.size).toBe(0);
  });

  it('replaces a worker that crashed: the read fails, frames are dropped meanwhile, then reads go to the new worker', async () => {
    const first = fakeEngine('first');
    const second = fakeEngine('second');
    let started!: (e: OcrEngine) => void;
    const start = vi.fn(() => new Promise<OcrEngine>((resolve) => (started = resolve)));
    const engine = superviseOcrEngine({ first, start, readTimeoutMs: 10_000, backoff: { initialMs: 1_000, maxMs: 60_000 }, clock: fakeClock(), logger: silentLogger() });
    const failing = engine.readImage(new Uint8Array([1]));
    first.pending[0]?.reject(new Error('OCR worker exited (1)'));
    await expect(failing).rejects.toThrow('OCR worker exited (1)');
    expect(first.close).toHaveBeenCalled();
    expect(start).toHaveBeenCalledTimes(1);
    expect(engine.ready()).toBe(false);
    await expect(engine.readImage(new Uint8Array([2]))).rejects.toThrow('OCR worker is restarting');
    started(second);
    await flush();
    expect(engine.ready()).toBe(true);
    const next = engine.readImage(new Uint8Array([3]));
    second.pending[0]?.resolve(read);
    await expect(next).resolves.toBe(read);
  });

  it('gives each read a time limit and replaces a worker that is stuck', async () => {
    const first = fakeEngine('first');
    const second = fakeEngine('second');
    const clock = fakeClock();
    const start = vi.fn(async () => second);
    const engine = superviseOcrEngine({ first, start, readTimeoutMs: 10_000, backoff: { initialMs: 1_000, maxMs: 60_000 }, clock, logger: silentLogger() });
    const stuck = engine.readImage(new Uint8Array([1]));
    clock.fireAll();
    await expect(stuck).rejects.toThrow('OCR read took longer than 10000 ms');
    expect(first.close).toHaveBeenCalled();
    await flush();
    expect(engine.ready()).toBe(true);
    // The stuck worker's late answer changes nothing.
    first.pending[0]?.resolve(read);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('retries a replacement that fails to start with a growing delay, not in a loop', async () => {
    const first = fakeEngine('first');
    const clock = fakeClock();
    const start = vi.fn(async (): Promise<OcrEngine> => {
      throw new Error('model unreadable');
    });
    const engine = superviseOcrEngine({ first, start, readTimeoutMs: 10_000, backoff: { initialMs: 1_000, maxMs: 4_000 }, clock, logger: silentLogger() });
    const failing = engine.readImage(new Uint8Array([1]));
    first.pending[0]?.reject(new Error('worker died'));
    await expect(failing).rejects.toThrow();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await flush();
      delays.push(...[...clock.timers.values()].map((t) => t.ms));
      clock.fireAll();
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 4_000]);
    // The first attempt at once, then one per delay.
    expect(start).toHaveBeenCalledTimes(5);
    await engine.close();
    await flush();
    expect(clock.timers.size).toBe(0);
  });

  it('closes the running worker and starts no other once closed', async () => {
    const first = fakeEngine('first');
    const start = vi.fn();
    const engine = superviseOcrEngine({ first, start, readTimeoutMs: 10_000, backoff: { initialMs: 1_000, maxMs: 60_000 }, clock: fakeClock(), logger: silentLogger() });
    await engine.close();
    expect(first.close).toHaveBeenCalledTimes(1);
    await expect(engine.readImage(new Uint8Array([1]))).rejects.toThrow('OCR engine is closed');
    expect(start).not.toHaveBeenCalled();
  });
});

/**
 * The host-side handle on the OCR fallback: one warm worker thread, started with the host, that reads the MRZ
 * from whole document photos or scans (docs/ocr.md). Models come from the repository (drivers/ocr/model) and
 * nothing is fetched at run time (test/ocr/offline.test.ts proves no network request is made).
 */
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { OcrMrzRead } from './read-mrz-image.ts';
import { DEFAULT_MODEL_DIR } from './tesseract-recogniser.ts';
import { asSetupError } from '../setup-error.ts';

export type { OcrMrzRead, OcrTiming, OcrErrorCode } from './read-mrz-image.ts';

/** Minimal logger shape (drivers/ must not import electron/log). */
export interface OcrLogger {
  warn(obj: object, msg?: string): void;
  info?(obj: object, msg?: string): void;
}

export interface OcrEngineOptions {
  /** Folder holding `mrz.traineddata` (defaults to the committed model). */
  readonly modelDir?: string;
  /** Writable local folder for tesseract.js (never a URL; nothing is cached in it with cacheMethod 'none'). */
  readonly cachePath: string;
  readonly logger?: OcrLogger;
}

/** Config section the host may embed (`ocr:`); defaults give the committed model. */
export const ocrConfigSchema = z.object({
  enabled: z.boolean().default(true),
  modelDir: z.string().optional(),
  cachePath: z.string().default('.cache/ocr'),
});
export type OcrConfig = z.infer<typeof ocrConfigSchema>;

export interface OcrEngine {
  /** Reads one image (JPEG/PNG/… bytes). Resolves with a typed failure for unreadable images; rejects only
   * when the engine is closed or its worker died. */
  readImage(image: Uint8Array, options?: { now?: Date }): Promise<OcrMrzRead>;
  /** Milliseconds the worker took to load the model (the bench reports it). */
  readonly startMs: number;
  close(): Promise<void>;
}

type Pending = { resolve: (r: OcrMrzRead) => void; reject: (e: Error) => void };

function workerEntry(): { boot: URL; entry: string } {
  const self = import.meta.url;
  const ext = self.endsWith('.ts') ? '.ts' : '.js';
  return { boot: new URL('./worker/boot.mjs', self), entry: new URL(`./worker/ocr-worker${ext}`, self).href };
}

/** Starts the worker and resolves once the model is loaded (≈ 0.5 s warm-up, paid once with the host). */
export async function createOcrEngine(options: OcrEngineOptions): Promise<OcrEngine> {
  const started = performance.now();
  const { boot, entry } = workerEntry();
  const worker = new Worker(boot, { workerData: { entry, config: { modelDir: options.modelDir ?? DEFAULT_MODEL_DIR, cachePath: options.cachePath } } });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;
  let closing: Promise<void> | null = null;
  let fatal: Error | null = null;

  const failAll = (e: Error) => {
    fatal = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };

  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: { type?: string; message?: string; setup?: boolean }) => {
      if (m.type === 'ready') {
        worker.off('error', onError);
        resolve();
      } else if (m.type === 'failed') {
        // A missing font or model is for whoever installs the kiosk to fix: keep its message as it is.
        reject(m.setup ? asSetupError(`OCR: ${m.message ?? ''}`) : new Error(`OCR worker could not load the model: ${m.message ?? ''}`));
      }
    };
    const onError = (e: Error) => reject(e);
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
  const startMs = performance.now() - started;

  worker.on('message', (m: { id?: number; read?: OcrMrzRead; error?: string; type?: string }) => {
    if (m.id === undefined) return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.read) p.resolve(m.read);
    else p.reject(new Error(`OCR worker failed: ${m.error ?? 'unknown'}`));
  });
  worker.on('error', (e) => {
    options.logger?.warn({ err: e.message }, 'OCR worker crashed');
    failAll(e);
  });
  worker.on('exit', (code) => {
    if (!closed) failAll(new Error(`OCR worker exited (${code})`));
  });

  return {
    startMs,
    readImage(image, opts) {
      if (closed) return Promise.reject(new Error('OCR engine is closed'));
      if (fatal) return Promise.reject(fatal);
      const id = nextId++;
      // Copy: the caller keeps its buffer; the copy's memory moves to the worker without a second copy.
      const copy = new Uint8Array(image);
      return new Promise<OcrMrzRead>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, image: copy, ...(opts?.now ? { now: opts.now.getTime() } : {}) }, [copy.buffer]);
      });
    },
    close() {
      if (closing) return closing;
      closed = true;
      closing = (async () => {
        const done = new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 2000);
          worker.on('message', (m: { type?: string }) => {
            if (m.type === 'closed') {
              clearTimeout(timer);
              resolve();
            }
          });
        });
        worker.postMessage({ type: 'close' });
        await done;
        await worker.terminate();
        failAll(new Error('OCR engine is closed'));
      })();
      return closing;
    },
  };
}

import type { OcrEngine, OcrMrzRead } from '../../drivers/ocr/index.ts';
import type { OcrImageEngine } from '../../drivers/reader/ocr-reader.ts';
import type { Logger } from '../log/logger.ts';
import type { Clock } from '../../drivers/clock.ts';

export interface SupervisedOcrEngine extends OcrImageEngine {
  /** False while a crashed or stuck worker is being replaced: frames are better dropped than failed. */
  ready(): boolean;
  close(): Promise<void>;
}

export interface OcrSupervisorOptions {
  /** The engine already started with the host. */
  readonly first: OcrEngine;
  /** Starts a replacement (createOcrEngine with the host's options). */
  readonly start: () => Promise<OcrEngine>;
  /** A read that takes longer has a stuck worker: it is rejected and the worker replaced. */
  readonly readTimeoutMs: number;
  /** Delay before a replacement is tried again after one failed to start; doubles up to `maxMs`. */
  readonly backoff: { readonly initialMs: number; readonly maxMs: number };
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Keeps the OCR worker (drivers/ocr/ocr-engine.ts) running for the camera path (docs/deployment.md "Recovery"):
 * every read has a time limit, and a worker that crashed (its reads reject) or got stuck (a read ran out of
 * time) is closed and a new one started, at once the first time and with a growing delay while new ones fail
 * to start, so a worker that cannot start does not become a restart loop.
 */
export function superviseOcrEngine(options: OcrSupervisorOptions): SupervisedOcrEngine {
  const { clock, logger } = options;
  let engine: OcrEngine | null = options.first;
  let closed = false;
  let retryTimer: unknown = null;
  let nextDelayMs = options.backoff.initialMs;

  function replace(broken: OcrEngine, reason: string): void {
    if (engine !== broken || closed) return;
    engine = null;
    logger.error({ reason }, 'OCR worker failed; starting a new one');
    // A stuck worker may never answer a polite close: close() terminates it after its own grace period.
    void broken.close().catch(() => undefined);
    restart();
  }

  function restart(): void {
    if (closed) return;
    options.start().then(
      (fresh) => {
        if (closed) {
          void fresh.close();
          return;
        }
        engine = fresh;
        nextDelayMs = options.backoff.initialMs;
        logger.info({ ms: Math.round(fresh.startMs) }, 'OCR worker restarted');
      },
      (error: unknown) => {
        if (closed) return;
        logger.error({ err: error, retryInMs: nextDelayMs }, 'OCR worker did not start');
        retryTimer = clock.setTimeout(() => {
          retryTimer = null;
          restart();
        }, nextDelayMs);
        nextDelayMs = Math.min(nextDelayMs * 2, options.backoff.maxMs);
      },
    );
  }

  return {
    ready: () => engine !== null && !closed,
    readImage(image, readOptions): Promise<OcrMrzRead> {
      const current = engine;
      if (closed) return Promise.reject(new Error('OCR engine is closed'));
      if (!current) return Promise.reject(new Error('OCR worker is restarting'));
      return new Promise<OcrMrzRead>((resolve, reject) => {
        const timer = clock.setTimeout(() => {
          reject(new Error(`OCR read took longer than ${options.readTimeoutMs} ms`));
          replace(current, 'read timed out');
        }, options.readTimeoutMs);
        current.readImage(image, readOptions).then(
          (read) => {
            clock.clearTimeout(timer);
            resolve(read);
          },
          (error: unknown) => {
            clock.clearTimeout(timer);
            reject(error as Error);
            replace(current, (error as Error).message);
          },
        );
      });
    },
    async close() {
      closed = true;
      if (retryTimer !== null) clock.clearTimeout(retryTimer);
      const current = engine;
      engine = null;
      await current?.close();
    },
  };
}

import { join } from 'node:path';
import { createOcrEngine, type OcrMrzRead } from '../../drivers/ocr/index.ts';
import { createOcrReader, type OcrReader } from '../../drivers/reader/ocr-reader.ts';
import { isSetupError } from '../../drivers/setup-error.ts';
import type { Logger } from '../log/logger.ts';
import { systemClock, type Clock } from '../../drivers/clock.ts';
import { superviseOcrEngine } from './ocr-supervisor.ts';

export interface CameraReader {
  readonly reader: OcrReader;
  /**
   * Reads one live camera frame (the session judges it: electron/session/camera-capture.ts). Resolves null
   * without reading when a frame is being read or the worker is restarting: frames are a stream, dropping one
   * loses nothing. Never rejects. The frame is never written anywhere.
   */
  readFrame(image: Uint8Array): Promise<OcrMrzRead | null>;
  close(): Promise<void>;
}

/**
 * The camera path of the OCR fallback (docs/ocr.md): one warm OCR worker started with the host. An installation fault (the OCR-B font or the
 * model missing) stops the start with a message, since the kiosk was configured to offer the camera; a worker
 * that crashes while starting leaves the kiosk running without the camera option rather than not at all. Once
 * running, the worker is supervised (ocr-supervisor.ts): each read has a time limit and a crashed or stuck
 * worker is replaced.
 */
export async function startCameraReader(
  config: { modelDir?: string | undefined },
  deps: { dataDir: string; logger: Logger; now: () => Date; clock?: Clock; readTimeoutMs?: number },
): Promise<CameraReader | null> {
  const start = () =>
    createOcrEngine({
      ...(config.modelDir ? { modelDir: config.modelDir } : {}),
      cachePath: join(deps.dataDir, 'ocr-cache'),
      logger: deps.logger,
    });
  let first;
  try {
    first = await start();
  } catch (error) {
    if (isSetupError(error)) throw error;
    deps.logger.error({ err: error }, 'OCR engine did not start; the camera path is off');
    return null;
  }
  deps.logger.info({ ms: Math.round(first.startMs) }, 'OCR worker ready');
  const engine = superviseOcrEngine({
    first,
    start,
    // A warm read takes a fraction of a second (docs/ocr.md); ten seconds means a stuck worker.
    readTimeoutMs: deps.readTimeoutMs ?? 10_000,
    backoff: { initialMs: 1_000, maxMs: 60_000 },
    clock: deps.clock ?? systemClock,
    logger: deps.logger,
  });
  const reader = createOcrReader(engine, { id: 'camera', now: deps.now });
  let reading = false;
  return {
    reader,
    async readFrame(image) {
      if (reading || !engine.ready()) return null;
      reading = true;
      try {
        return await engine.readImage(image, { now: deps.now() });
      } catch (error) {
        deps.logger.warn({ err: error }, 'camera frame not read');
        return null;
      } finally {
        reading = false;
      }
    },
    async close() {
      await reader.stop();
      await engine.close();
    },
  };
}

import { join } from 'node:path';
import { createOcrEngine } from '../../drivers/ocr/index.ts';
import { createOcrReader, type OcrReader } from '../../drivers/reader/ocr-reader.ts';
import { isSetupError } from '../../drivers/setup-error.ts';
import type { Logger } from '../log/logger.ts';

export interface CameraReader {
  readonly reader: OcrReader;
  /** Hands a frame to the OCR unless one is being read: frames are a stream, dropping one loses nothing. */
  readFrame(image: Uint8Array): void;
  close(): Promise<void>;
}

/**
 * The camera path of the OCR fallback (docs/ocr.md): one warm OCR worker started with the host. An installation fault (the OCR-B font or the
 * model missing) stops the start with a message, since the kiosk was configured to offer the camera; a worker
 * that crashes while starting leaves the kiosk running without the camera option rather than not at all.
 */
export async function startCameraReader(
  config: { modelDir?: string | undefined },
  deps: { dataDir: string; logger: Logger; now: () => Date },
): Promise<CameraReader | null> {
  let engine;
  try {
    engine = await createOcrEngine({
      ...(config.modelDir ? { modelDir: config.modelDir } : {}),
      cachePath: join(deps.dataDir, 'ocr-cache'),
      logger: deps.logger,
    });
  } catch (error) {
    if (isSetupError(error)) throw error;
    deps.logger.error({ err: error }, 'OCR engine did not start; the camera path is off');
    return null;
  }
  deps.logger.info({ ms: Math.round(engine.startMs) }, 'OCR worker ready');
  const reader = createOcrReader(engine, { id: 'camera', now: deps.now });
  let reading = false;
  return {
    reader,
    readFrame(image) {
      if (reading) return;
      reading = true;
      reader
        .submitImage(image)
        .catch((error: unknown) => deps.logger.warn({ err: error }, 'camera frame not read'))
        .finally(() => (reading = false));
    },
    async close() {
      await reader.stop();
      await engine.close();
    },
  };
}

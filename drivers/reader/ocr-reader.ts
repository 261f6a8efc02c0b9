/**
 * DocumentReader over images: the kiosk's OCR fallback (docs/ocr.md). A camera frame or full-page scan goes in
 * through `submitImage`; the warm OCR engine (drivers/ocr/ocr-engine.ts) reads it off the event loop, and the
 * reader reports it with the same lifecycle as a hardware reader, `origin: 'ocr'` and per-character confidence,
 * so the session parses it leniently (document-reader.ts).
 */
import { available, busy, unavailable, type DeviceStatus, type Unsubscribe } from '../device.ts';
import type { OcrMrzRead } from '../ocr/read-mrz-image.ts';
import type { DocumentReader, ReaderEvent } from './document-reader.ts';

/** The part of the OCR engine the reader needs (a fake in tests). */
export interface OcrImageEngine {
  readImage(image: Uint8Array, options?: { now?: Date }): Promise<OcrMrzRead>;
}

export interface OcrReaderOptions {
  readonly id?: string;
  /** Clock for the century rule and expiry (injected for tests). */
  readonly now?: () => Date;
}

export interface OcrReader extends DocumentReader {
  /**
   * Reads one image: emits `readStart`, then `data` (MRZ lines, `origin: 'ocr'`, per-character confidence) or
   * `error` (code `OCR_<reason>`), then `readEnd`. Resolves with the engine's full read — per-field confidence
   * and `needsConfirmation` for the confirmation screen — or null when the engine failed. Images are read one
   * at a time in submission order. Rejects only when the reader is not started (a caller bug).
   */
  submitImage(image: Uint8Array): Promise<OcrMrzRead | null>;
}

export function createOcrReader(engine: OcrImageEngine, options: OcrReaderOptions = {}): OcrReader {
  const id = options.id ?? 'ocr';
  const listeners = new Set<(e: ReaderEvent) => void>();
  let status: DeviceStatus = unavailable('not started', 'NOT_REACHABLE');
  let running = false;
  let queue: Promise<unknown> = Promise.resolve();

  const emit = (e: ReaderEvent) => {
    if (!running) return;
    for (const l of [...listeners]) l(e);
  };
  const setStatus = (s: DeviceStatus) => {
    if (JSON.stringify(s) === JSON.stringify(status)) return;
    status = s;
    emit({ type: 'status', status: s });
  };

  const readOne = async (image: Uint8Array): Promise<OcrMrzRead | null> => {
    if (!running) return null;
    setStatus(busy);
    emit({ type: 'readStart' });
    let read: OcrMrzRead | null = null;
    try {
      read = await engine.readImage(image, options.now ? { now: options.now() } : {});
    } catch (e) {
      emit({ type: 'error', error: { code: 'OCR_ENGINE', message: `the OCR engine failed: ${(e as Error).message}` } });
      emit({ type: 'readEnd' });
      setStatus(unavailable('the OCR engine stopped', 'SOFTWARE_ERROR'));
      return null;
    }
    if (read.ok && read.lines.length > 0) {
      emit({
        type: 'data',
        data: { lines: [...read.lines], origin: 'ocr', confidence: read.confidence.map((row) => [...row]), needsConfirmation: [...read.needsConfirmation] },
      });
    } else {
      const code = read.error?.code ?? 'unreadable';
      emit({ type: 'error', error: { code: `OCR_${code.toUpperCase().replace(/-/g, '_')}`, message: read.error?.message ?? 'no MRZ could be read' } });
    }
    emit({ type: 'readEnd' });
    setStatus(available);
    return read;
  };

  return {
    id,
    status: () => status,
    async start() {
      running = true;
      setStatus(available);
    },
    async stop() {
      running = false;
      listeners.clear();
      status = unavailable('stopped', 'NOT_REACHABLE');
    },
    subscribe(listener): Unsubscribe {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    submitImage(image) {
      if (!running) return Promise.reject(new Error('OCR reader is not started'));
      const next = queue.then(() => readOne(image));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

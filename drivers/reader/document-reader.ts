import type { DeviceError, DeviceStatus, Unsubscribe } from '../device.ts';

/**
 * What a reader delivers for one document: the MRZ text lines as read, before parsing.
 * `origin` tells the host which parse mode applies: hardware readers have already OCR'd with
 * their own engine and are parsed strictly; our OCR fallback is parsed leniently.
 */
export interface DocumentReadData {
  readonly lines: readonly string[];
  readonly origin: 'reader' | 'ocr';
  /** Per-character OCR confidence (0..1), line by line, when the origin is `ocr`. */
  readonly confidence?: readonly (readonly number[])[];
  /**
   * `ocr` only: fields the traveller must confirm, as the OCR judged them with everything it knows (its own
   * corrections and confidence). Consumers use this list; they do not recompute it from the lines.
   */
  readonly needsConfirmation?: readonly string[];
}

/** Lifecycle events, CUSS 2 vocabulary (docs/devices.md §1.12). */
export type ReaderEvent =
  | { readonly type: 'status'; readonly status: DeviceStatus }
  | { readonly type: 'mediaInserted' }
  | { readonly type: 'readStart' }
  | { readonly type: 'data'; readonly data: DocumentReadData }
  | { readonly type: 'readEnd' }
  | { readonly type: 'mediaRemoved' }
  | { readonly type: 'error'; readonly error: DeviceError };

/**
 * A passport / ID reader. Guarantees every adapter keeps (test/reader/document-reader.contract.ts):
 * - `start()` resolves once the first connection attempt has finished, whether or not a device was found;
 *   absence is a status (`unavailable`), never a rejection. Adapters keep retrying until `stop()`.
 * - A `status` event is emitted on every change of status, and `status()` returns the latest one.
 * - Each document yields `readStart`, then exactly one `data` or one `error`, then `readEnd`.
 * - Garbage from the device is reported as an `error` event and never stops later reads.
 * - After `stop()` resolves no further events are emitted and the device is released.
 */
export interface DocumentReader {
  readonly id: string;
  status(): DeviceStatus;
  start(): Promise<void>;
  stop(): Promise<void>;
  subscribe(listener: (event: ReaderEvent) => void): Unsubscribe;
}

import type { DeviceFaultCode, DeviceStatus, Unsubscribe } from '../device.ts';

/** One piece of a printed document. Adapters render these; none of them is device-specific. */
export type PrintBlock =
  | {
      readonly type: 'text';
      /** One line; may contain Chinese (ESC/POS adapters send GB18030 in the printer's Chinese mode). */
      readonly text: string;
      readonly align?: 'left' | 'center' | 'right';
      readonly bold?: boolean;
      readonly size?: 'normal' | 'large';
    }
  | {
      readonly type: 'barcode';
      /** PDF417 for boarding passes (BCBP, docs/airline.md §1); ITF for bag-tag licence plates. */
      readonly symbology: 'pdf417' | 'itf';
      readonly data: string;
      /** Bar height in dots (ITF) / row height hint (PDF417). */
      readonly height?: number;
    }
  | {
      readonly type: 'image';
      /** PNG bytes (a logo); printed in black and white. */
      readonly png: Uint8Array;
      /** Target width in dots; defaults to the image's own width, capped at the paper width. */
      readonly width?: number;
    }
  | { readonly type: 'feed'; readonly lines: number }
  | { readonly type: 'cut' };

export interface PrintDocument {
  readonly kind: 'boarding-pass' | 'bag-tag' | 'receipt';
  readonly blocks: readonly PrintBlock[];
}

/** Why a job did not print. `MEDIA_EMPTY` = paper out; `NOT_REACHABLE` / `NOT_RESPONDING` = offline. */
export interface PrintError {
  readonly code: DeviceFaultCode;
  readonly message: string;
}

export type PrintResult = { readonly ok: true; readonly jobId: string } | { readonly ok: false; readonly jobId: string; readonly error: PrintError };

export type PrinterEvent =
  | { readonly type: 'status'; readonly status: DeviceStatus }
  | { readonly type: 'jobStarted'; readonly jobId: string }
  | { readonly type: 'jobPrinted'; readonly jobId: string }
  | { readonly type: 'jobFailed'; readonly jobId: string; readonly error: PrintError };

/**
 * A boarding-pass, bag-tag or receipt printer. Guarantees every adapter keeps
 * (test/printer/printer.contract.ts):
 * - `start()` resolves once the first status is known; an absent or faulty printer is a status
 *   (`unavailable` with a CUSS code such as `MEDIA_EMPTY` or `NOT_REACHABLE`), never a rejection.
 * - A `status` event is emitted on every change of status, and `status()` returns the latest one.
 * - `print()` never rejects for a device problem. Jobs run one at a time in call order. A job starts with
 *   `jobStarted` and ends with exactly one of `jobPrinted` or `jobFailed`, matching the resolved result.
 * - A job refused or interrupted (paper out, offline, bad data) resolves `{ ok: false }` and is never
 *   reported as printed, even if part of it reached the paper.
 * - A malformed document (e.g. ITF data that is not an even number of digits) fails with `FORMAT_ERROR`.
 * - After `stop()` resolves no further events are emitted and later `print()` calls fail `NOT_REACHABLE`.
 */
export interface Printer {
  readonly id: string;
  status(): DeviceStatus;
  start(): Promise<void>;
  stop(): Promise<void>;
  print(document: PrintDocument): Promise<PrintResult>;
  subscribe(listener: (event: PrinterEvent) => void): Unsubscribe;
}

/** Checks a document before any byte goes to a device, so bad data cannot half-print. */
export function validateDocument(document: PrintDocument): PrintError | null {
  if (document.blocks.length === 0) return { code: 'FORMAT_ERROR', message: 'empty document' };
  for (const [i, block] of document.blocks.entries()) {
    if (block.type === 'barcode') {
      if (block.data.length === 0) return { code: 'FORMAT_ERROR', message: `block ${i}: empty barcode` };
      if (block.symbology === 'itf' && !/^(\d\d)+$/.test(block.data)) {
        return { code: 'FORMAT_ERROR', message: `block ${i}: ITF needs an even number of digits` };
      }
      if (block.symbology === 'pdf417' && block.data.length > 1000) return { code: 'FORMAT_ERROR', message: `block ${i}: PDF417 data too long` };
    }
    if (block.type === 'image' && block.png.length === 0) return { code: 'FORMAT_ERROR', message: `block ${i}: empty image` };
    if (block.type === 'feed' && (!Number.isInteger(block.lines) || block.lines < 0 || block.lines > 20)) {
      return { code: 'FORMAT_ERROR', message: `block ${i}: feed 0–20 lines` };
    }
  }
  return null;
}

/** Serialises jobs: each runs after the previous one settled. */
export class JobQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(job, job);
    this.#tail = next.catch(() => undefined);
    return next;
  }
}

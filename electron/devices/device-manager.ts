import type { DeviceStatus, DeviceError, Unsubscribe } from '../../drivers/device.ts';
import { unavailable } from '../../drivers/device.ts';
import type { DocumentReader, DocumentReadData } from '../../drivers/reader/document-reader.ts';
import type { BarcodeScanner, BarcodeScan } from '../../drivers/scanner/barcode-scanner.ts';
import type { MrzResult } from '../../drivers/mrz/index.ts';
import type { Logger } from '../log/logger.ts';

export type DeviceKind = 'reader' | 'scanner' | 'printer' | 'bagTagPrinter' | 'keyEncoder' | 'payment' | 'camera' | 'platform' | 'storage';

export interface DeviceSnapshot {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly status: DeviceStatus;
}

/** Anything with a status the kiosk shows to staff (printers, key encoders ... register through this). */
export interface StatusSource {
  readonly id: string;
  status(): DeviceStatus;
  subscribe(listener: (event: { type: string; status?: DeviceStatus }) => void): Unsubscribe;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/** Why a read did not give a usable document; the session maps each to a message for the traveller. */
export type UnreadableReason =
  | { readonly code: 'device_error'; readonly message: string }
  | { readonly code: 'not_mrz'; readonly message: string }
  | { readonly code: 'check_digits'; readonly message: string }
  | { readonly code: 'ambiguous'; readonly message: string };

export type DeviceManagerEvent =
  | { readonly type: 'devices'; readonly devices: readonly DeviceSnapshot[] }
  | { readonly type: 'readStart'; readonly readerId: string }
  | {
      readonly type: 'document';
      readonly readerId: string;
      readonly origin: DocumentReadData['origin'];
      readonly result: MrzResult;
      /** OCR reads: fields no check digit covers whose characters were uncertain; the traveller confirms them. */
      readonly needsConfirmation?: readonly string[];
    }
  | { readonly type: 'unreadable'; readonly readerId: string; readonly reason: UnreadableReason }
  | { readonly type: 'scan'; readonly scannerId: string; readonly scan: BarcodeScan };

export interface DeviceManagerDeps {
  readonly readers: readonly DocumentReader[];
  /** Readers that read camera images (OCR): reported to staff as kind `camera`. */
  readonly cameraReaderIds?: readonly string[];
  readonly scanners?: readonly BarcodeScanner[];
  readonly others?: readonly { kind: DeviceKind; source: StatusSource }[];
  /** The MRZ engine, injected so the manager stays a router and tests can stub parsing. */
  readonly parse: (data: DocumentReadData) => MrzResult;
  readonly logger: Logger;
}

/**
 * Builds nothing itself: it owns started adapters, aggregates their status (CUSS-like), turns reader data
 * into parsed documents and hands reads and scans on. One bad device never takes down the others: a
 * start() that throws is reported as that device `unavailable`, and a throwing listener is logged and skipped.
 */
export class DeviceManager {
  readonly #deps: DeviceManagerDeps;
  readonly #entries: { id: string; kind: DeviceKind; source: StatusSource; override?: DeviceStatus }[] = [];
  readonly #listeners = new Set<(event: DeviceManagerEvent) => void>();
  readonly #unsubscribes: Unsubscribe[] = [];

  constructor(deps: DeviceManagerDeps) {
    this.#deps = deps;
    // A reader over camera images is a reader to the session, but a camera to staff and to the "reader ready"
    // status the traveller sees: it must not hide an unplugged passport reader.
    for (const r of deps.readers) this.#entries.push({ id: r.id, kind: this.#deps.cameraReaderIds?.includes(r.id) ? 'camera' : 'reader', source: r });
    for (const s of deps.scanners ?? []) this.#entries.push({ id: s.id, kind: 'scanner', source: s });
    for (const o of deps.others ?? []) this.#entries.push({ id: o.source.id, kind: o.kind, source: o.source });
  }

  subscribe(listener: (event: DeviceManagerEvent) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  snapshot(): DeviceSnapshot[] {
    return this.#entries.map((e) => ({ id: e.id, kind: e.kind, status: e.override ?? e.source.status() }));
  }

  async start(): Promise<void> {
    for (const reader of this.#deps.readers) {
      // Only an error inside readStart … readEnd spoils a traveller's read; noise between frames
      // (DocumentReader: "garbage … reported as an error event") is for the log, not for the screen.
      let inRead = false;
      this.#unsubscribes.push(
        reader.subscribe((event) => {
          switch (event.type) {
            case 'status':
              return this.#publishDevices();
            case 'readStart':
              inRead = true;
              return this.#emit({ type: 'readStart', readerId: reader.id });
            case 'readEnd':
              inRead = false;
              return undefined;
            case 'data':
              return this.#onData(reader.id, event.data);
            case 'error':
              if (!inRead) return this.#deps.logger.warn({ device: reader.id, code: event.error.code }, event.error.message);
              return this.#onDeviceError(reader.id, event.error);
            default:
              return undefined;
          }
        }),
      );
    }
    for (const scanner of this.#deps.scanners ?? []) {
      this.#unsubscribes.push(
        scanner.subscribe((event) => {
          if (event.type === 'status') this.#publishDevices();
          else if (event.type === 'data') this.#emit({ type: 'scan', scannerId: scanner.id, scan: event.scan });
          else this.#deps.logger.warn({ device: scanner.id, code: event.error.code }, event.error.message);
        }),
      );
    }
    // Readers and scanners (a camera reader included) are subscribed above; only the other devices here.
    for (const { source } of this.#deps.others ?? []) {
      this.#unsubscribes.push(source.subscribe((e) => (e.type === 'status' ? this.#publishDevices() : undefined)));
    }
    await Promise.all(
      this.#entries.map(async (entry) => {
        try {
          await entry.source.start?.();
        } catch (error) {
          entry.override = unavailable(`failed to start: ${(error as Error).message}`, 'SOFTWARE_ERROR');
          this.#deps.logger.error({ device: entry.id, err: error }, 'device failed to start');
        }
      }),
    );
    this.#publishDevices();
  }

  async stop(): Promise<void> {
    for (const u of this.#unsubscribes.splice(0)) u();
    await Promise.allSettled(this.#entries.map((e) => e.source.stop?.()));
    this.#listeners.clear();
  }

  #onData(readerId: string, data: DocumentReadData): void {
    const result = this.#deps.parse(data);
    if (!result.ok) {
      this.#emit({ type: 'unreadable', readerId, reason: { code: 'not_mrz', message: result.error?.message ?? 'not an MRZ' } });
    } else if (result.ambiguous) {
      this.#emit({ type: 'unreadable', readerId, reason: { code: 'ambiguous', message: 'more than one reading fits the check digits' } });
    } else if (!result.valid) {
      const failed = result.checks.filter((c) => c.status === 'invalid').map((c) => c.field);
      this.#emit({ type: 'unreadable', readerId, reason: { code: 'check_digits', message: `check digit failed: ${failed.join(', ')}` } });
    } else {
      const needsConfirmation = data.needsConfirmation ?? [];
      this.#emit({ type: 'document', readerId, origin: data.origin, result, ...(needsConfirmation.length ? { needsConfirmation } : {}) });
    }
  }

  #onDeviceError(readerId: string, error: DeviceError): void {
    this.#deps.logger.warn({ device: readerId, code: error.code }, error.message);
    this.#emit({ type: 'unreadable', readerId, reason: { code: 'device_error', message: `${error.code}: ${error.message}` } });
  }

  #publishDevices(): void {
    this.#emit({ type: 'devices', devices: this.snapshot() });
  }

  #emit(event: DeviceManagerEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.#deps.logger.error({ err: error, event: event.type }, 'device event listener failed');
      }
    }
  }
}

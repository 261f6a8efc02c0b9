import { unavailable, type DeviceStatus, type Unsubscribe } from '../../drivers/device.ts';
import type { DocumentReader, ReaderEvent } from '../../drivers/reader/document-reader.ts';
import type { BarcodeScanner, ScannerEvent } from '../../drivers/scanner/barcode-scanner.ts';

/**
 * Stands in for a device whose adapter could not even be built (a native module missing, a bug), so that one
 * bad device shows as `unavailable` to staff while the others run.
 */
export class FailedDevice implements DocumentReader, BarcodeScanner {
  readonly id: string;
  readonly #status: DeviceStatus;

  constructor(id: string, reason: string) {
    this.id = id;
    this.#status = unavailable(reason, 'SOFTWARE_ERROR');
  }

  status(): DeviceStatus {
    return this.#status;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  subscribe(_listener: ((event: ReaderEvent) => void) & ((event: ScannerEvent) => void)): Unsubscribe {
    return () => undefined;
  }
}

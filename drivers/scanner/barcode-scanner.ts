import type { DeviceError, DeviceStatus, Unsubscribe } from '../device.ts';

export interface BarcodeScan {
  /** Symbology name derived from the AIM identifier when the device sends one (`PDF417`, `QR`, `AZTEC` ...). */
  readonly symbology: string;
  /** AIM symbology identifier as received (`]L2`), when any. */
  readonly aim?: string;
  readonly text: string;
}

export type ScannerEvent =
  | { readonly type: 'status'; readonly status: DeviceStatus }
  | { readonly type: 'data'; readonly scan: BarcodeScan }
  | { readonly type: 'error'; readonly error: DeviceError };

/** A barcode scanner. Same lifecycle guarantees as DocumentReader; one `data` event per complete barcode. */
export interface BarcodeScanner {
  readonly id: string;
  status(): DeviceStatus;
  start(): Promise<void>;
  stop(): Promise<void>;
  subscribe(listener: (event: ScannerEvent) => void): Unsubscribe;
}

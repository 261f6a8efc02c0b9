import { available, unavailable, type DeviceStatus, type Unsubscribe } from '../device.ts';
import type { BarcodeScanner, ScannerEvent } from './barcode-scanner.ts';
import { aimForSymbology } from './aim.ts';

/** A scripted barcode scanner for the simulation control API; same guarantees as the HID-POS adapter. */
export class SimulatedScanner implements BarcodeScanner {
  readonly id: string;
  #status: DeviceStatus = unavailable('not started', 'NOT_REACHABLE');
  #plugged = true;
  #running = false;
  readonly #listeners = new Set<(event: ScannerEvent) => void>();

  constructor(id = 'scanner') {
    this.id = id;
  }

  status(): DeviceStatus {
    return this.#status;
  }

  async start(): Promise<void> {
    this.#running = true;
    this.#setStatus(this.#plugged ? available : unavailable('scanner unplugged', 'NOT_REACHABLE'));
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#listeners.clear();
  }

  subscribe(listener: (event: ScannerEvent) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** One complete barcode, as a HID-POS scanner delivers it after reassembly. */
  scan(symbology: string, text: string): { accepted: boolean; reason?: string } {
    if (!this.#running) return { accepted: false, reason: 'scanner not started' };
    if (!this.#plugged) return { accepted: false, reason: 'scanner unplugged' };
    const aim = aimForSymbology(symbology);
    this.#emit({ type: 'data', scan: { symbology: symbology.toUpperCase(), text, ...(aim ? { aim } : {}) } });
    return { accepted: true };
  }

  unplug(): void {
    this.#plugged = false;
    if (this.#running) this.#setStatus(unavailable('scanner unplugged', 'NOT_REACHABLE'));
  }

  plug(): void {
    this.#plugged = true;
    if (this.#running) this.#setStatus(available);
  }

  #setStatus(status: DeviceStatus): void {
    this.#status = status;
    this.#emit({ type: 'status', status });
  }

  #emit(event: ScannerEvent): void {
    if (!this.#running) return;
    for (const listener of [...this.#listeners]) listener(event);
  }
}

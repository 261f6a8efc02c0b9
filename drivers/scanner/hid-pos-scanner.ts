import type { DeviceStatus, Unsubscribe } from '../device.ts';
import type { HidBackend } from '../reader/hid-device.ts';
import { hidConnect, type HidTarget } from '../reader/hid-link.ts';
import type { Link } from '../reader/link.ts';
import { LinkSupervisor, type Backoff } from '../reader/link-supervisor.ts';
import type { Clock } from '../clock.ts';
import type { BarcodeScanner, ScannerEvent } from './barcode-scanner.ts';
import { HidPosAssembler, honeywellBeep, honeywellTrigger } from './hid-pos-report.ts';

export interface HidPosScannerOptions extends HidTarget {
  readonly id: string;
  readonly backend: HidBackend;
  readonly timers: Clock;
  readonly backoff?: Backoff;
  /** A barcode whose last report does not come within this time is dropped as TRUNCATED. */
  readonly reassemblyTimeoutMs?: number;
}

/**
 * A HID-POS barcode scanner (usage page 0x8C; docs/devices.md §1.10). Reassembles multi-report barcodes
 * so a PDF417 boarding pass arrives as one `data` event; an unplug mid-barcode is an error, never half a scan.
 */
export class HidPosScanner implements BarcodeScanner {
  readonly id: string;
  readonly #o: HidPosScannerOptions;
  readonly #supervisor: LinkSupervisor;
  readonly #assembler = new HidPosAssembler();
  readonly #listeners = new Set<(event: ScannerEvent) => void>();
  #timer: unknown;
  #running = false;

  constructor(options: HidPosScannerOptions) {
    this.id = options.id;
    this.#o = options;
    this.#supervisor = new LinkSupervisor({
      connect: hidConnect(options.backend, options),
      timers: options.timers,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      onStatus: (status) => this.#emit({ type: 'status', status }),
      onData: (report) => this.#onReport(report),
      onDrop: () => {
        if (this.#assembler.pending) this.#truncated('the scanner went away in the middle of a barcode');
      },
    });
  }

  status(): DeviceStatus {
    return this.#supervisor.status();
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#assembler.reset();
    await this.#supervisor.start();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#clearTimer();
    await this.#supervisor.stop();
  }

  subscribe(listener: (event: ScannerEvent) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Honeywell good-read beep over the HID command channel (§1.9). */
  beep(): Promise<boolean> {
    return this.#command(honeywellBeep);
  }

  /** Honeywell software trigger (§1.9). */
  trigger(): Promise<boolean> {
    return this.#command(honeywellTrigger);
  }

  async #command(bytes: readonly number[]): Promise<boolean> {
    const link: Link | undefined = this.#supervisor.link;
    if (!link) return false;
    const report = new Uint8Array(64);
    report.set(bytes);
    try {
      await link.write(report);
      return true;
    } catch (error) {
      this.#emit({ type: 'error', error: { code: 'WRITE_FAILED', message: (error as Error).message } });
      return false;
    }
  }

  #onReport(report: Uint8Array): void {
    const result = this.#assembler.push(report);
    this.#clearTimer();
    if (result.type === 'scan') this.#emit({ type: 'data', scan: result.scan });
    else if (result.type === 'error') this.#emit({ type: 'error', error: result.error });
    else if (result.type === 'pending') {
      this.#timer = this.#o.timers.setTimeout(
        () => this.#truncated('the rest of a multi-report barcode never came'),
        this.#o.reassemblyTimeoutMs ?? 1000,
      );
    }
  }

  #truncated(message: string): void {
    this.#clearTimer();
    this.#assembler.reset();
    this.#emit({ type: 'error', error: { code: 'TRUNCATED', message } });
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#o.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #emit(event: ScannerEvent): void {
    if (!this.#running) return;
    for (const listener of [...this.#listeners]) listener(event);
  }
}

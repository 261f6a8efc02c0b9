import type { Timers } from '../clock.ts';
import { available, busy, unavailable, type DeviceStatus, type Unsubscribe } from '../device.ts';
import type { ByteTransport } from './byte-transport.ts';
import { encodeEscPos } from './escpos-encode.ts';
import { createGb18030Encoder, type Gb18030Encoder } from './gb18030.ts';
import { JobQueue, validateDocument, type PrintDocument, type PrintError, type PrintResult, type Printer, type PrinterEvent } from './printer.ts';

/** Timers, injected so tests control them (drivers/clock.ts). */
export type PrinterTimers = Timers;

export interface EscPosPrinterOptions {
  readonly id?: string;
  readonly transport: ByteTransport;
  readonly columns?: number;
  readonly widthDots?: number;
  /** How long a real-time status answer may take before the printer counts as not responding. */
  readonly statusTimeoutMs?: number;
  /** Status polling interval while idle (paper out / back in, cover, offline). */
  readonly pollMs?: number;
  readonly timers?: PrinterTimers;
  /** Shared between printers to build the GB18030 table once (~0.1 s); one is created when absent. */
  readonly gb18030?: Gb18030Encoder;
}

// Epson ESC/POS real-time status, DLE EOT n (0x10 0x04 n); every answer byte has bit 1 and bit 4 set and
// bits 0 and 7 clear (Epson "ESC/POS Command Reference", DLE EOT; docs/devices.md §3.3).
const DLE_EOT_PRINTER = [0x10, 0x04, 0x01]; // bit 3: offline
const DLE_EOT_PAPER = [0x10, 0x04, 0x04]; // bits 5–6: roll paper end; bits 2–3: near end

type StatusProbe = { ok: true; offline: boolean; paperEnd: boolean } | { ok: false; error: PrintError };

function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/**
 * ESC/POS receipt / boarding-pass printer over a byte transport (serial). Before a job it asks the printer
 * for its real-time status and refuses the job on paper end or offline without sending a byte; after the
 * job it asks again, and a paper end found then fails the job (it may be partly on paper, so it is not
 * reported as printed). Idle, it polls so paper changes show as status events.
 */
export class EscPosPrinter implements Printer {
  readonly id: string;
  readonly #transport: ByteTransport;
  readonly #columns: number;
  readonly #widthDots: number;
  readonly #statusTimeoutMs: number;
  readonly #pollMs: number;
  readonly #timers: PrinterTimers;
  readonly #gb18030: Gb18030Encoder;
  readonly #queue = new JobQueue();
  readonly #listeners = new Set<(event: PrinterEvent) => void>();
  #status: DeviceStatus = unavailable('not started', 'NOT_REACHABLE');
  #running = false;
  #printing = false;
  #pollHandle: unknown = null;
  #pending: { resolve: (byte: number | null) => void; timer: unknown } | null = null;
  #jobs = 0;
  #unsubscribers: Unsubscribe[] = [];

  constructor(options: EscPosPrinterOptions) {
    this.id = options.id ?? 'printer';
    this.#transport = options.transport;
    this.#columns = options.columns ?? 48;
    this.#widthDots = options.widthDots ?? 576;
    this.#statusTimeoutMs = options.statusTimeoutMs ?? 1000;
    this.#pollMs = options.pollMs ?? 2000;
    this.#gb18030 = options.gb18030 ?? createGb18030Encoder();
    this.#timers = options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
  }

  status(): DeviceStatus {
    return this.#status;
  }

  async start(): Promise<void> {
    this.#running = true;
    this.#unsubscribers = [
      this.#transport.onData((bytes) => this.#onData(bytes)),
      this.#transport.onClose(() => this.#setStatus(unavailable('printer disconnected', 'NOT_REACHABLE'))),
    ];
    await this.#queue.run(() => this.#poll());
    this.#schedulePoll();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#pollHandle !== null) this.#timers.clearTimeout(this.#pollHandle);
    this.#pollHandle = null;
    this.#answer(null);
    this.#unsubscribers.forEach((u) => u());
    this.#listeners.clear();
    await this.#transport.close();
    this.#status = unavailable('stopped', 'NOT_REACHABLE');
  }

  subscribe(listener: (event: PrinterEvent) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  print(document: PrintDocument): Promise<PrintResult> {
    const jobId = `${this.id}-${++this.#jobs}`;
    return this.#queue.run(() => this.#print(jobId, document));
  }

  async #print(jobId: string, document: PrintDocument): Promise<PrintResult> {
    if (!this.#running) return { ok: false, jobId, error: { code: 'NOT_REACHABLE', message: 'printer not started' } };
    this.#emit({ type: 'jobStarted', jobId });
    const invalid = validateDocument(document);
    if (invalid) return this.#fail(jobId, invalid);
    let bytes: Uint8Array;
    try {
      bytes = await encodeEscPos(document, { columns: this.#columns, widthDots: this.#widthDots, gb18030: this.#gb18030 });
    } catch (error) {
      return this.#fail(jobId, { code: 'FORMAT_ERROR', message: `cannot encode: ${(error as Error).message}` });
    }
    const before = await this.#probe();
    const refused = this.#applyProbe(before);
    if (refused) return this.#fail(jobId, refused);
    this.#printing = true;
    this.#setStatus(busy);
    try {
      await this.#transport.write(bytes);
    } catch (error) {
      this.#printing = false;
      this.#setStatus(unavailable('printer disconnected', 'NOT_REACHABLE'));
      return this.#fail(jobId, { code: 'NOT_REACHABLE', message: `write failed: ${(error as Error).message}` });
    }
    const after = await this.#probe();
    this.#printing = false;
    const failed = this.#applyProbe(after);
    if (failed) return this.#fail(jobId, { code: failed.code, message: `${failed.message} during the job` });
    this.#emit({ type: 'jobPrinted', jobId });
    return { ok: true, jobId };
  }

  async #poll(): Promise<void> {
    if (!this.#running || this.#printing) return;
    this.#applyProbe(await this.#probe());
  }

  #schedulePoll(): void {
    if (!this.#running) return;
    this.#pollHandle = this.#timers.setTimeout(() => {
      void this.#queue.run(() => this.#poll()).then(() => this.#schedulePoll());
    }, this.#pollMs);
  }

  /** Opens the transport when needed, then asks DLE EOT 1 and DLE EOT 4. */
  async #probe(): Promise<StatusProbe> {
    if (!this.#transport.isOpen) {
      try {
        await this.#transport.open();
      } catch (error) {
        return { ok: false, error: { code: 'NOT_REACHABLE', message: `cannot open printer: ${(error as Error).message}` } };
      }
    }
    const printer = await this.#ask(DLE_EOT_PRINTER);
    if (printer === null) return { ok: false, error: { code: 'NOT_RESPONDING', message: 'printer does not answer status requests' } };
    const paper = await this.#ask(DLE_EOT_PAPER);
    if (paper === null) return { ok: false, error: { code: 'NOT_RESPONDING', message: 'printer does not answer status requests' } };
    if (!isStatusByte(printer) || !isStatusByte(paper)) return { ok: false, error: { code: 'HARDWARE_ERROR', message: 'unexpected status answer' } };
    return { ok: true, offline: (printer & 0x08) !== 0, paperEnd: (paper & 0x60) !== 0 };
  }

  /** Sets the status from a probe; returns the error that forbids printing, if any. */
  #applyProbe(probe: StatusProbe): PrintError | null {
    if (!probe.ok) {
      this.#setStatus(unavailable(probe.error.message, probe.error.code));
      return probe.error;
    }
    // Paper end first: a printer out of paper also reports itself offline.
    if (probe.paperEnd) {
      this.#setStatus(unavailable('paper out', 'MEDIA_EMPTY'));
      return { code: 'MEDIA_EMPTY', message: 'paper out' };
    }
    if (probe.offline) {
      this.#setStatus(unavailable('printer offline (cover open or error)', 'NOT_RESPONDING'));
      return { code: 'NOT_RESPONDING', message: 'printer offline' };
    }
    this.#setStatus(this.#printing ? busy : available);
    return null;
  }

  #ask(command: number[]): Promise<number | null> {
    return new Promise((resolve) => {
      const timer = this.#timers.setTimeout(() => this.#answer(null), this.#statusTimeoutMs);
      this.#pending = { resolve, timer };
      this.#transport.write(Uint8Array.from(command)).catch(() => this.#answer(null));
    });
  }

  #answer(byte: number | null): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = null;
    this.#timers.clearTimeout(pending.timer);
    pending.resolve(byte);
  }

  #onData(bytes: Uint8Array): void {
    // Only real-time status answers are expected; anything unasked for is ignored.
    for (const b of bytes) this.#answer(b);
  }

  #fail(jobId: string, error: PrintError): PrintResult {
    this.#emit({ type: 'jobFailed', jobId, error });
    return { ok: false, jobId, error };
  }

  #setStatus(status: DeviceStatus): void {
    if (JSON.stringify(status) === JSON.stringify(this.#status)) return;
    this.#status = status;
    this.#emit({ type: 'status', status });
  }

  #emit(event: PrinterEvent): void {
    if (!this.#running) return;
    for (const listener of [...this.#listeners]) listener(event);
  }
}

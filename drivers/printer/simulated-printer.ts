import { z } from 'zod';
import { available, busy, unavailable, type DeviceStatus, type Unsubscribe } from '../device.ts';
import { simRoute, type SimRoute } from '../sim/sim-route.ts';
import { appendLatest } from '../sim/bounded.ts';

/** Completed jobs a simulated printer keeps for the control API: the latest, so weeks of printing stay bounded. */
export const keptJobs = 200;
import { JobQueue, validateDocument, type PrintDocument, type PrintError, type PrintResult, type Printer, type PrinterEvent } from './printer.ts';

export interface PrintedJob {
  readonly jobId: string;
  readonly document: PrintDocument;
  /** Milliseconds since the epoch, from the injected clock. */
  readonly printedAt: number;
}

export interface SimulatedPrinterOptions {
  readonly id?: string;
  readonly now?: () => number;
  /** Awaited between blocks, so faults can land mid-job. Defaults to one macrotask turn. */
  readonly step?: () => Promise<void>;
}

/**
 * A printer that keeps what it printed, driven by the simulation control API: paper out / in, offline /
 * online, at once or after N blocks of the next job. A job interrupted mid-way is failed and not kept.
 */
export class SimulatedPrinter implements Printer {
  readonly id: string;
  readonly #now: () => number;
  readonly #step: () => Promise<void>;
  readonly #listeners = new Set<(event: PrinterEvent) => void>();
  readonly #queue = new JobQueue();
  readonly #printed: PrintedJob[] = [];
  #running = false;
  #paper = true;
  #online = true;
  #printing = false;
  #armed: { fault: 'paper-out' | 'offline'; afterBlocks: number } | null = null;
  #status: DeviceStatus = unavailable('not started', 'NOT_REACHABLE');
  #jobs = 0;

  constructor(options: SimulatedPrinterOptions = {}) {
    this.id = options.id ?? 'printer';
    this.#now = options.now ?? Date.now;
    this.#step = options.step ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  }

  status(): DeviceStatus {
    return this.#status;
  }

  async start(): Promise<void> {
    this.#running = true;
    this.#refresh();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#listeners.clear();
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
    const invalid = validateDocument(document);
    const refused = invalid ?? this.#fault();
    this.#emit({ type: 'jobStarted', jobId });
    if (refused) return this.#fail(jobId, refused);
    this.#printing = true;
    this.#refresh();
    try {
      const armed = this.#armed;
      this.#armed = null;
      for (let i = 0; i < document.blocks.length; i++) {
        if (armed && i === armed.afterBlocks) {
          if (armed.fault === 'paper-out') this.#paper = false;
          else this.#online = false;
        }
        const fault = this.#fault();
        if (fault) return this.#fail(jobId, { code: fault.code, message: `${fault.message} after ${i} of ${document.blocks.length} blocks` });
        await this.#step();
        if (!this.#running) return { ok: false, jobId, error: { code: 'NOT_REACHABLE', message: 'printer stopped during the job' } };
      }
    } finally {
      this.#printing = false;
      this.#refresh();
    }
    const fault = this.#fault();
    if (fault) return this.#fail(jobId, fault);
    appendLatest(this.#printed, { jobId, document, printedAt: this.#now() }, keptJobs);
    this.#emit({ type: 'jobPrinted', jobId });
    return { ok: true, jobId };
  }

  #fault(): PrintError | null {
    if (!this.#online) return { code: 'NOT_REACHABLE', message: 'printer offline' };
    if (!this.#paper) return { code: 'MEDIA_EMPTY', message: 'paper out' };
    return null;
  }

  #fail(jobId: string, error: PrintError): PrintResult {
    this.#emit({ type: 'jobFailed', jobId, error });
    return { ok: false, jobId, error };
  }

  // ---- simulation controls -------------------------------------------------------------------------------

  /** Completed jobs only, oldest first: the latest `keptJobs`. */
  printed(): readonly PrintedJob[] {
    return [...this.#printed];
  }

  clearPrinted(): void {
    this.#printed.length = 0;
  }

  /** Paper runs out now, or after `afterBlocks` blocks of the next job. */
  paperOut(afterBlocks?: number): void {
    if (afterBlocks !== undefined) this.#armed = { fault: 'paper-out', afterBlocks };
    else this.#set(() => (this.#paper = false));
  }

  paperIn(): void {
    this.#set(() => (this.#paper = true));
  }

  offline(afterBlocks?: number): void {
    if (afterBlocks !== undefined) this.#armed = { fault: 'offline', afterBlocks };
    else this.#set(() => (this.#online = false));
  }

  online(): void {
    this.#set(() => (this.#online = true));
  }

  #set(change: () => void): void {
    change();
    this.#refresh();
  }

  #refresh(): void {
    if (!this.#running) return;
    const next = !this.#online
      ? unavailable('printer offline', 'NOT_REACHABLE')
      : !this.#paper
        ? unavailable('paper out', 'MEDIA_EMPTY')
        : this.#printing
          ? busy
          : available;
    if (JSON.stringify(next) === JSON.stringify(this.#status)) return;
    this.#status = next;
    this.#emit({ type: 'status', status: next });
  }

  #emit(event: PrinterEvent): void {
    if (!this.#running) return;
    for (const listener of [...this.#listeners]) listener(event);
  }
}

/** A job as the control API shows it: text, barcodes, image sizes (not image bytes). */
function describeJob(job: PrintedJob): unknown {
  return {
    jobId: job.jobId,
    kind: job.document.kind,
    printedAt: new Date(job.printedAt).toISOString(),
    blocks: job.document.blocks.map((b) => (b.type === 'image' ? { type: 'image', bytes: b.png.length, width: b.width ?? null } : b)),
  };
}

const afterBlocksBody = z.strictObject({ afterBlocks: z.number().int().min(0).optional() }).optional();

/**
 * Control routes for one simulated printer under `/sim/<prefix>/...` (prefix `printer` for the boarding-pass
 * printer, `bag-tag-printer` for the bag-tag printer): GET jobs and status; POST paper-out, paper-in, offline,
 * online (paper-out / offline take `{ afterBlocks }` to strike mid-way through the next job), clear.
 */
export function printerSimRoutes(sim: SimulatedPrinter, prefix = 'printer'): SimRoute[] {
  const base = `/${prefix}`;
  return [
    simRoute({ method: 'GET', path: `${base}/jobs`, summary: 'Lists what this printer printed, newest last.', handle: () => ({ jobs: sim.printed().map(describeJob) }) }),
    simRoute({ method: 'GET', path: `${base}/status`, summary: 'This printer\'s status.', handle: () => ({ status: sim.status() }) }),
    simRoute({ method: 'POST', path: `${base}/paper-out`, summary: 'Runs the printer out of paper, now or after afterBlocks more blocks.', body: afterBlocksBody, handle: (b) => (sim.paperOut(b?.afterBlocks), { status: sim.status() }) }),
    simRoute({ method: 'POST', path: `${base}/paper-in`, summary: 'Loads paper.', handle: () => (sim.paperIn(), { status: sim.status() }) }),
    simRoute({ method: 'POST', path: `${base}/offline`, summary: 'Takes the printer offline, now or after afterBlocks more blocks.', body: afterBlocksBody, handle: (b) => (sim.offline(b?.afterBlocks), { status: sim.status() }) }),
    simRoute({ method: 'POST', path: `${base}/online`, summary: 'Brings the printer back online.', handle: () => (sim.online(), { status: sim.status() }) }),
    simRoute({ method: 'POST', path: `${base}/clear`, summary: 'Forgets the printed jobs.', handle: () => (sim.clearPrinted(), { ok: true }) }),
  ];
}

import sharp from 'sharp';
import { available, busy, unavailable, type DeviceStatus, type Unsubscribe } from '../device.ts';
import { barcodePng } from './barcode-image.ts';
import { JobQueue, validateDocument, type PrintDocument, type PrintResult, type Printer, type PrinterEvent } from './printer.ts';

export interface PreviewOptions {
  /** Paper width in pixels (576 = 80 mm at 203 dpi). */
  readonly widthPx?: number;
  /** Font family for text; Noto Sans CJK (apt fonts-noto-cjk) covers Chinese. */
  readonly fontFamily?: string;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);
}

/**
 * Renders a print document to one PNG, as the paper would look (text through librsvg + fontconfig, barcodes
 * through bwip-js). Used for on-screen previews and for checking printouts in tests.
 */
export async function renderPreviewPng(document: PrintDocument, options: PreviewOptions = {}): Promise<Buffer> {
  const width = options.widthPx ?? 576;
  const font = options.fontFamily ?? 'Noto Sans CJK SC, Noto Sans, sans-serif';
  const parts: { png: Buffer; height: number; width: number }[] = [];
  const addPng = async (png: Buffer, maxWidth = width) => {
    const resized = await sharp(png).flatten({ background: '#ffffff' }).resize({ width: maxWidth, withoutEnlargement: true }).png().toBuffer({ resolveWithObject: true });
    parts.push({ png: resized.data, height: resized.info.height, width: resized.info.width });
  };
  for (const block of document.blocks) {
    switch (block.type) {
      case 'text': {
        const size = block.size === 'large' ? 44 : 24;
        const height = Math.round(size * 1.4);
        const anchor = block.align === 'center' ? 'middle' : block.align === 'right' ? 'end' : 'start';
        const x = block.align === 'center' ? width / 2 : block.align === 'right' ? width - 8 : 8;
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff"/><text x="${x}" y="${Math.round(size * 1.05)}" font-family="${escapeXml(font)}" font-size="${size}" font-weight="${block.bold ? 'bold' : 'normal'}" text-anchor="${anchor}" fill="#000">${escapeXml(block.text)}</text></svg>`;
        parts.push({ png: await sharp(Buffer.from(svg)).png().toBuffer(), height, width });
        break;
      }
      case 'barcode':
        await addPng(await barcodePng(block.symbology, block.data, { scale: 2, ...(block.height ? { height: Math.round(block.height / 5) } : {}) }), width - 16);
        break;
      case 'image':
        await addPng(Buffer.from(block.png), Math.min(block.width ?? width, width));
        break;
      case 'feed':
        if (block.lines > 0) parts.push({ png: await blank(width, block.lines * 24), height: block.lines * 24, width });
        break;
      case 'cut':
        parts.push({ png: await cutLine(width), height: 12, width });
        break;
    }
  }
  const total = Math.max(1, parts.reduce((sum, p) => sum + p.height, 0));
  let top = 0;
  const composite = parts.map((p) => {
    const entry = { input: p.png, top, left: Math.max(0, Math.round((width - p.width) / 2)) };
    top += p.height;
    return entry;
  });
  return sharp({ create: { width, height: total, channels: 3, background: '#ffffff' } }).composite(composite).png().toBuffer();
}

function blank(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).png().toBuffer();
}

function cutLine(width: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="12"><rect width="100%" height="100%" fill="#fff"/><line x1="0" y1="6" x2="${width}" y2="6" stroke="#888" stroke-dasharray="6,4"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export interface PreviewJob {
  readonly jobId: string;
  readonly document: PrintDocument;
  readonly png: Buffer;
}

/**
 * A Printer whose paper is a PNG: for previews on screen and for a kiosk without a printer attached.
 * It has no paper or link to lose; a document it cannot render fails with FORMAT_ERROR.
 */
export class PreviewPrinter implements Printer {
  readonly id: string;
  readonly #options: PreviewOptions;
  readonly #sink: ((job: PreviewJob) => void) | undefined;
  readonly #queue = new JobQueue();
  readonly #listeners = new Set<(event: PrinterEvent) => void>();
  readonly #jobs: PreviewJob[] = [];
  #status: DeviceStatus = unavailable('not started', 'NOT_REACHABLE');
  #running = false;
  #count = 0;

  constructor(options: PreviewOptions & { id?: string; sink?: (job: PreviewJob) => void } = {}) {
    this.id = options.id ?? 'preview-printer';
    this.#options = options;
    this.#sink = options.sink;
  }

  status(): DeviceStatus {
    return this.#status;
  }

  async start(): Promise<void> {
    this.#running = true;
    this.#setStatus(available);
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

  /** Rendered jobs, oldest first (the last 20). */
  jobs(): readonly PreviewJob[] {
    return [...this.#jobs];
  }

  print(document: PrintDocument): Promise<PrintResult> {
    const jobId = `${this.id}-${++this.#count}`;
    return this.#queue.run(async (): Promise<PrintResult> => {
      if (!this.#running) return { ok: false, jobId, error: { code: 'NOT_REACHABLE', message: 'printer not started' } };
      this.#emit({ type: 'jobStarted', jobId });
      const invalid = validateDocument(document);
      if (invalid) {
        this.#emit({ type: 'jobFailed', jobId, error: invalid });
        return { ok: false, jobId, error: invalid };
      }
      this.#setStatus(busy);
      try {
        const png = await renderPreviewPng(document, this.#options);
        const job = { jobId, document, png };
        this.#jobs.push(job);
        if (this.#jobs.length > 20) this.#jobs.shift();
        this.#sink?.(job);
      } catch (error) {
        const failure = { code: 'FORMAT_ERROR' as const, message: `cannot render: ${(error as Error).message}` };
        this.#emit({ type: 'jobFailed', jobId, error: failure });
        return { ok: false, jobId, error: failure };
      } finally {
        this.#setStatus(available);
      }
      this.#emit({ type: 'jobPrinted', jobId });
      return { ok: true, jobId };
    });
  }

  #setStatus(status: DeviceStatus): void {
    if (!this.#running || JSON.stringify(status) === JSON.stringify(this.#status)) return;
    this.#status = status;
    this.#emit({ type: 'status', status });
  }

  #emit(event: PrinterEvent): void {
    if (!this.#running) return;
    for (const listener of [...this.#listeners]) listener(event);
  }
}

/**
 * Runs inside a worker thread: owns the warm tesseract.js worker and does all pixel work, so the host's event
 * loop never waits on OCR. Protocol (structured clone): `{ id, image: Uint8Array, now?: number }` in,
 * `{ id, read }` or `{ id, error }` out; `{ type: 'ready' }` once the model is loaded, `{ type: 'failed' }`
 * when it cannot be.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readMrzImage } from '../read-mrz-image.ts';
import { createRecogniser, type Recogniser } from '../tesseract-recogniser.ts';
import { renderTemplateBank, type TemplateBank } from '../cell-scores.ts';
import { TARGET_INK_HEIGHT } from '../normalise-line.ts';
import { isSetupError } from '../../setup-error.ts';

interface WorkerConfig {
  readonly modelDir: string;
  readonly cachePath: string;
}

interface Job {
  readonly id: number;
  readonly image: Uint8Array;
  readonly now?: number;
}

const port = parentPort;
if (!port) throw new Error('ocr-worker must run in a worker thread');
const config = (workerData as { config: WorkerConfig }).config;

let recogniser: Recogniser;
let templates: TemplateBank;
try {
  recogniser = await createRecogniser({ modelDir: config.modelDir, cachePath: config.cachePath });
  templates = await renderTemplateBank(TARGET_INK_HEIGHT / 2);
  port.postMessage({ type: 'ready' });
} catch (e) {
  port.postMessage({ type: 'failed', message: String((e as Error)?.message ?? e), setup: isSetupError(e) });
  throw e;
}

// Jobs run one at a time: the tesseract.js worker is single-threaded anyway and queueing here keeps timings
// per image honest.
let queue: Promise<void> = Promise.resolve();
port.on('message', (job: Job | { type: 'close' }) => {
  if ('type' in job) {
    queue = queue.then(async () => {
      await recogniser.terminate();
      port.postMessage({ type: 'closed' });
    });
    return;
  }
  queue = queue.then(async () => {
    try {
      const read = await readMrzImage(Buffer.from(job.image.buffer, job.image.byteOffset, job.image.byteLength), (pgm) => recogniser.recognise(pgm), { templates, ...(job.now !== undefined ? { now: new Date(job.now) } : {}) });
      port.postMessage({ id: job.id, read });
    } catch (e) {
      port.postMessage({ id: job.id, error: String((e as Error)?.stack ?? e) });
    }
  });
});

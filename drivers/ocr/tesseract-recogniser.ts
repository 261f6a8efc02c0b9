/**
 * tesseract.js wrapper: one warm worker with the repository's legacy OCR-B MRZ model (model/train-legacy.sh).
 * Offline by construction (docs/toolchain.md "OCR engines"): `langPath` is a local folder, `cacheMethod:
 * 'none'` so nothing is read from or written to a cache (the cache file is not named by model variant and can
 * silently serve the wrong one), and the legacy engine's adaptive learning is off so results do not depend on
 * the order of documents.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RecognisedSymbol } from './cells.ts';

export const MRZ_WHITELIST = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

/** Folder holding `mrz.traineddata`, committed beside its training script. */
export const DEFAULT_MODEL_DIR = join(dirname(fileURLToPath(import.meta.url)), 'model');

export interface RecogniserOptions {
  /** Folder with `<lang>.traineddata` (uncompressed). */
  readonly modelDir: string;
  /** Writable local folder handed to tesseract.js; never a URL. */
  readonly cachePath: string;
  /** Language (model file name without extension). */
  readonly lang?: string;
  /** 0 legacy (our MRZ model), 1 LSTM (e.g. `eng` for the bench's baseline). */
  readonly oem?: 0 | 1;
  /** Restrict output to the 37 MRZ characters (default true). */
  readonly whitelist?: boolean;
  /** Page segmentation mode (default 6, a uniform block of text). */
  readonly psm?: number;
}

export interface Recogniser {
  recognise(image: Buffer): Promise<{ symbols: RecognisedSymbol[]; text: string }>;
  terminate(): Promise<void>;
}

interface TessSymbol {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}
interface TessBlock {
  paragraphs: { lines: { words: { symbols: TessSymbol[] }[] }[] }[];
}

export async function createRecogniser(options: RecogniserOptions): Promise<Recogniser> {
  const require = createRequire(import.meta.url);
  const Tesseract = require('tesseract.js') as typeof import('tesseract.js');
  const oem = options.oem ?? 0;
  const lang = options.lang ?? 'mrz';
  // A missing model makes tesseract.js fall back to fetching and then hang: refuse before it starts.
  const plain = existsSync(join(options.modelDir, `${lang}.traineddata`));
  if (!plain && !existsSync(join(options.modelDir, `${lang}.traineddata.gz`))) {
    throw new Error(`OCR model ${lang}.traineddata not found in ${options.modelDir}`);
  }
  const worker = await Tesseract.createWorker(lang, oem, {
    langPath: options.modelDir,
    cachePath: options.cachePath,
    cacheMethod: 'none',
    gzip: !plain,
    legacyCore: oem === 0,
    legacyLang: oem === 0,
    errorHandler: () => {},
  });
  const params: Record<string, string> = {
    tessedit_pageseg_mode: String(options.psm ?? 6),
    classify_enable_learning: '0',
    user_defined_dpi: '300',
  };
  if (options.whitelist ?? true) params['tessedit_char_whitelist'] = MRZ_WHITELIST;
  await worker.setParameters(params);
  return {
    async recognise(image) {
      const { data } = await worker.recognize(image, {}, { blocks: true, text: true });
      const symbols: RecognisedSymbol[] = [];
      for (const block of (data.blocks ?? []) as unknown as TessBlock[]) {
        for (const p of block.paragraphs) for (const l of p.lines) for (const w of l.words) for (const s of w.symbols) {
          symbols.push({ text: s.text, confidence: Math.max(0, Math.min(1, s.confidence / 100)), x0: s.bbox.x0, y0: s.bbox.y0, x1: s.bbox.x1, y1: s.bbox.y1 });
        }
      }
      return { symbols, text: data.text };
    },
    async terminate() {
      await worker.terminate();
    },
  };
}

/** The `@tesseract.js-data/eng` package folder (legacy + LSTM `eng`, gzipped), for the bench's baseline. */
export function engModelDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0');
}

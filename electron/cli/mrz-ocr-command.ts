import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toParseJson } from '../../drivers/mrz/index.ts';
import { createOcrEngine, type OcrMrzRead } from '../../drivers/ocr/index.ts';
import { parseArgs } from './args.ts';
import type { CliCommand, CliIo } from './command.ts';

const USAGE = `usage: passage mrz ocr IMAGE... [--json] [--model-dir DIR] [--now YYYY-MM-DD]

Reads the MRZ from photos or scans of whole document pages with the OCR fallback (offline; the model is
drivers/ocr/model/mrz.traineddata). Prints the MRZ parse JSON (as \`passage mrz parse\`) plus
\`confidence\` per field, \`needsConfirmation\`, \`verified\`, the OCR corrections and \`timingMs\`.
Several images are read one after another by one warm OCR worker (it starts once, not per image); each
result then carries its \`file\`, and an image that cannot be opened is reported and the rest still read.
--json prints one compact line per image. Exit status: 0 an MRZ was read from every image (check
\`verified\`), 1 not from every one, 2 usage.
`;

function readJson(read: OcrMrzRead, workerStartMs: number): Record<string, unknown> {
  return {
    ...(read.parse ? toParseJson(read.parse) : { ok: false }),
    ...(read.error ? { error: read.error } : {}),
    ok: read.ok,
    verified: read.verified,
    needsConfirmation: read.needsConfirmation,
    confidence: read.fieldConfidence,
    recognisedLines: read.recognisedLines,
    ocrCorrections: read.corrections,
    timingMs: Object.fromEntries(Object.entries(read.timingMs).map(([k, v]) => [k, Math.round(v * 10) / 10])),
    workerStartMs: Math.round(workerStartMs),
  };
}

type StartEngine = typeof createOcrEngine;

export const mrzOcrCommand: CliCommand = {
  name: 'mrz ocr',
  summary: 'read the MRZ from document photos or scans (JSON output)',
  usage: USAGE,
  run: (argv, io) => runMrzOcr(argv, io),
};

/** The command with the engine's start injected (tests count how many workers a call starts). */
export async function runMrzOcr(argv: readonly string[], io: CliIo, startEngine: StartEngine = createOcrEngine): Promise<number> {
  const args = parseArgs(argv, { values: ['model-dir', 'now'], booleans: ['json'] });
  if (!args.ok || args.positional.length === 0) {
    io.stderr.write(`${args.ok ? 'passage mrz ocr: at least one IMAGE is needed' : `passage mrz ocr: ${args.error}`}\n\n${USAGE}`);
    return 2;
  }
  const nowFlag = args.flags.get('now');
  const now = typeof nowFlag === 'string' ? new Date(`${nowFlag}T00:00:00Z`) : new Date();
  if (Number.isNaN(now.getTime())) {
    io.stderr.write(`passage mrz ocr: --now must be YYYY-MM-DD\n`);
    return 2;
  }
  const files = args.positional;
  const single = files.length === 1;
  const print = (out: Record<string, unknown>) => io.stdout.write(args.flags.has('json') ? `${JSON.stringify(out)}\n` : `${JSON.stringify(out, null, 2)}\n`);
  const open = async (file: string): Promise<Buffer | Error> => readFile(file).catch((e: unknown) => e as Error);
  // A single image that cannot be opened is a plain error, before any worker starts.
  const first = await open(files[0]!);
  if (single && first instanceof Error) {
    io.stderr.write(`passage mrz ocr: cannot read ${files[0]}: ${first.message}\n`);
    return 1;
  }
  const modelDir = args.flags.get('model-dir');
  const engine = await startEngine({ cachePath: join(tmpdir(), 'passage-ocr'), ...(typeof modelDir === 'string' ? { modelDir } : {}) });
  let allRead = true;
  try {
    for (const [k, file] of files.entries()) {
      const image = k === 0 ? first : await open(file);
      if (image instanceof Error) {
        io.stderr.write(`passage mrz ocr: cannot read ${file}: ${image.message}\n`);
        print({ file, ok: false, error: { code: 'unopenable-file', message: image.message } });
        allRead = false;
        continue;
      }
      const read = await engine.readImage(image, { now });
      if (!read.ok) allRead = false;
      print(single ? readJson(read, engine.startMs) : { file, ...readJson(read, engine.startMs) });
    }
    return allRead ? 0 : 1;
  } finally {
    await engine.close();
  }
}

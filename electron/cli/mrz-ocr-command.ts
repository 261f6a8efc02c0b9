import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toParseJson } from '../../drivers/mrz/index.ts';
import { createOcrEngine } from '../../drivers/ocr/index.ts';
import { parseArgs } from './args.ts';
import type { CliCommand } from './command.ts';

const USAGE = `usage: passage mrz ocr IMAGE [--json] [--model-dir DIR] [--now YYYY-MM-DD]

Reads the MRZ from a photo or scan of a whole document page with the OCR fallback (offline; the model is
drivers/ocr/model/mrz.traineddata). Prints the MRZ parse JSON (as \`passage mrz parse\`) plus
\`confidence\` per field, \`needsConfirmation\`, \`verified\`, the OCR corrections and \`timingMs\`.
--json prints one compact line. Exit status: 0 an MRZ was read (check \`verified\`), 1 none was read, 2 usage.
`;

export const mrzOcrCommand: CliCommand = {
  name: 'mrz ocr',
  summary: 'read the MRZ from a document photo or scan (JSON output)',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv, { values: ['model-dir', 'now'], booleans: ['json'] });
    if (!args.ok || args.positional.length !== 1) {
      io.stderr.write(`${args.ok ? 'passage mrz ocr: exactly one IMAGE is needed' : `passage mrz ocr: ${args.error}`}\n\n${USAGE}`);
      return 2;
    }
    const nowFlag = args.flags.get('now');
    const now = typeof nowFlag === 'string' ? new Date(`${nowFlag}T00:00:00Z`) : new Date();
    if (Number.isNaN(now.getTime())) {
      io.stderr.write(`passage mrz ocr: --now must be YYYY-MM-DD\n`);
      return 2;
    }
    let image: Buffer;
    try {
      image = await readFile(args.positional[0]!);
    } catch (e) {
      io.stderr.write(`passage mrz ocr: cannot read ${args.positional[0]}: ${(e as Error).message}\n`);
      return 1;
    }
    const modelDir = args.flags.get('model-dir');
    const engine = await createOcrEngine({ cachePath: join(tmpdir(), 'passage-ocr'), ...(typeof modelDir === 'string' ? { modelDir } : {}) });
    try {
      const read = await engine.readImage(image, { now });
      const out = {
        ...(read.parse ? toParseJson(read.parse) : { ok: false }),
        ...(read.error ? { error: read.error } : {}),
        ok: read.ok,
        verified: read.verified,
        needsConfirmation: read.needsConfirmation,
        confidence: read.fieldConfidence,
        recognisedLines: read.recognisedLines,
        ocrCorrections: read.corrections,
        timingMs: Object.fromEntries(Object.entries(read.timingMs).map(([k, v]) => [k, Math.round(v * 10) / 10])),
        workerStartMs: Math.round(engine.startMs),
      };
      io.stdout.write(args.flags.has('json') ? `${JSON.stringify(out)}\n` : `${JSON.stringify(out, null, 2)}\n`);
      return read.ok ? 0 : 1;
    } finally {
      await engine.close();
    }
  },
};

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { mrzOcrCommand, runMrzOcr } from '../../electron/cli/mrz-ocr-command.ts';
import { createOcrEngine } from '../../drivers/ocr/index.ts';
import { generateMrz, seededRng } from '../../drivers/mrz/index.ts';
import { renderDocumentImage } from '../../drivers/ocr/document-image.ts';

const dir = mkdtempSync(join(tmpdir(), 'passage-mrz-ocr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runCli(argv: string[], startEngine?: typeof createOcrEngine) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const io = { stdout, stderr, stdin: new PassThrough() };
  const code = startEngine ? await runMrzOcr(argv, io, startEngine) : await mrzOcrCommand.run(argv, io);
  return { code, out, err };
}

describe('passage mrz ocr', () => {
  it('prints the parse JSON with per-field confidence and timings for a document photo', async () => {
    const rng = seededRng(21);
    const mrz = generateMrz(rng, { format: 'TD3' });
    const file = join(dir, 'doc.jpg');
    writeFileSync(file, (await renderDocumentImage(mrz.lines, { rng, dpi: 300, quality: 'clean' })).image);
    const { code, out } = await runCli([file, '--json', '--now', '2026-06-01']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.lines).toEqual(mrz.lines);
    expect(json.format).toBe('TD3');
    expect(json.confidence.documentNumber).toBeGreaterThan(0);
    expect(json.timingMs.total).toBeGreaterThan(0);
    expect(Array.isArray(json.needsConfirmation)).toBe(true);
  }, 30_000);

  it('exits 2 on usage errors and 1 when the image cannot be read', async () => {
    expect((await runCli([])).code).toBe(2);
    expect((await runCli(['a.jpg', '--bogus'])).code).toBe(2);
    const missing = await runCli([join(dir, 'missing.jpg')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read/);
  });

  it('reads several images with one worker, reporting each by file and going on past one that cannot be opened', async () => {
    const rng = seededRng(22);
    const docs = await Promise.all(
      (['TD1', 'TD3'] as const).map(async (format, k) => {
        const mrz = generateMrz(rng, { format });
        const file = join(dir, `batch-${k}.jpg`);
        writeFileSync(file, (await renderDocumentImage(mrz.lines, { rng, dpi: 300, quality: 'clean' })).image);
        return { file, lines: mrz.lines };
      }),
    );
    let started = 0;
    const counting: typeof createOcrEngine = (options) => {
      started++;
      return createOcrEngine(options);
    };
    const missing = join(dir, 'not-there.jpg');
    const { code, out, err } = await runCli([docs[0]!.file, missing, docs[1]!.file, '--json', '--now', '2026-06-01'], counting);
    expect(started).toBe(1);
    const results = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(results.map((r) => r.file)).toEqual([docs[0]!.file, missing, docs[1]!.file]);
    expect(results[0].lines).toEqual(docs[0]!.lines);
    expect(results[2].lines).toEqual(docs[1]!.lines);
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'unopenable-file' } });
    expect(err).toMatch(/cannot read .*not-there\.jpg/);
    // Not every image gave an MRZ.
    expect(code).toBe(1);
  }, 60_000);
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { mrzOcrCommand } from '../../electron/cli/mrz-ocr-command.ts';
import { generateMrz, seededRng } from '../../drivers/mrz/index.ts';
import { renderDocumentImage } from '../../drivers/ocr/document-image.ts';

const dir = mkdtempSync(join(tmpdir(), 'passage-mrz-ocr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runCli(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const code = await mrzOcrCommand.run(argv, { stdout, stderr, stdin: new PassThrough() });
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
});

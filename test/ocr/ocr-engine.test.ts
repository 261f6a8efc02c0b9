import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMrz, seededRng, type MrzFormat } from '../../drivers/mrz/index.ts';
import { renderDocumentImage } from '../../drivers/ocr/document-image.ts';
import { createOcrEngine, type OcrEngine } from '../../drivers/ocr/ocr-engine.ts';

const NOW = new Date('2026-06-01');
let engine: OcrEngine;
const cache = mkdtempSync(join(tmpdir(), 'passage-ocr-engine-'));

beforeAll(async () => {
  engine = await createOcrEngine({ cachePath: cache });
}, 30_000);
afterAll(async () => {
  await engine.close();
  rmSync(cache, { recursive: true, force: true });
});

async function doc(format: MrzFormat, seed: number, dpi = 300, quality: 'clean' | 'hard' = 'clean') {
  const rng = seededRng(seed);
  const mrz = generateMrz(rng, { format });
  return { mrz, image: (await renderDocumentImage(mrz.lines, { rng, dpi, quality })).image };
}

describe('OCR engine (warm worker, committed OCR-B model)', () => {
  it.each([['TD3', 11], ['TD1', 12], ['CN_EEP_1LINE', 13]] as const)('reads a clean %s page exactly and verifies it', async (format, seed) => {
    const { mrz, image } = await doc(format, seed);
    const read = await engine.readImage(image, { now: NOW });
    expect(read.ok).toBe(true);
    expect(read.lines).toEqual(mrz.lines);
    expect(read.confidence.map((r) => r.length)).toEqual(mrz.lines.map((l) => l.length));
    expect(read.parse?.format).toBe(format);
    expect(read.timingMs.total).toBeGreaterThan(0);
  }, 20_000);

  it('on hard 150 dpi camera frames, returns no wrong field as proven: each one is verified or asks for confirmation', async () => {
    const formats: MrzFormat[] = ['TD3', 'TD1', 'TD2', 'MRVA', 'MRVB', 'CN_EEP_1LINE'];
    let parsed = 0;
    for (const [k, format] of formats.entries()) {
      const { mrz, image } = await doc(format, 500 + k, 150, 'hard');
      const read = await engine.readImage(image, { now: NOW });
      if (!read.ok || !read.parse) continue;
      parsed++;
      const truth = mrz.lines;
      for (const [name, f] of Object.entries(read.parse.fields)) {
        if (name.endsWith('CheckDigit')) continue;
        const right = read.lines[f.line - 1]?.slice(f.start - 1, f.end) === truth[f.line - 1]?.slice(f.start - 1, f.end);
        const asked = (name === 'name' ? ['surname', 'givenNames'] : [name]).some((p) => read.needsConfirmation.includes(p));
        expect(right || asked || !read.parse.valid, `${format} ${name}`).toBe(true);
      }
      if (read.verified) expect(read.lines).toEqual(truth);
    }
    // The property is only worth something if the frames were read at all.
    expect(parsed).toBeGreaterThanOrEqual(4);
  }, 60_000);

  it('answers bytes that are not an image with a typed error, and keeps working', async () => {
    const read = await engine.readImage(new Uint8Array([1, 2, 3, 4]));
    expect(read).toMatchObject({ ok: false, error: { code: 'undecodable-image' }, verified: false, lines: [] });
    const { mrz, image } = await doc('TD2', 14);
    expect((await engine.readImage(image, { now: NOW })).lines).toEqual(mrz.lines);
  }, 20_000);

  it('rejects reads after close', async () => {
    const other = await createOcrEngine({ cachePath: cache });
    await other.close();
    await expect(other.readImage(new Uint8Array([1]))).rejects.toThrow(/closed/);
  }, 20_000);
});

describe('OCR engine start-up', () => {
  it('refuses to start without its model instead of falling back to a download', async () => {
    await expect(createOcrEngine({ cachePath: cache, modelDir: join(cache, 'no-such-model') })).rejects.toThrow(/not found/);
  }, 20_000);
});

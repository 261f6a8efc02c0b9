import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = new URL('.', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'passage-ocr-offline-'));

async function child(env: Record<string, string>): Promise<{ out: unknown; network: string[] }> {
  const log = join(dir, `net-${Object.keys(env).join('-') || 'run'}.log`);
  const { stdout } = await run(process.execPath, ['--require', join(here, 'fixtures/no-network.cjs'), '--import', 'tsx', join(here, 'fixtures/offline-child.ts')], {
    env: { ...process.env, NO_NET_LOG: log, CACHE_DIR: dir, ...env },
    timeout: 60_000,
  });
  return { out: JSON.parse(stdout), network: existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [] };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('OCR runs offline', () => {
  it('the network hook records a fetch made from a worker thread (the probe the next test relies on)', async () => {
    const { network } = await child({ PROBE: '1' });
    expect(network.some((l) => l.includes('fetch http://example.invalid/x'))).toBe(true);
  }, 60_000);

  it('starts the engine and reads a document without any network request, and caches nothing', async () => {
    const { out, network } = await child({});
    expect(network).toEqual([]);
    const r = out as { ok: boolean; lines: string[]; truth: string[] };
    expect(r.ok).toBe(true);
    expect(r.lines).toEqual(r.truth);
    // cacheMethod 'none': no traineddata copy lands in the cache folder (the wrong-model pitfall).
    expect(readdirSync(dir).filter((f) => f.endsWith('.traineddata'))).toEqual([]);
  }, 60_000);
});

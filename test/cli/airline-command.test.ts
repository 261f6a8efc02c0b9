import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { airlineCommand, airlineCommandWith } from '../../electron/cli/airline-command.ts';
import type { CliCommand } from '../../electron/cli/command.ts';

async function run(command: CliCommand, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += String(d)));
  stderr.on('data', (d) => (err += String(d)));
  const code = await command.run(argv, { stdout, stderr, stdin: new PassThrough() });
  return { code, out, err };
}

const bcbp = 'M1DESMARAIS/LUC       EABC123 YULFRAAC 0834 226F001A0025 100';

describe('passage airline', () => {
  it('decodes a BCBP string', async () => {
    const r = await run(airlineCommand, ['bcbp', 'decode', bcbp]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, data: { passengerName: 'DESMARAIS/LUC', legs: [{ operatingCarrierPNR: 'ABC123', seatNumber: '001A' }] } });
  });

  it('refuses text that is not a BCBP', async () => {
    const r = await run(airlineCommand, ['bcbp', 'decode', 'hello']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({ ok: false, error: 'not a format-M BCBP string' });
  });

  it('writes a PDF417 PNG', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'passage-airline-')), 'bp.png');
    const r = await run(airlineCommand, ['bcbp', 'png', bcbp, '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(1, 4).toString()).toBe('PNG');
  });

  it('compares an MRZ name with a booking name', async () => {
    const r = await run(airlineCommand, ['match', 'CHAN<<TAI<MAN<<<<', 'CHAN/TAIMAN MR']);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, result: { kind: 'match', reason: 'spacing' } });
  });

  it('runs the simulator, which answers on its URL until stopped', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (d) => (out += String(d)));
    let health: unknown = null;
    // The stop signal arrives once the URL is printed: ask the running simulator first.
    const command = airlineCommandWith(async () => {
      health = await (await fetch(`${(JSON.parse(out) as { url: string }).url}/v1/health`)).json();
    });
    const code = await command.run(['sim'], { stdout, stderr: new PassThrough(), stdin: new PassThrough() });
    expect(code).toBe(0);
    expect(health).toEqual({ ok: true });
  });

  it('prints usage for an unknown sub-command and options', async () => {
    expect((await run(airlineCommand, ['fly'])).code).toBe(2);
    expect((await run(airlineCommand, ['sim', '--speed', '3'])).code).toBe(2);
    expect((await run(airlineCommand, ['bcbp', 'png', bcbp])).code).toBe(2);
  });
});

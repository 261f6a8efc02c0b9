// `passage chip ...` in-process through the router with fake streams.
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.ts';

async function run(argv: string[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += String(d)));
  err.on('data', (d) => (stderr += String(d)));
  const code = await main(argv, { stdout: out, stderr: err, stdin: Object.assign(Readable.from([]), { isTTY: false }) });
  return { code, stdout, stderr };
}

const mrz = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<|L898902C36UTO7408122F1204159ZE184226B<<<<<10';

describe('passage chip keys', { timeout: 30_000 }, () => {
  it('prints the BAC keys of ICAO 9303-11 D.2 as uppercase hex', async () => {
    const r = await run(['chip', 'keys', '--mrz-info', 'L898902C<3,6908061,9406236']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ kSeed: '239AB9CB282DAF66231DC5A4DF6BFBAE', kEnc: 'AB94FDECF2674FDFB9B391F85D7F76F2', kMac: '7962D9ECE03D1ACD4C76089DCE131543' });
  });

  it('adds the PACE key with --pace (ICAO 9303-11 G.1, AES-128)', async () => {
    const r = await run(['chip', 'keys', '--mrz-info', 'T220001293,6408125,1010318', '--pace']);
    expect(JSON.parse(r.stdout).kPi).toBe('89DED1B26624EC1E634C1989302849DD');
  });

  it('refuses a key whose check digit is wrong, with exit status 2', async () => {
    const r = await run(['chip', 'keys', '--mrz-info', 'L898902C<4,6908061,9406236']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/document number: check digit/);
  });
});

describe('passage chip read --simulated', { timeout: 30_000 }, () => {
  it('reads a genuine emulated chip and reports it verified (exit 0)', async () => {
    const r = await run(['chip', 'read', '--simulated', 'genuine', '--mrz', mrz]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ kind: 'read', access: 'pace', verified: true, refusals: [], chipAuthentication: 'passed', activeAuthentication: 'passed', mrzMatchesPage: true });
    expect(json.mrz).toEqual(mrz.split('|'));
    expect(json.face).toMatchObject({ format: 'jpeg', width: 240, height: 320 });
  });

  it('reports an altered photo as not verified (exit 1)', async () => {
    const r = await run(['chip', 'read', '--simulated', 'altered-photo', '--mrz', mrz]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ verified: false, refusals: ['data-altered'] });
  });
});

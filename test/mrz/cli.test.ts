// `passage mrz ...` in-process through the router (fake streams), plus one real spawn of bin/passage.js.
import { spawnSync } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.ts';

const S1 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const S3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<20'];

async function run(argv: string[], stdin?: string, tty = false) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += String(d)));
  err.on('data', (d) => (stderr += String(d)));
  const input = Object.assign(Readable.from(stdin === undefined ? [] : [stdin]), { isTTY: tty });
  const code = await main(argv, { stdout: out, stderr: err, stdin: input });
  return { code, stdout, stderr };
}

describe('passage mrz parse', () => {
  it('prints the parse JSON and exits 0 for a valid MRZ given as arguments', async () => {
    const r = await run(['mrz', 'parse', '--now', '2026-11-28', ...S1]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ format: 'TD3', documentCode: 'P', issuer: 'UTO', documentNumber: 'L898902C3', nationality: 'UTO', birthDate: '1974-08-12', sex: 'F', expiryDate: '2012-04-15', expired: true, surname: 'ERIKSSON', givenNames: 'ANNA MARIA', optionalData: 'ZE184226B', nameChinese: null, valid: true, layoutVerified: true, corrections: [] });
    expect(json.checks).toHaveLength(5);
    expect(json.warnings.map((w: { code: string }) => w.code)).toContain('specimen-state');
  });

  it('reads lines from stdin and exits 1 when a check digit fails', async () => {
    const r = await run(['mrz', 'parse'], `${S3.join('\n')}\n`);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: false, documentNumber: 'L898902C3' });
  });

  it('--now decides expired', async () => {
    const r = await run(['mrz', 'parse', '--now=2010-01-01', ...S1]);
    expect(JSON.parse(r.stdout).expired).toBe(false);
  });

  it('--lenient repairs and reports corrections', async () => {
    const r = await run(['mrz', 'parse', '--lenient', S1[0]!, S1[1]!.replace('L898902C3', 'L8989O2C3')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).corrections).toEqual([{ line: 2, column: 6, from: 'O', to: '0', field: 'documentNumber', reason: 'check-digit', verified: true }]);
  });

  it('garbage prints ok:false with a reason and exits 1', async () => {
    const r = await run(['mrz', 'parse', 'hello']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'unrecognised-shape' }, valid: false });
  });

  it.each([
    [['mrz', 'parse', '--now', 'yesterday', ...S1]],
    [['mrz', 'parse', '--bogus', ...S1]],
    [['mrz', 'nope']],
    [['mrz']],
  ])('usage errors exit 2: %j', async (argv) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage|--now|unknown/);
    expect(r.stdout).toBe('');
  });

  it('no lines and an interactive stdin is a usage error', async () => {
    const r = await run(['mrz', 'parse'], undefined, true);
    expect(r.code).toBe(2);
  });

  it('--help prints the usage and exits 0', async () => {
    const r = await run(['mrz', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('passage mrz parse');
  });
});

describe('passage mrz format', () => {
  it('formats the JSON that parse printed back into the same lines', async () => {
    const parsed = await run(['mrz', 'parse', ...S1]);
    const r = await run(['mrz', 'format'], parsed.stdout);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${S1.join('\n')}\n`);
  });

  it('formats formatter input', async () => {
    const input = { format: 'TD1', documentCode: 'I', issuer: 'UTO', documentNumber: 'D23145890734', nationality: 'UTO', birthDate: '1934-07-12', sex: 'M', expiryDate: '950712', surname: 'STEVENSON', givenNames: 'PETER JOHN' };
    const r = await run(['mrz', 'format'], JSON.stringify(input));
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['I<UTOD23145890<7349<<<<<<<<<<<', '3407127M9507122UTO<<<<<<<<<<<2', 'STEVENSON<<PETER<JOHN<<<<<<<<<']);
  });

  it('exits 1 when the fields cannot be formatted, 2 for bad JSON or arguments', async () => {
    const bad = await run(['mrz', 'format'], JSON.stringify({ format: 'TD3', documentCode: 'P', documentNumber: 'TOO-LONG-NUMBER' }));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/outside|longer/);
    expect((await run(['mrz', 'format'], '{nope')).code).toBe(2);
    expect((await run(['mrz', 'format'], JSON.stringify({ format: 'XX' }))).code).toBe(2);
    expect((await run(['mrz', 'format', 'extra'], '{}')).code).toBe(2);
  });
});

describe('passage mrz ocr', () => {
  it('hands `mrz ocr` to the OCR command, which asks for its image', async () => {
    const r = await run(['mrz', 'ocr']);
    expect(r.code).toBe(2);
    // Only the OCR command says this; `mrz` itself would call `ocr` an unknown sub-command.
    expect(r.stderr).toMatch(/^passage mrz ocr: at least one IMAGE is needed\n\nusage: passage mrz ocr IMAGE\.\.\./);
    expect(r.stderr).not.toContain('unknown sub-command');
  });

  it('hands the OCR command its arguments: it reports the image it cannot read', async () => {
    const r = await run(['mrz', 'ocr', '/nonexistent/passport.png']);
    expect(r.stderr).toContain('passage mrz ocr: cannot read /nonexistent/passport.png');
    expect(r.code).not.toBe(0);
  });
});

describe('bin/passage.js', () => {
  it('runs `mrz parse` in a real process (lines on stdin) and exits with the validity status', () => {
    const bin = fileURLToPath(new URL('../../bin/passage.js', import.meta.url));
    const bad = spawnSync(process.execPath, [bin, 'mrz', 'parse'], { input: S3.join('\n'), encoding: 'utf8', timeout: 30_000 });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ valid: false, documentNumber: 'L898902C3' });
  });
});

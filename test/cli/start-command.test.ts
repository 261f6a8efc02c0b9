import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/main.ts';
import { findElectronBinary } from '../../electron/host/electron-binary.ts';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  return { streams: { stdout, stderr, stdin: new PassThrough() }, out: () => out, err: () => err };
}

describe('passage CLI', () => {
  it('lists its commands', async () => {
    const t = io();
    expect(await main(['--help'], t.streams)).toBe(0);
    for (const command of ['start', 'mrz', 'devices', 'sim']) expect(t.out()).toContain(`  ${command}`);
  });

  it('answers an unknown command with usage and status 2', async () => {
    const t = io();
    expect(await main(['launch'], t.streams)).toBe(2);
    expect(t.err()).toContain("unknown command 'launch'");
  });

  // Its first call loads the kiosk's whole start-up code, which takes seconds on a busy machine.
  it('refuses a bad port and an unknown option before starting anything', { timeout: 30_000 }, async () => {
    const a = io();
    expect(await main(['start', '--browser', '--port', 'eighty'], a.streams)).toBe(2);
    expect(a.err()).toContain('--port must be a port number');
    const b = io();
    expect(await main(['start', '--kiosk'], b.streams)).toBe(2);
    expect(b.err()).toContain('unknown option --kiosk');
  });

  it('refuses an invalid configuration file, naming the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-cli-'));
    const file = join(dir, 'kiosk.json');
    writeFileSync(file, JSON.stringify({ session: { idleTimeoutSeconds: 'long' } }));
    const t = io();
    expect(await main(['start', '--browser', '--config', file], t.streams)).toBe(2);
    expect(t.err()).toMatch(/'session\.idleTimeoutSeconds'/);
  });

  describe('start-up faults a person must fix: one `passage:` line naming the culprit, status 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-start-faults-'));
    /** Starts browser mode with `config` (OCR off, so no worker is needed) and returns status and stderr. */
    async function start(config: Record<string, unknown>, args: string[] = ['--port', '0']): Promise<{ status: number; err: string }> {
      const file = join(dir, `kiosk-${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(file, JSON.stringify({ dataDir: join(dir, 'data'), ocr: { enabled: false }, log: { level: 'silent' }, ...config }));
      const t = io();
      const status = await main(['start', '--browser', ...args, '--config', file], t.streams);
      return { status, err: t.err() };
    }
    // The UI is built on first start when its sources changed: that progress line is not part of the report.
    const oneLine = (err: string) => err.trim().split('\n').filter((line) => line !== 'building the kiosk UI…');

    it('a seed file that is missing or invalid', async () => {
      const missing = await start({ airport: { dcs: { simulator: { seedFile: join(dir, 'no-such-seed.json') } } } });
      expect(missing.status).toBe(2);
      expect(oneLine(missing.err)).toEqual([expect.stringMatching(/^passage: .*no-such-seed\.json: cannot read airline seed/)]);
      const bad = join(dir, 'bad-pms.json');
      writeFileSync(bad, '{"reservations": 7}');
      const invalid = await start({ hotel: { pms: { seedFile: bad } } });
      expect(invalid.status).toBe(2);
      expect(oneLine(invalid.err)).toEqual([expect.stringMatching(/^passage: .*bad-pms\.json/)]);
    });

    it('a data directory that cannot be created', async () => {
      const file = join(dir, 'a-file');
      writeFileSync(file, '');
      const r = await start({ dataDir: join(file, 'data') });
      expect(r.status).toBe(2);
      expect(oneLine(r.err)).toEqual([expect.stringMatching(/^passage: data directory .*a-file\/data: cannot create it \(ENOTDIR\)/)]);
    });

    it('a port already in use, and stops what it had started', async () => {
      const taken = createServer();
      await new Promise<void>((ready) => taken.listen(0, '127.0.0.1', ready));
      const port = (taken.address() as AddressInfo).port;
      try {
        const r = await start({}, ['--port', String(port)]);
        expect(r.status).toBe(2);
        expect(oneLine(r.err)).toEqual([`passage: port ${port} on 127.0.0.1 is already in use (another kiosk running? choose another port with --port or in the configuration)`]);
      } finally {
        taken.close();
      }
    });

    it('a missing OCR-B font, reported from the OCR worker', { timeout: 60_000 }, async () => {
      // A fontconfig configuration that knows no font directory: the machine's OCR-B is out of sight.
      const fonts = join(dir, 'fonts.conf');
      writeFileSync(fonts, '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><cachedir>' + join(dir, 'fc-cache') + '</cachedir></fontconfig>');
      const file = join(dir, 'ocr.json');
      writeFileSync(file, JSON.stringify({ dataDir: join(dir, 'data'), log: { level: 'silent' } }));
      const child = spawnSync(process.execPath, [join(import.meta.dirname, '../../bin/passage.js'), 'start', '--browser', '--port', '0', '--config', file], {
        env: { ...process.env, FONTCONFIG_FILE: fonts },
        encoding: 'utf8',
        timeout: 50_000,
      });
      expect(child.status, child.stderr).toBe(2);
      expect(oneLine(child.stderr)).toEqual([expect.stringMatching(/^passage: OCR: the font "OCR.B" is not installed \(Debian: apt install fonts-ocr-b\)/)]);
    });
  });

  it('refuses an unknown shell, --attach with other options, and Electron where its binary is missing', async () => {
    const a = io();
    expect(await main(['start', '--shell', 'firefox'], a.streams)).toBe(2);
    expect(a.err()).toContain("--shell is electron, chromium or none (--browser means none), not 'firefox'");
    const b = io();
    expect(await main(['start', '--attach', '/run/passage-page/page', '--port', '80'], b.streams)).toBe(2);
    expect(b.err()).toContain('--attach runs the Chromium shell alone and takes no other option');
    const c = io();
    expect(await main(['start', '--browser', '--shell', 'chromium'], c.streams)).toBe(2);
    if (findElectronBinary() === null) {
      const d = io();
      expect(await main(['start', '--shell', 'electron'], d.streams)).toBe(2);
      expect(d.err()).toContain('the Electron binary is not installed');
    }
  });

  it('refuses a second copy on the same data directory; the first hands its page address through --page-file only', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-second-copy-'));
    const config = join(dir, 'kiosk.json');
    const pageFile = join(dir, 'page');
    writeFileSync(config, JSON.stringify({ dataDir: join(dir, 'data'), services: [], verifyHolders: false, ocr: { enabled: false }, log: { level: 'silent' } }));
    const first = spawn(process.execPath, [join(import.meta.dirname, '../../bin/passage.js'), 'start', '--shell', 'none', '--port', '0', '--config', config, '--page-file', pageFile], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let out = '';
      first.stdout.on('data', (c) => (out += String(c)));
      await vi.waitFor(() => expect(out).toMatch(/at http:\/\/127\.0\.0\.1:\d+\/\n/), { timeout: 45_000 });
      expect(out).not.toContain('token');
      const page = JSON.parse(readFileSync(pageFile, 'utf8')) as { url: string };
      expect(page.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
      expect(statSync(pageFile).mode & 0o777).toBe(0o640);

      const second = io();
      expect(await main(['start', '--browser', '--port', '0', '--config', config], second.streams)).toBe(2);
      expect(second.err().trim()).toBe(`passage: another Passage kiosk (pid ${first.pid}) is already running on the data directory ${join(dir, 'data')}; stop it first (systemctl stop passage-host)`);
    } finally {
      const exited = new Promise((r) => first.once('exit', r));
      first.kill('SIGTERM');
      await exited;
    }
    expect(existsSync(pageFile)).toBe(false);
  });

  it('finds no Electron binary where it was never downloaded, so npm start falls back to browser mode', () => {
    expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: join(tmpdir(), 'no-electron-here') })).toBeNull();
  });
});

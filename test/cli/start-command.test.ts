import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.ts';
// `main` loads each command when it is run; loaded here, while the file is collected, the start command's
// large module graph is not loaded inside a test's time budget.
import '../../electron/cli/start-command.ts';
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

  it('refuses a bad port and an unknown option before starting anything', async () => {
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

  it('finds no Electron binary where it was never downloaded, so npm start falls back to browser mode', () => {
    expect(findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: join(tmpdir(), 'no-electron-here') })).toBeNull();
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.ts';
import { runSupervise } from '../../electron/cli/fleet/supervise-cli.ts';
import { verifyConfig } from '../../electron/fleet/signed-config.ts';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  return { streams: { stdout, stderr, stdin: new PassThrough() }, out: () => out, err: () => err };
}

describe('passage fleet', () => {
  it('answers a missing or unknown sub-command, and missing options, with usage and status 2', async () => {
    const a = io();
    expect(await main(['fleet'], a.streams)).toBe(2);
    expect(a.err()).toContain('which sub-command');
    const b = io();
    expect(await main(['fleet', 'launch'], b.streams)).toBe(2);
    const c = io();
    expect(await main(['fleet', 'sim', '--kiosks', '3'], c.streams)).toBe(2);
    expect(c.err()).toContain('--broker');
    const d = io();
    expect(await main(['fleet', 'sim', '--broker', 'mqtts://127.0.0.1:1', '--kiosks', '3'], d.streams)).toBe(2);
    expect(d.err()).toContain('needs --ca and --certs');
    const e = io();
    expect(await main(['fleet', 'console'], e.streams)).toBe(2);
  }, 20_000);

  it('signs a configuration that the kiosk verifies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-sign-'));
    const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    writeFileSync(join(dir, 'key.pem'), keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    writeFileSync(join(dir, 'keys.json'), JSON.stringify({ language: { default: 'en' } }));
    const t = io();
    expect(await main(['fleet', 'sign-config', '--key', join(dir, 'key.pem'), '--site', 's1', '--kiosks', 'k1,k2', join(dir, 'keys.json')], t.streams)).toBe(0);
    const signed = JSON.parse(t.out()) as { document: string; signature: string };
    const publicPem = keys.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(verifyConfig(signed, publicPem, { site: 's1', kioskId: 'k2', appliedIssuedAt: null })).toMatchObject({ ok: true, document: { kiosks: ['k1', 'k2'], config: { language: { default: 'en' } } } });
    const bad = io();
    writeFileSync(join(dir, 'list.json'), '[1]');
    expect(await main(['fleet', 'sign-config', '--key', join(dir, 'key.pem'), '--site', 's1', '--kiosks', 'k1', join(dir, 'list.json')], bad.streams)).toBe(1);
    expect(bad.err()).toContain('not a JSON object');
  }, 20_000);

  it('supervise starts the command again each time it ends, pausing longer after quick exits, until stopped', async () => {
    const t = io();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const running = runSupervise(['--', '--help'], t.streams, stopped);
    for (let i = 0; i < 400 && (t.err().match(/"restarting"/g) ?? []).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    stop();
    expect(await running).toBe(0);
    const restarts = t.err().split('\n').filter((l) => l.includes('"restarting"')).map((l) => JSON.parse(l) as { pauseMs: number; exitCode: number });
    expect(restarts.slice(0, 2).map((r) => r.pauseMs)).toEqual([1_000, 2_000]);
    expect(t.out().match(/usage: passage <command>/g)?.length).toBeGreaterThanOrEqual(2);
  }, 30_000);
});

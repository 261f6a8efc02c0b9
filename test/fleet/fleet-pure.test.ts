import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reconnectDelay } from '../../electron/fleet/backoff.ts';
import { kioskAcl, mosquittoConf, passwordFile, staffAcl } from '../../electron/fleet/broker-files.ts';
import { canonicalJson, configHash } from '../../electron/audit/config-hash.ts';
import { ConfigSlots } from '../../electron/fleet/config-slots.ts';
import { Outbox } from '../../electron/fleet/outbox.ts';
import { signConfig, verifyConfig } from '../../electron/fleet/signed-config.ts';
import { fleetSubscriptions, kioskTopics, parseTopic } from '../../electron/fleet/topics.ts';
import { parseConfig } from '../../electron/host/config.ts';
import { restartPause } from '../../electron/cli/fleet/supervise-cli.ts';

describe('topics', () => {
  it('builds one branch per site and kiosk and parses it back', () => {
    const t = kioskTopics('airport-t1', 'k-01');
    expect(t.state).toBe('passage/v1/airport-t1/k-01/state');
    expect(t.command('out-of-service')).toBe('passage/v1/airport-t1/k-01/cmd/out-of-service');
    expect(parseTopic(t.commandResult)).toEqual({ site: 'airport-t1', kioskId: 'k-01', kind: 'cmd-result' });
    expect(parseTopic('passage/v1/airport-t1/k-01/cmd/restart')).toEqual({ site: 'airport-t1', kioskId: 'k-01', kind: 'cmd', name: 'restart' });
    expect(fleetSubscriptions()).toEqual(['passage/v1/+/+/state', 'passage/v1/+/+/events', 'passage/v1/+/+/cmd-result']);
  });

  it('refuses ids that would be wildcards or extra levels, and foreign topics', () => {
    for (const bad of ['+', '#', 'a/b', '', 'x'.repeat(65)]) expect(() => kioskTopics('site', bad)).toThrow();
    expect(parseTopic('passage/v2/s/k/state')).toBeNull();
    expect(parseTopic('passage/v1/s/k/other')).toBeNull();
    expect(parseTopic('passage/v1/s/k/state/extra')).toBeNull();
  });
});

describe('outbox', () => {
  it('keeps messages in order until removed, and drops the oldest beyond its limit, counting them', () => {
    const box = new Outbox(2);
    const m = (n: number) => ({ topic: 't', payload: String(n) });
    const [a, b, c] = [m(1), m(2), m(3)];
    box.push(a);
    box.push(b);
    box.push(c);
    expect(box.size).toBe(2);
    expect(box.dropped).toBe(1);
    expect(box.peek()).toBe(b);
    box.remove(a); // already dropped: nothing happens
    expect(box.peek()).toBe(b);
    box.remove(b);
    expect(box.peek()).toBe(c);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new Outbox(0)).toThrow();
  });
});

describe('reconnect backoff', () => {
  it('doubles from the minimum up to the cap, with up to half of it random', () => {
    const range = { minMs: 1_000, maxMs: 8_000 };
    expect([0, 1, 2, 3, 4, 10].map((n) => reconnectDelay(n, range, () => 0))).toEqual([500, 1_000, 2_000, 4_000, 4_000, 4_000]);
    expect([0, 1, 2, 3, 4].map((n) => reconnectDelay(n, range, () => 0.999999))).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it('the supervisor pauses longer after each quick exit, and briefly after a long run', () => {
    expect([1, 2, 3, 10].map((n) => restartPause(100, n))).toEqual([1_000, 2_000, 4_000, 30_000]);
    expect(restartPause(60_000, 0)).toBe(500);
  });
});

describe('canonical JSON and the configuration hash', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(configHash({ a: 1, b: 2 })).toBe(configHash({ b: 2, a: 1 }));
    expect(configHash({ a: 1 })).not.toBe(configHash({ a: 2 }));
  });
});

describe('signed configuration', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ed = generateKeyPairSync('ed25519');
  const pem = (k: typeof ec) => ({
    priv: k.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    pub: k.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  });
  const doc = { v: 1 as const, site: 's1', kiosks: ['k1'], issuedAt: 1_000, config: { language: { default: 'en' } } };
  const target = { site: 's1', kioskId: 'k1', appliedIssuedAt: null };

  it('verifies with ECDSA P-256 and Ed25519 keys', () => {
    for (const keys of [pem(ec), pem(ed)]) expect(verifyConfig(signConfig(doc, keys.priv), keys.pub, target)).toEqual({ ok: true, document: doc });
  });

  it('refuses a signature by another key, a changed byte, an old document, another site and an unreadable key', () => {
    const keys = pem(ec);
    const signed = signConfig(doc, keys.priv);
    expect(verifyConfig(signed, pem(ed).pub, target)).toMatchObject({ ok: false, reason: expect.stringContaining('signature') });
    expect(verifyConfig({ ...signed, document: signed.document.replace('1000', '1001') }, keys.pub, target)).toMatchObject({ ok: false });
    expect(verifyConfig(signed, keys.pub, { ...target, appliedIssuedAt: 1_000 })).toMatchObject({ ok: false, reason: expect.stringContaining('not newer') });
    expect(verifyConfig(signed, keys.pub, { ...target, site: 's2' })).toMatchObject({ ok: false, reason: expect.stringContaining('site') });
    expect(verifyConfig(signed, 'not a key', target)).toMatchObject({ ok: false, reason: expect.stringContaining('public key') });
  });

  it('accepts a document for every kiosk of the site (*)', () => {
    const keys = pem(ec);
    expect(verifyConfig(signConfig({ ...doc, kiosks: ['*'] }, keys.priv), keys.pub, { ...target, kioskId: 'k9' })).toMatchObject({ ok: true });
  });
});

describe('configuration slots', () => {
  const slot = (id: string) => ({ commandId: id, document: JSON.stringify({ v: 1, site: 's', kiosks: ['k'], issuedAt: 1, config: { a: id } }), signature: 'x' });

  it('tries a staged configuration once, confirms it, and keeps it as current', async () => {
    const slots = new ConfigSlots(mkdtempSync(join(tmpdir(), 'slots-')));
    expect(await slots.boot()).toEqual({ document: null, trial: null, rolledBack: null });
    await slots.stage(slot('c1'));
    expect(await slots.boot()).toMatchObject({ document: { config: { a: 'c1' } }, trial: { commandId: 'c1' }, rolledBack: null });
    await slots.confirm();
    expect(await slots.boot()).toMatchObject({ document: { config: { a: 'c1' } }, trial: null, rolledBack: null });
  });

  it('goes back to the current configuration when a trial start never confirmed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slots-'));
    const slots = new ConfigSlots(dir);
    await slots.stage(slot('c1'));
    await slots.boot();
    await slots.confirm();
    await slots.stage(slot('c2'));
    await slots.boot(); // the start with c2 … never confirms
    expect(await slots.boot()).toMatchObject({ document: { config: { a: 'c1' } }, trial: null, rolledBack: { commandId: 'c2' } });
    expect(readdirSync(dir).sort()).toEqual(['config-current.json', 'config-rejected.json']);
  });
});

describe('broker files', () => {
  it('confines kiosks to their own id and gives commands to operators only', () => {
    expect(kioskAcl()).toContain('pattern write passage/v1/+/%u/state');
    expect(kioskAcl()).not.toMatch(/write .*cmd\/\+/);
    const acl = staffAcl([
      { user: 'ops', password: 'p', role: 'operator', sites: ['t1'] },
      { user: 'watch', password: 'p', role: 'viewer' },
    ]);
    expect(acl).toContain('user ops\ntopic read passage/v1/#\ntopic write passage/v1/t1/+/cmd/+');
    expect(acl.split('user watch')[1]).toBe('\ntopic read passage/v1/#\n');
  });

  it('writes mosquitto_passwd-compatible hashes and refuses a user name with a colon', () => {
    const line = passwordFile([{ user: 'ops', password: 'p', role: 'operator' }], (n) => Buffer.alloc(n, 1));
    expect(line).toMatch(/^ops:\$7\$101\$AQEBAQEBAQEBAQEB\$[A-Za-z0-9+/=]{88}\n$/);
    expect(() => passwordFile([{ user: 'a:b', password: 'p', role: 'viewer' }])).toThrow();
  });

  it('gives each listener its own authentication', () => {
    const conf = mosquittoConf({ kiosk: 1, staff: 2 }, { dir: '/d', caCert: 'ca', serverCert: 's', serverKey: 'k', kioskAcl: 'ka', staffAcl: 'sa', passwords: 'pw' });
    expect(conf).toMatch(/listener 1 127\.0\.0\.1[\s\S]*require_certificate true\nuse_identity_as_username true\nacl_file ka[\s\S]*listener 2 127\.0\.0\.1[\s\S]*password_file pw\nacl_file sa/);
  });
});

describe('fleet configuration key', () => {
  const fleet = { url: 'mqtts://broker:8883', site: 's1', kioskId: 'k1', caPath: 'ca', certPath: 'c', keyPath: 'k' };

  it('is optional and gives defaults', () => {
    expect(parseConfig({}).fleet).toBeUndefined();
    expect(parseConfig({ fleet }).fleet).toMatchObject({ keepAliveSeconds: 30, outboxLimit: 1_000 });
  });

  it('needs certificates for mqtts:// and refuses plain mqtt:// on a real kiosk', () => {
    expect(() => parseConfig({ fleet: { ...fleet, certPath: undefined } })).toThrow(/fleet.certPath/);
    expect(() => parseConfig({ mode: 'real', fleet: { url: 'mqtt://broker:1883', site: 's1', kioskId: 'k1' } })).toThrow(/mqtts:\/\/ only/);
    expect(parseConfig({ fleet: { url: 'mqtt://broker:1883', site: 's1', kioskId: 'k1' } }).fleet?.url).toBe('mqtt://broker:1883');
  });
});

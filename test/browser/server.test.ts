import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { z } from 'zod';
import { startBrowserServer, type BrowserServer } from '../../electron/browser/server.ts';
import { isLoopbackAddress, isLoopbackHost } from '../../electron/net/loopback.ts';
import type { HostMessage } from '../../electron/contract/index.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { Session } from '../../electron/session/session.ts';
import { systemClock } from '../../drivers/clock.ts';
import { simRoute } from '../../drivers/sim/sim-route.ts';

const token = 'per-launch-token-for-tests';
let server: BrowserServer;
let session: Session;
let received: unknown[];

beforeEach(async () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'passage-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  session = new Session({ defaultLanguage: 'en', idleTimeoutMs: 60_000, idleWarningMs: 10_000, mode: 'simulated' }, { clock: systemClock, logger: silentLogger() });
  received = [];
  const simRoutes = [
    simRoute({ method: 'POST', path: '/echo', body: z.strictObject({ mrz: z.array(z.string()).min(1) }), handle: (body) => { received.push(body); return { ok: true }; } }),
  ];
  server = await startBrowserServer({ host: { session, simRoutes }, port: 0, staticDir, logger: silentLogger(), token });
});

afterEach(async () => {
  session.dispose();
  await server.close();
});

function connect(query: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; first: HostMessage } | { refused: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws${query}`, { headers });
    ws.once('message', (data) => resolve({ ws, first: JSON.parse(String(data)) as HostMessage }));
    ws.once('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }));
    ws.once('error', (error) => (error.message.includes('403') ? resolve({ refused: 403 }) : reject(error)));
  });
}

function nextMessage(ws: WebSocket): Promise<HostMessage> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)) as HostMessage)));
}

function http(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('browser-mode WebSocket', () => {
  it('sends the session state to a client with the launch token', async () => {
    const result = await connect(`?token=${token}`);
    expect('ws' in result).toBe(true);
    if (!('ws' in result)) return;
    expect(result.first).toMatchObject({ type: 'state', state: { screen: { name: 'attract' }, language: 'en' } });
    result.ws.close();
  });

  it.each([
    ['no token', ''],
    ['a wrong token', '?token=guess'],
    ['a token one character short', `?token=${token.slice(0, -1)}`],
  ])('refuses a client with %s', async (_name, query) => {
    expect(await connect(query)).toEqual({ refused: 403 });
  });

  it('refuses a page from another origin even with the token', async () => {
    expect(await connect(`?token=${token}`, { origin: 'http://evil.example' })).toEqual({ refused: 403 });
  });

  it('runs valid commands and answers malformed ones with a rejection, leaving the session untouched', async () => {
    const result = await connect(`?token=${token}`);
    if (!('ws' in result)) throw new Error('refused');
    const { ws } = result;
    ws.send('{"type":"command","command":{"type":"launchMissiles"}}');
    const rejection = await nextMessage(ws);
    expect(rejection).toMatchObject({ type: 'rejected', reason: expect.stringContaining('command.type') });
    expect(session.state().screen.name).toBe('attract');

    ws.send(JSON.stringify({ type: 'command', command: { type: 'start' } }));
    const next = await nextMessage(ws);
    expect(next).toMatchObject({ type: 'state', state: { screen: { name: 'document' } } });
    ws.close();
  });
});

describe('browser-mode HTTP', () => {
  it('serves the UI with a content security policy', async () => {
    const res = await http('GET', '/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('kiosk');
  });

  it('refuses a request whose Host header is not loopback (DNS rebinding)', async () => {
    expect((await http('GET', '/', undefined, { host: `evil.example:${server.port}` })).status).toBe(403);
  });

  it('does not serve files outside the UI folder', async () => {
    expect((await http('GET', '/../../etc/passwd')).status).toBe(404);
    expect((await http('GET', '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  it('validates simulator bodies and names the bad field', async () => {
    const bad = await http('POST', '/sim/echo', JSON.stringify({ mrz: [] }), { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('mrz');
    const notJson = await http('POST', '/sim/echo', 'mrz=1', { 'content-type': 'application/json' });
    expect(notJson.status).toBe(400);
    const form = await http('POST', '/sim/echo', 'mrz=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(received).toEqual([]);
    const good = await http('POST', '/sim/echo', JSON.stringify({ mrz: ['A'] }), { 'content-type': 'application/json' });
    expect(good.status).toBe(200);
    expect(received).toEqual([{ mrz: ['A'] }]);
  });

  it('answers an unknown simulator route with 404', async () => {
    expect((await http('POST', '/sim/nothing', '{}', { 'content-type': 'application/json' })).status).toBe(404);
  });
});

describe('loopback checks', () => {
  it('recognises loopback peers only', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.1', 'fe80::1', undefined]) expect(isLoopbackAddress(a), String(a)).toBe(false);
  });

  it('accepts only loopback Host headers for its own port', () => {
    expect(isLoopbackHost('127.0.0.1:8080', 8080)).toBe(true);
    expect(isLoopbackHost('localhost:8080', 8080)).toBe(true);
    expect(isLoopbackHost('127.0.0.1:8081', 8080)).toBe(false);
    expect(isLoopbackHost('kiosk.example:8080', 8080)).toBe(false);
    expect(isLoopbackHost(undefined, 8080)).toBe(false);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpDcs, type HttpDcs } from '../../electron/airline/http-dcs.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { ManualClock } from '../support/clock.ts';
import { until } from '../platform/support.ts';

/** A DCS that answers 503 to every call while `down`, and its health call with `{ ok: !down }`; it logs each request. */
let down = true;
let requests: { path: string; at: number }[];
let server: Server;
let url: string;
let clock: ManualClock;
let dcs: HttpDcs;

beforeEach(async () => {
  down = true;
  requests = [];
  clock = new ManualClock();
  server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', at: clock.now() });
    req.resume();
    if (req.url === '/v1/health') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: !down }));
    if (down) return void res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"code":"unavailable","message":"down"}}');
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"booking-not-found","message":"no"}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  dcs.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const query = { kind: 'pnr', pnr: 'ANNA74', surname: 'ERIKSSON' } as const;

describe('DCS client: backoff and circuit breaker', () => {
  it('waits between retries, twice as long each time', async () => {
    dcs = createHttpDcs({ baseUrl: url, timeoutMs: 2000, retries: 2, retryDelayMs: 500, breaker: { failureThreshold: 10, openMs: 10_000, maxOpenMs: 40_000 }, clock, logger: silentLogger() });
    const result = dcs.findBookings(query);
    await until(() => requests.length === 1 && clock.pending === 1, 'the first attempt and its retry timer');
    clock.advance(499);
    expect(requests).toHaveLength(1);
    clock.advance(1);
    await until(() => requests.length === 2 && clock.pending === 1, 'the second attempt');
    clock.advance(999);
    expect(requests).toHaveLength(2);
    clock.advance(1);
    expect(await result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(requests.map((r) => r.at - (requests[0] as { at: number }).at)).toEqual([0, 500, 1500]);
  });

  it('opens after the threshold: no request goes out until a health probe succeeds', async () => {
    dcs = createHttpDcs({ baseUrl: url, timeoutMs: 2000, retries: 0, breaker: { failureThreshold: 3, openMs: 10_000, maxOpenMs: 40_000 }, clock, logger: silentLogger() });
    for (let i = 0; i < 3; i++) expect(await dcs.findBookings(query)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(dcs.breakerState().state).toBe('open');
    // Open: travellers get an answer at once and the DCS gets nothing, however many ask.
    for (let i = 0; i < 20; i++) expect(await dcs.findBookings(query)).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/circuit open/) } });
    expect(requests).toHaveLength(3);
    // The probe after openMs finds the DCS still down: the next waits twice as long.
    clock.advance(10_000);
    await until(() => requests.length === 4 && dcs.breakerState().state === 'open', 'the first probe');
    expect(requests[3]?.path).toBe('/v1/health');
    down = false;
    clock.advance(19_999);
    expect(requests).toHaveLength(4);
    clock.advance(1);
    await until(() => dcs.breakerState().state === 'closed', 'the second probe closing the circuit');
    expect(requests).toHaveLength(5);
    expect(await dcs.findBookings(query)).toMatchObject({ ok: false, error: { code: 'booking-not-found' } });
    expect(requests).toHaveLength(6);
  });

  it('a business refusal is an answer: it does not count towards opening the circuit', async () => {
    down = false;
    dcs = createHttpDcs({ baseUrl: url, timeoutMs: 2000, retries: 0, breaker: { failureThreshold: 2, openMs: 10_000, maxOpenMs: 40_000 }, clock, logger: silentLogger() });
    for (let i = 0; i < 5; i++) await dcs.findBookings(query);
    expect(dcs.breakerState()).toEqual({ state: 'closed', failures: 0 });
  });
});

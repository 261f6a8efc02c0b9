import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpDcs } from '../../electron/airline/http-dcs.ts';
import { airlineSimRoutes } from '../../electron/airline/sim/sim-routes.ts';
import { startAirlineSimulator, type RunningAirlineSimulator } from '../../electron/airline/sim/start-simulator.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import { contractStart } from './airline-dcs.contract.ts';
import { travellers } from './travellers.ts';

const logger = silentLogger();
const checkIn = { pnr: 'ANNA74', passengers: [{ passengerId: 'P1', document: travellers.anna, bags: 1 }], dangerousGoodsAcknowledged: true };

function route(routes: SimRoute[], method: string, path: string): SimRoute {
  const r = routes.find((x) => x.method === method && x.path === path);
  if (!r) throw new Error(`no route ${method} ${path}`);
  return r;
}

async function call(routes: SimRoute[], method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const r = route(routes, method, path);
  const parsed = r.body ? r.body.parse(body) : body;
  return r.handle(parsed);
}

describe('HTTP DCS adapter: transport failures and the simulator control routes', () => {
  let running: RunningAirlineSimulator;
  let routes: SimRoute[];
  beforeEach(async () => {
    running = await startAirlineSimulator({ now: () => contractStart, logger });
    routes = airlineSimRoutes(running.sim);
  });
  afterEach(async () => {
    await running.close();
  });

  it('reports a DCS that does not answer as timeout', async () => {
    await call(routes, 'POST', '/airline/hang', { on: true });
    const dcs = createHttpDcs({ baseUrl: running.url, timeoutMs: 50, retries: 0, logger });
    expect(await dcs.findBookings({ kind: 'pnr', pnr: 'ANNA74', surname: 'ERIKSSON' })).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('reports injected latency beyond the timeout as timeout', async () => {
    await call(routes, 'POST', '/airline/latency', { ms: 300 });
    const dcs = createHttpDcs({ baseUrl: running.url, timeoutMs: 30, retries: 0, logger });
    expect(await dcs.seatMap('ANNA74', 'S1')).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('reports a 5xx as unavailable', async () => {
    await call(routes, 'POST', '/airline/fail', { count: 1 });
    const dcs = createHttpDcs({ baseUrl: running.url, timeoutMs: 2000, retries: 0, logger });
    expect(await dcs.findBookings({ kind: 'pnr', pnr: 'ANNA74', surname: 'ERIKSSON' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('retries a failed check-in with the same idempotency key and checks in exactly once', async () => {
    await call(routes, 'POST', '/airline/fail', { count: 1, status: 502 });
    const dcs = createHttpDcs({ baseUrl: running.url, timeoutMs: 2000, retries: 1, logger });
    const r = await dcs.checkIn(checkIn, 'retry-key');
    expect(r.ok).toBe(true);
    const again = await dcs.checkIn(checkIn, 'retry-key');
    expect(again).toEqual(r);
    const state = (await call(routes, 'GET', '/airline/state')) as { bookings: { pnr: string; passengers: { bagsChecked: number }[] }[] };
    expect(state.bookings.find((b) => b.pnr === 'ANNA74')?.passengers[0]?.bagsChecked).toBe(1);
  });

  it('passes an injected typed refusal through', async () => {
    await call(routes, 'POST', '/airline/fail', { count: 1, status: 422, code: 'flight-cancelled' });
    const dcs = createHttpDcs({ baseUrl: running.url, timeoutMs: 2000, retries: 0, logger });
    expect(await dcs.checkIn(checkIn, 'k')).toMatchObject({ ok: false, error: { code: 'flight-cancelled' } });
    // The fault was for one request only.
    expect((await dcs.checkIn(checkIn, 'k')).ok).toBe(true);
  });

  it('reports a refused connection as unavailable', async () => {
    const url = running.url;
    await running.close();
    const dcs = createHttpDcs({ baseUrl: url, timeoutMs: 500, retries: 0, logger });
    expect(await dcs.findBookings({ kind: 'pnr', pnr: 'ANNA74', surname: 'ERIKSSON' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    running = await startAirlineSimulator({ now: () => contractStart, logger });
  });

  it('cancels a flight through the control API', async () => {
    await call(routes, 'POST', '/airline/flight-status', { flightId: 'UT801', status: 'cancelled' });
    const dcs = createHttpDcs({ baseUrl: running.url, timeoutMs: 2000, retries: 0, logger });
    expect(await dcs.checkIn(checkIn, 'k')).toMatchObject({ ok: false, error: { code: 'flight-cancelled' } });
    await expect(call(routes, 'POST', '/airline/flight-status', { flightId: 'XX1', status: 'cancelled' })).rejects.toThrow(/no flight/);
  });

  it('holds requests until released, then answers them; one whose client gave up meanwhile has no effect', async () => {
    type State = { hold: { held: boolean; waiting: number }; bookings: { pnr: string; passengers: { segments: { checkedIn: boolean }[] }[] }[] };
    const checkedIn = async () => ((await call(routes, 'GET', '/airline/state')) as State).bookings.find((b) => b.pnr === 'ANNA74')?.passengers[0]?.segments[0]?.checkedIn;
    const waiting = async () => ((await call(routes, 'GET', '/airline/hold')) as State['hold']).waiting;
    expect(await call(routes, 'POST', '/airline/hold', { hold: true })).toEqual({ held: true, waiting: 0 });

    const impatient = createHttpDcs({ baseUrl: running.url, timeoutMs: 50, retries: 0, logger });
    expect(await impatient.checkIn(checkIn, 'given-up')).toMatchObject({ ok: false, error: { code: 'timeout' } });
    await vi.waitFor(async () => expect(await waiting()).toBe(0));

    const dcs = createHttpDcs({ baseUrl: running.url, timeoutMs: 60_000, retries: 0, logger });
    let settled = false;
    const checking = dcs.checkIn(checkIn, 'held').finally(() => (settled = true));
    await vi.waitFor(async () => expect(await waiting()).toBe(1));
    expect((await fetch(`${running.url}/v1/health`)).status).toBe(200); // health checks are never held
    expect(settled).toBe(false);
    expect(await checkedIn()).toBe(false);
    expect(await call(routes, 'POST', '/airline/hold', { hold: false })).toEqual({ held: false, waiting: 0 });
    expect(await checking).toMatchObject({ ok: true });
    expect(await checkedIn()).toBe(true);
  });

  it('refuses a hold body that is not { hold: boolean }, and reset lets held requests go', async () => {
    expect(() => route(routes, 'POST', '/airline/hold').body?.parse({ on: true })).toThrow(/hold/);
    await call(routes, 'POST', '/airline/hold', { hold: true });
    const dcs = createHttpDcs({ baseUrl: running.url, timeoutMs: 60_000, retries: 0, logger });
    const finding = dcs.findBookings({ kind: 'pnr', pnr: 'ANNA74', surname: 'ERIKSSON' });
    await vi.waitFor(async () => expect(((await call(routes, 'GET', '/airline/hold')) as { waiting: number }).waiting).toBe(1));
    await call(routes, 'POST', '/airline/reset');
    expect(await finding).toMatchObject({ ok: true });
    expect(await call(routes, 'GET', '/airline/hold')).toEqual({ held: false, waiting: 0 });
  });

  it('reset restores the seed and clears faults', async () => {
    const dcs = createHttpDcs({ baseUrl: running.url, timeoutMs: 2000, retries: 0, logger });
    await dcs.checkIn(checkIn, 'k');
    await call(routes, 'POST', '/airline/latency', { ms: 5 });
    await call(routes, 'POST', '/airline/reset');
    const state = (await call(routes, 'GET', '/airline/state')) as { faults: { latencyMs: number }; bookings: { pnr: string; passengers: { segments: { checkedIn: boolean }[] }[] }[] };
    expect(state.faults.latencyMs).toBe(0);
    expect(state.bookings.find((b) => b.pnr === 'ANNA74')?.passengers[0]?.segments[0]?.checkedIn).toBe(false);
  });

  it('state shows attached APIS data with the document number masked', async () => {
    const dcs = createHttpDcs({ baseUrl: running.url, timeoutMs: 2000, retries: 0, logger });
    await dcs.checkIn(checkIn, 'k');
    const state = JSON.stringify(await call(routes, 'GET', '/airline/state'));
    expect(state).not.toContain('L898902C3');
    expect(state).toContain('L*****2C3');
  });

  it('rejects a check-in without an idempotency key at the HTTP layer', async () => {
    const res = await fetch(`${running.url}/v1/check-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(checkIn) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid-request' } });
  });
});

describe('HTTP DCS adapter: answers that break the API', () => {
  let server: ReturnType<typeof createServer>;
  let url: string;
  let reply: { status: number; body: string } = { status: 200, body: '{}' };
  let requests = 0;
  beforeEach(async () => {
    requests = 0;
    server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(reply.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    ['a body that is not JSON', 200, 'not json'],
    ['JSON of the wrong shape', 200, '{"bookings":[{"pnr":1}]}'],
    ['an error body of an unknown shape', 404, '{"message":"nope"}'],
  ])('reports %s as protocol-error', async (_what, status, body) => {
    reply = { status, body };
    const dcs = createHttpDcs({ baseUrl: url, timeoutMs: 2000, retries: 0, logger });
    expect(await dcs.findBookings({ kind: 'pnr', pnr: 'ANNA74', surname: 'ERIKSSON' })).toMatchObject({ ok: false, error: { code: 'protocol-error' } });
  });

  it('gives up after the configured retries and reports the last failure', async () => {
    reply = { status: 503, body: '{"error":{"code":"unavailable","message":"maintenance"}}' };
    const dcs = createHttpDcs({ baseUrl: url, timeoutMs: 2000, retries: 2, logger });
    expect(await dcs.findBookings({ kind: 'pnr', pnr: 'ANNA74', surname: 'ERIKSSON' })).toEqual({ ok: false, error: { code: 'unavailable', message: 'maintenance' } });
    expect(requests).toBe(3);
  });

  it('does not retry a business refusal', async () => {
    reply = { status: 404, body: '{"error":{"code":"booking-not-found","message":"no"}}' };
    const dcs = createHttpDcs({ baseUrl: url, timeoutMs: 2000, retries: 2, logger });
    expect(await dcs.findBookings({ kind: 'pnr', pnr: 'ANNA74', surname: 'ERIKSSON' })).toMatchObject({ ok: false, error: { code: 'booking-not-found' } });
    expect(requests).toBe(1);
  });

  it('sends the idempotency key and configured headers, and the request body as JSON', async () => {
    const seen: { url: string; headers: Record<string, string>; body: unknown }[] = [];
    const fakeFetch: typeof fetch = async (input, init) => {
      seen.push({ url: String(input), headers: init?.headers as Record<string, string>, body: JSON.parse(String(init?.body)) });
      return new Response(JSON.stringify({ error: { code: 'check-in-closed', message: 'closed', at: '2026-11-28T03:15:00.000Z' } }), { status: 422 });
    };
    const dcs = createHttpDcs({ baseUrl: `${url}/`, timeoutMs: 2000, retries: 0, logger, fetch: fakeFetch, headers: { authorization: 'Bearer k' } });
    expect(await dcs.checkIn(checkIn, 'idem-1')).toEqual({ ok: false, error: { code: 'check-in-closed', message: 'closed', at: '2026-11-28T03:15:00.000Z' } });
    expect(seen[0]?.url).toBe(`${url}/v1/check-in`);
    expect(seen[0]?.headers).toMatchObject({ 'idempotency-key': 'idem-1', authorization: 'Bearer k', 'content-type': 'application/json' });
    expect(seen[0]?.body).toMatchObject({ pnr: 'ANNA74', dangerousGoodsAcknowledged: true });
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdBody, holdRoutes, SimHold } from '../../drivers/sim/sim-hold.ts';
import { createSimHandler } from '../../electron/browser/sim-handler.ts';
import { silentLogger } from '../../electron/log/logger.ts';

/** Lets every promise callback that is ready run. */
const settle = () => new Promise((r) => setImmediate(r));

/** Starts `pass()` and records when (and how) it settles. */
function passing(hold: SimHold, signal?: AbortSignal) {
  const seen: { result: boolean | null } = { result: null };
  void hold.pass(signal).then((result) => (seen.result = result));
  return seen;
}

describe('SimHold', () => {
  it('lets requests through at once while nothing is held', async () => {
    const hold = new SimHold();
    const first = passing(hold);
    await settle();
    expect(first.result).toBe(true);
    expect(hold.state()).toEqual({ held: false, waiting: 0 });
  });

  it('keeps requests waiting while held, for as long as it takes, and lets them all go on release', async () => {
    const hold = new SimHold();
    expect(hold.set({ hold: true })).toEqual({ held: true, waiting: 0 });
    const first = passing(hold);
    const second = passing(hold);
    for (let i = 0; i < 20; i += 1) await settle();
    expect([first.result, second.result]).toEqual([null, null]);
    expect(hold.state()).toEqual({ held: true, waiting: 2 });
    expect(hold.set({ hold: false })).toEqual({ held: false, waiting: 0 });
    await settle();
    expect([first.result, second.result]).toEqual([true, true]);
    const after = passing(hold);
    await settle();
    expect(after.result).toBe(true);
  });

  it('releases only the requests waiting now when asked to, and holds the next one', async () => {
    const hold = new SimHold();
    hold.set({ hold: true });
    const first = passing(hold);
    expect(hold.set({ hold: true, releaseWaiting: true })).toEqual({ held: true, waiting: 0 });
    await settle();
    expect(first.result).toBe(true);
    const next = passing(hold);
    await settle();
    expect(next.result).toBeNull();
    expect(hold.state()).toEqual({ held: true, waiting: 1 });
    hold.set({ hold: true }); // holding again releases nothing
    await settle();
    expect(next.result).toBeNull();
    hold.set({ hold: false });
    await settle();
    expect(next.result).toBe(true);
  });

  it('lets a request whose caller gave up leave the gate, unreleased', async () => {
    const hold = new SimHold();
    hold.set({ hold: true });
    const controller = new AbortController();
    const given = passing(hold, controller.signal);
    const kept = passing(hold);
    expect(hold.state().waiting).toBe(2);
    controller.abort();
    await settle();
    expect(given.result).toBe(false);
    expect(hold.state()).toEqual({ held: true, waiting: 1 });
    hold.set({ hold: false });
    await settle();
    expect(kept.result).toBe(true);
    const late = passing(hold, controller.signal);
    await settle();
    expect(late.result).toBe(false);
  });
});

describe('hold control routes', () => {
  const hold = new SimHold();
  // The control API's own handler (validation, status codes) in front of the routes, on a loopback port.
  const handle = createSimHandler(holdRoutes('/thing', hold), silentLogger());
  let server: Server;
  beforeAll(async () => {
    server = createServer((req, res) => void handle(req, res, new URL(req.url ?? '/', 'http://127.0.0.1').pathname.slice('/sim'.length)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const request = async (method: 'GET' | 'POST', body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/sim/thing/hold`, {
      method,
      ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: body === undefined ? '' : JSON.stringify(body) } : {}),
    });
    return { status: res.status, json: (await res.json()) as unknown };
  };

  it('holds, releases what waits, and answers the state on POST and GET', async () => {
    expect(await request('POST', { hold: true })).toEqual({ status: 200, json: { held: true, waiting: 0 } });
    const waiting = passing(hold);
    expect(await request('GET')).toEqual({ status: 200, json: { held: true, waiting: 1 } });
    expect(await request('POST', { hold: true, releaseWaiting: true })).toEqual({ status: 200, json: { held: true, waiting: 0 } });
    await settle();
    expect(waiting.result).toBe(true);
    expect(await request('POST', { hold: false })).toEqual({ status: 200, json: { held: false, waiting: 0 } });
  });

  it.each([
    ['no body', undefined, 'hold'],
    ['a hold that is not a boolean', { hold: 'yes' }, 'hold'],
    ['releaseWaiting without a hold', { hold: false, releaseWaiting: true }, 'releaseWaiting'],
    ['an unknown key', { hold: true, forever: true }, 'forever'],
  ])('refuses %s with a 400 naming the field, and changes nothing', async (_name, body, field) => {
    hold.set({ hold: false });
    const answer = await request('POST', body);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.json)).toContain(field);
    expect(hold.state()).toEqual({ held: false, waiting: 0 });
  });

  it('has the schema the routes validate with', () => {
    expect(holdRoutes('/thing', hold).map((r) => [r.method, r.path, r.body === holdBody])).toEqual([
      ['POST', '/thing/hold', true],
      ['GET', '/thing/hold', false],
    ]);
  });
});

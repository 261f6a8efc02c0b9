import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { createPlatformClient } from '../../electron/platform/create-platform-client.ts';
import { platformConfigSchema } from '../../electron/platform/platform-config.ts';
import { fileSigner } from '../../electron/platform/signing.ts';
import type { SimRequestEvent } from '../../electron/platform/sim/platform-simulator.ts';
import { seedFileSchema } from '../../electron/platform/sim/seed-schema.ts';
import { paths } from '../../electron/platform/wire.ts';
import { platformSimRoutes } from '../../electron/platform/sim/platform-sim-routes.ts';
import { startPlatformSimulator, type StartedPlatformSimulator } from '../../electron/platform/sim/start-platform-simulator.ts';
import seedJson from '../../electron/platform/sim/seed.json' with { type: 'json' };
import { rawRequest, tempDir, until } from './support.ts';

const dir = tempDir();
let sim: StartedPlatformSimulator;
let routes: SimRoute[];

beforeAll(async () => {
  sim = await startPlatformSimulator({ dataDir: dir.path, logger: silentLogger() });
  routes = platformSimRoutes(sim.sim);
});
afterAll(async () => {
  await sim.close();
  dir.remove();
});

/** What the host's control API does: validate the body with the route's schema, then call it. */
async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ ok: true; value: any } | { ok: false; issues: string }> {
  const route = routes.find((r) => r.method === method && r.path === path);
  if (!route) throw new Error(`no route ${method} ${path}`);
  if (route.body) {
    const parsed = route.body.safeParse(body ?? {});
    if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => i.path.join('.')).join(',') };
    return { ok: true, value: await route.handle(parsed.data) };
  }
  return { ok: true, value: await route.handle(undefined) };
}

describe('platform simulator control routes', () => {
  it('sets, merges and clears faults', async () => {
    expect(await call('POST', '/platform/faults', { latencyMs: 250 })).toMatchObject({ ok: true, value: { faults: { latencyMs: 250, hang: false } } });
    expect(await call('POST', '/platform/faults', { hang: true, count: 2 })).toMatchObject({ ok: true, value: { faults: { latencyMs: 250, hang: true, count: 2 } } });
    expect(await call('POST', '/platform/faults/clear')).toMatchObject({ ok: true, value: { faults: { latencyMs: 0, hang: false, count: null } } });
  });

  it('refuses a fault body that is out of range or unknown, naming the field', async () => {
    expect(await call('POST', '/platform/faults', { errorRate: 1.5 })).toEqual({ ok: false, issues: 'errorRate' });
    expect(await call('POST', '/platform/faults', { explode: true })).toMatchObject({ ok: false });
  });

  it('lists the seeded identities with their MRZ and expected outcome', async () => {
    const result = await call('GET', '/platform/identities');
    if (!result.ok) throw new Error('should list');
    expect(result.value.identities).toHaveLength(seedJson.identities.length);
    expect(result.value.identities[0]).toEqual({ id: 'uto-specimen-match', outcome: 'MATCH', face: 'MATCH', documentType: 'P', issuer: 'UTO', documentNumber: 'L898902C3', mrz: seedJson.identities[0]!.mrz });
  });

  it('replaces the seed', async () => {
    const one = { identities: [seedJson.identities[1]] };
    expect(await call('POST', '/platform/seed', one)).toEqual({ ok: true, value: { identities: 1 } });
    expect(sim.sim.seed.identities.map((i) => i.id)).toEqual(['prc-passport-match']);
    expect(await call('POST', '/platform/seed', { identities: [] })).toMatchObject({ ok: false });
    expect(await call('POST', '/platform/seed', { identities: [seedJson.identities[0], seedJson.identities[0]] })).toEqual({ ok: false, issues: 'identities.1' });
  });

  it('reports the URL and the request count', async () => {
    expect(await call('GET', '/platform')).toMatchObject({ ok: true, value: { url: sim.url, requests: 0 } });
  });

  it('holds document requests until released, answering health checks meanwhile, and drops one given up while held', async () => {
    sim.sim.loadSeed(seedFileSchema.parse(seedJson));
    const client = await createPlatformClient(sim.connection(platformConfigSchema.parse({})), { logger: silentLogger() });
    const answered: SimRequestEvent[] = [];
    const unsubscribe = sim.sim.subscribe((e) => answered.push(e));
    try {
      expect(await call('POST', '/platform/hold', { hold: true })).toEqual({ ok: true, value: { held: true, waiting: 0 } });
      const specimen = seedFileSchema.parse(seedJson).identities[0]!.document;
      let settled = false;
      const verifying = client.verifyDocument(specimen).finally(() => (settled = true));
      await until(() => sim.sim.hold.state().waiting === 1, 'the request to wait');

      const read = (path: string) => readFileSync(path, 'utf8');
      const health = await rawRequest({
        url: sim.url,
        tls: { ca: read(sim.caPath), cert: read(sim.clientCertPath), key: read(sim.clientKeyPath) },
        signer: fileSigner('ecdsa-p256', sim.signingKeyIds['ecdsa-p256'], read(sim.signingKeyPaths['ecdsa-p256'])),
        method: 'GET',
        path: paths.health,
      });
      expect(health.status).toBe(200);
      expect(settled).toBe(false);
      expect(answered.map((e) => e.path)).toEqual([paths.health]);

      const abandoned = new AbortController();
      const givenUp = client.verifyDocument(specimen, { signal: abandoned.signal });
      await until(() => sim.sim.hold.state().waiting === 2, 'the second request to wait');
      abandoned.abort();
      await givenUp;
      await until(() => sim.sim.hold.state().waiting === 1, 'the given-up request to leave');

      expect(await call('GET', '/platform/hold')).toEqual({ ok: true, value: { held: true, waiting: 1 } });
      expect(await call('POST', '/platform/hold', { hold: false })).toEqual({ ok: true, value: { held: false, waiting: 0 } });
      expect(await verifying).toMatchObject({ outcome: 'verified' });
      expect(answered.map((e) => [e.path, e.answer])).toEqual([[paths.health, 200], [paths.verifyDocument, 200]]);
    } finally {
      unsubscribe();
      sim.sim.hold.set({ hold: false });
      await client.close?.();
    }
  });

  it('refuses a hold body that is not { hold: boolean }', async () => {
    expect(await call('POST', '/platform/hold', { hold: 'please' })).toEqual({ ok: false, issues: 'hold' });
    expect(await call('POST', '/platform/hold', {})).toEqual({ ok: false, issues: 'hold' });
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/log/logger.ts';
import { canonicalResponse } from '../../electron/platform/canonical.ts';
import { createPlatformClient } from '../../electron/platform/create-platform-client.ts';
import type { DocumentVerification, IdentityPlatform, PlatformStatus } from '../../electron/platform/identity-platform.ts';
import { platformConfigSchema, type PlatformConnection } from '../../electron/platform/platform-config.ts';
import { bodyDigest, fileSigner } from '../../electron/platform/signing.ts';
import { createCertificateAuthority, ecKeyPairPem } from '../../electron/platform/sim/dev-pki.ts';
import type { SimRequestEvent } from '../../electron/platform/sim/platform-simulator.ts';
import { startPlatformSimulator, type StartedPlatformSimulator } from '../../electron/platform/sim/start-platform-simulator.ts';
import { ManualClock } from '../support/clock.ts';
import { tempDir, until } from './support.ts';

const dir = tempDir();
const config = platformConfigSchema.parse({ timeouts: { connectMs: 1_000, totalMs: 4_000 }, breaker: { failureThreshold: 3, openMs: 10_000, maxOpenMs: 40_000 } });
const specimen = { documentType: 'P', documentNumber: 'L898902C3', issuer: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', birthDate: '1974-08-12', expiryDate: '2034-04-15' };
let sim: StartedPlatformSimulator;
let clock: ManualClock;
let events: SimRequestEvent[];
const clients: IdentityPlatform[] = [];

beforeAll(async () => {
  sim = await startPlatformSimulator({ dataDir: dir.path, logger: silentLogger() });
  sim.sim.subscribe((e) => events.push(e));
});

afterEach(async () => {
  sim.sim.clearFaults();
  for (const c of clients.splice(0)) await c.close?.();
});

afterAll(async () => {
  await sim.close();
  dir.remove();
});

/** A client on a manual clock that starts at the real time (the simulator checks timestamps on its own clock). */
async function client(overrides: Partial<PlatformConnection> = {}): Promise<IdentityPlatform> {
  clock = new ManualClock(Date.now());
  events = [];
  const platform = await createPlatformClient({ ...sim.connection(config), ...overrides }, { logger: silentLogger(), clock });
  clients.push(platform);
  return platform;
}

function neverVerified(result: DocumentVerification): void {
  expect(result.outcome).not.toBe('verified');
}

describe('HTTPS client: failures end as "could not verify", never verified', () => {
  it('maps a 5xx to server_error', async () => {
    const platform = await client();
    sim.sim.setFaults({ errorRate: 1 });
    const result = await platform.verifyDocument(specimen);
    expect(result).toMatchObject({ outcome: 'unavailable', reason: 'server_error', traveller: 'service_unavailable' });
    expect(events).toHaveLength(1); // no retry on an HTTP answer
  });

  it('maps a malformed (but signed) body to bad_response', async () => {
    const platform = await client();
    sim.sim.setFaults({ malformed: true });
    expect(await platform.verifyDocument(specimen)).toMatchObject({ outcome: 'unavailable', reason: 'bad_response' });
  });

  it('maps a MATCH with a signature that does not verify to bad_signature', async () => {
    const platform = await client();
    sim.sim.setFaults({ badSignature: true });
    const result = await platform.verifyDocument(specimen);
    expect(result).toMatchObject({ outcome: 'unavailable', reason: 'bad_signature' });
    expect(events[0]).toMatchObject({ answer: 200 }); // the platform did say MATCH; the client did not believe it
  });

  it('times out a platform that never answers, on the injected clock', async () => {
    const platform = await client();
    sim.sim.setFaults({ hang: true });
    const pending = platform.verifyDocument(specimen);
    await until(() => events.length === 1, 'the request to arrive');
    clock.advance(config.timeouts.totalMs);
    const result = await pending;
    expect(result).toMatchObject({ outcome: 'unavailable', reason: 'timeout' });
    expect(events).toHaveLength(1);
  });

  it('times out slow answers (added latency beyond the total time)', async () => {
    const slow = await startPlatformSimulator({ dataDir: dir.path, logger: silentLogger(), sleep: () => new Promise<void>(() => {}) });
    try {
      const platform = await client({ baseUrl: slow.url });
      slow.sim.setFaults({ latencyMs: 60_000 });
      let arrived = 0;
      slow.sim.subscribe(() => arrived++);
      const pending = platform.verifyDocument(specimen);
      await until(() => slow.sim.requestCount === 1, 'the request to arrive');
      clock.advance(config.timeouts.totalMs);
      expect(await pending).toMatchObject({ outcome: 'unavailable', reason: 'timeout' });
      expect(arrived).toBe(0); // never answered
    } finally {
      await slow.close();
    }
  });

  it('retries once, with the same idempotency key, after a connection reset, and then succeeds', async () => {
    const platform = await client();
    sim.sim.setFaults({ reset: true, count: 1 });
    const result = await platform.verifyDocument(specimen);
    expect(result).toMatchObject({ outcome: 'verified' });
    expect(events.map((e) => e.answer)).toEqual(['reset', 200]);
    expect(events[0]!.idempotencyKey).toBe(events[1]!.idempotencyKey);
    expect(events[0]!.idempotencyKey).toBe(result.requestId);
  });

  it('gives up after exactly one retry when the connection keeps being reset', async () => {
    const platform = await client();
    sim.sim.setFaults({ reset: true });
    expect(await platform.verifyDocument(specimen)).toMatchObject({ outcome: 'unavailable', reason: 'network' });
    expect(events.map((e) => e.answer)).toEqual(['reset', 'reset']);
  });

  it('fails with tls, without retrying, when the server certificate is from another CA', async () => {
    const foreign = await createCertificateAuthority('Some other CA');
    const caPath = `${dir.path}/foreign-ca.pem`;
    writeFileSync(caPath, foreign.certPem);
    const platform = await client({ caPath });
    const before = sim.sim.requestCount;
    expect(await platform.verifyDocument(specimen)).toMatchObject({ outcome: 'unavailable', reason: 'tls' });
    expect(sim.sim.requestCount).toBe(before);
  });

  it('ends as network, naming the client certificate as the likely cause, when the platform refuses it', async () => {
    const foreign = await createCertificateAuthority('Rogue CA');
    const { issueCertificate } = await import('../../electron/platform/sim/dev-pki.ts');
    const rogue = await issueCertificate(foreign, { kind: 'client', institution: 'Rogue', kioskId: 'kiosk-r' });
    writeFileSync(`${dir.path}/rogue.pem`, rogue.certPem);
    writeFileSync(`${dir.path}/rogue-key.pem`, rogue.keyPem, { mode: 0o600 });
    const platform = await client({ clientCertPath: `${dir.path}/rogue.pem`, clientKeyPath: `${dir.path}/rogue-key.pem` });
    const result = await platform.verifyDocument(specimen);
    expect(result).toMatchObject({ outcome: 'unavailable' });
    // TLS 1.3: the server closes after the handshake without an alert, so this cannot be told from a reset
    // for certain; the staff detail says what is likely.
    expect(result).toMatchObject({ reason: 'network', staffDetail: expect.stringContaining('client certificate') });
    neverVerified(result);
  });

  it('answers rejected, naming UNKNOWN_CLIENT, when its certificate is from the platform CA but not registered', async () => {
    const { issueCertificate } = await import('../../electron/platform/sim/dev-pki.ts');
    const ca = { certPem: readFileSync(sim.caPath, 'utf8'), keyPem: readFileSync(`${dir.path}/platform-sim/ca-key.pem`, 'utf8') };
    const stranger = await issueCertificate(ca, { kind: 'client', institution: 'Unregistered', kioskId: 'kiosk-u' });
    writeFileSync(`${dir.path}/stranger.pem`, stranger.certPem);
    writeFileSync(`${dir.path}/stranger-key.pem`, stranger.keyPem, { mode: 0o600 });
    const platform = await client({ clientCertPath: `${dir.path}/stranger.pem`, clientKeyPath: `${dir.path}/stranger-key.pem` });
    expect(await platform.verifyDocument(specimen)).toMatchObject({ outcome: 'unavailable', reason: 'rejected', staffDetail: expect.stringContaining('UNKNOWN_CLIENT') });
  });

  it('answers rejected when the kiosk clock is more than 5 minutes off, and does not count it as an outage', async () => {
    const platform = await client();
    clock.advance(6 * 60_000);
    for (let i = 0; i < config.breaker.failureThreshold + 1; i++) {
      expect(await platform.verifyDocument(specimen)).toMatchObject({ outcome: 'unavailable', reason: 'rejected', staffDetail: expect.stringMatching(/kiosk clock differs .*STALE_TIMESTAMP/) });
    }
    expect(platform.status()).toEqual({ state: 'available' });
  });

  it('aborts a hanging request when the caller aborts', async () => {
    const platform = await client();
    sim.sim.setFaults({ hang: true });
    const controller = new AbortController();
    const pending = platform.verifyDocument(specimen, { signal: controller.signal });
    await until(() => events.length === 1, 'the request to arrive');
    controller.abort();
    expect(await pending).toMatchObject({ outcome: 'unavailable', reason: 'aborted' });
  });

  it('does not send a face check without consent', async () => {
    const platform = await client();
    const before = sim.sim.requestCount;
    expect(await platform.verifyFace({ documentRef: 'dref_anything_0000', image: Uint8Array.from([0xff, 0xd8, 0xff, 0xd9, 0]), consent: false })).toMatchObject({ reason: 'CONSENT_REQUIRED' });
    expect(sim.sim.requestCount).toBe(before);
  });
});

describe('HTTPS client: a TLS endpoint that never completes the handshake', () => {
  let silent: TcpServer;
  const sockets = new Set<import('node:net').Socket>();
  beforeAll(async () => {
    silent = createTcpServer((socket) => sockets.add(socket)); // accepts TCP, never speaks TLS
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', () => done()));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((done) => silent.close(() => done()));
  });

  it('gives up after the connect timeout, retrying once', async () => {
    const address = silent.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const platform = await client({ baseUrl: `https://127.0.0.1:${address.port}` });
    let connections = 0;
    silent.on('connection', () => connections++);
    const pending = platform.verifyDocument(specimen);
    await until(() => connections === 1, 'the first connection');
    clock.advance(config.timeouts.connectMs);
    await until(() => connections === 2, 'the retry');
    clock.advance(config.timeouts.connectMs);
    expect(await pending).toMatchObject({ outcome: 'unavailable', reason: 'timeout' });
  });
});

describe('HTTPS client: answers that are not from the platform', () => {
  let server: HttpsServer;
  let reply: (nonce: string, body: string) => { status: number; headers: Record<string, string> };
  let replyBody = JSON.stringify({ result: 'MATCH', documentRef: 'dref_forged_000000' });
  let url: string;

  beforeAll(async () => {
    const read = (p: string) => readFileSync(p, 'utf8');
    const pki = `${dir.path}/platform-sim`;
    server = createHttpsServer({ key: read(`${pki}/server-key.pem`), cert: read(`${pki}/server.pem`), ca: read(`${pki}/ca.pem`), requestCert: true, rejectUnauthorized: true }, (req, res) => {
      req.resume();
      req.on('end', () => {
        const body = replyBody;
        const { status, headers } = reply(String(req.headers['x-passage-nonce']), body);
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(body);
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    url = `https://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  });

  const platformKey = () => fileSigner('ecdsa-p256', 'platform-sim.ecdsa', readFileSync(`${dir.path}/platform-sim/platform-ecdsa-key.pem`, 'utf8'));
  async function signedHeaders(signerKey: ReturnType<typeof platformKey>, nonce: string, body: string, timestamp: string, status = 200) {
    const digest = `sha-256=${bodyDigest('ecdsa-p256', Buffer.from(body))}`;
    const signature = await signerKey.sign(canonicalResponse({ status, requestNonce: nonce, timestamp, digest }));
    return { 'x-passage-timestamp': timestamp, 'x-passage-digest': digest, 'x-passage-key-id': signerKey.keyId, 'x-passage-signature-alg': 'ecdsa-p256-sha256', 'x-passage-signature': Buffer.from(signature).toString('base64') };
  }

  it('maps a signed 4xx without a protocol error body to bad_response', async () => {
    const nonce = 'fixed-nonce-for-test-0004';
    replyBody = '<html>Bad Request</html>';
    const headers = await signedHeaders(platformKey(), nonce, replyBody, new Date().toISOString(), 400);
    reply = () => ({ status: 400, headers });
    try {
      const platform = await createPlatformClient({ ...sim.connection(config), baseUrl: url }, { logger: silentLogger(), newNonce: () => nonce });
      clients.push(platform);
      expect(await platform.verifyDocument(specimen)).toMatchObject({ outcome: 'unavailable', reason: 'bad_response' });
    } finally {
      replyBody = JSON.stringify({ result: 'MATCH', documentRef: 'dref_forged_000000' });
    }
  });

  it('rejects an unsigned MATCH', async () => {
    reply = () => ({ status: 200, headers: {} });
    const platform = await client({ baseUrl: url });
    expect(await platform.verifyDocument(specimen)).toMatchObject({ outcome: 'unavailable', reason: 'bad_signature' });
  });

  it('rejects a MATCH signed with another key', async () => {
    const other = fileSigner('ecdsa-p256', 'platform-sim.ecdsa', ecKeyPairPem('prime256v1').privateKeyPem);
    const nonce = 'fixed-nonce-for-test-0001';
    const forged = await signedHeaders(other, nonce, JSON.stringify({ result: 'MATCH', documentRef: 'dref_forged_000000' }), new Date().toISOString());
    reply = () => ({ status: 200, headers: forged });
    const platform = await createPlatformClient({ ...sim.connection(config), baseUrl: url }, { logger: silentLogger(), newNonce: () => nonce });
    clients.push(platform);
    expect(await platform.verifyDocument(specimen)).toMatchObject({ outcome: 'unavailable', reason: 'bad_signature', staffDetail: expect.stringContaining('signature invalid') });
  });

  it('rejects a genuine platform MATCH replayed as the answer to another request (bound to the nonce)', async () => {
    const body = JSON.stringify({ result: 'MATCH', documentRef: 'dref_forged_000000' });
    const recorded = await signedHeaders(platformKey(), 'an-earlier-request-nonce', body, new Date().toISOString());
    reply = () => ({ status: 200, headers: recorded });
    const platform = await client({ baseUrl: url });
    expect(await platform.verifyDocument(specimen)).toMatchObject({ outcome: 'unavailable', reason: 'bad_signature' });
  });

  it('accepts a correctly signed answer from the same server (the checks above are what fail)', async () => {
    const nonce = 'fixed-nonce-for-test-0002';
    const body = JSON.stringify({ result: 'MATCH', documentRef: 'dref_forged_000000' });
    const good = await signedHeaders(platformKey(), nonce, body, new Date().toISOString());
    reply = () => ({ status: 200, headers: good });
    const platform = await createPlatformClient({ ...sim.connection(config), baseUrl: url }, { logger: silentLogger(), newNonce: () => nonce });
    clients.push(platform);
    expect(await platform.verifyDocument(specimen)).toMatchObject({ outcome: 'verified' });
  });

  it('refuses a correctly signed answer whose timestamp is more than 5 minutes old, as a clock problem', async () => {
    const nonce = 'fixed-nonce-for-test-0003';
    const body = JSON.stringify({ result: 'MATCH', documentRef: 'dref_forged_000000' });
    const stale = await signedHeaders(platformKey(), nonce, body, new Date(Date.now() - 6 * 60_000).toISOString());
    reply = () => ({ status: 200, headers: stale });
    const platform = await createPlatformClient({ ...sim.connection(config), baseUrl: url }, { logger: silentLogger(), newNonce: () => nonce });
    clients.push(platform);
    expect(await platform.verifyDocument(specimen)).toMatchObject({ outcome: 'unavailable', reason: 'rejected', staffDetail: expect.stringContaining('kiosk clock differs') });
  });
});

describe('HTTPS client: circuit breaker', () => {
  it('opens after repeated failures, answers circuit_open without asking, and closes after a successful probe', async () => {
    const platform = await client();
    const statuses: PlatformStatus[] = [];
    platform.subscribe?.((s) => statuses.push(s));
    sim.sim.setFaults({ errorRate: 1 });
    for (let i = 0; i < config.breaker.failureThreshold; i++) expect(await platform.verifyDocument(specimen)).toMatchObject({ reason: 'server_error' });
    expect(platform.status()).toMatchObject({ state: 'unavailable' });
    const asked = sim.sim.requestCount;
    expect(await platform.verifyDocument(specimen)).toMatchObject({ outcome: 'unavailable', reason: 'circuit_open' });
    expect(sim.sim.requestCount).toBe(asked);

    sim.sim.clearFaults();
    clock.advance(config.breaker.openMs);
    await until(() => platform.status().state === 'available', 'the probe to close the circuit');
    expect(events.at(-1)).toMatchObject({ path: '/v1/health', answer: 200 });
    expect(await platform.verifyDocument(specimen)).toMatchObject({ outcome: 'verified' });
    expect(statuses.map((s) => s.state)).toEqual(['unavailable', 'unavailable', 'available']);
  });

  it('stays open while probes fail, probing again after a doubled interval', async () => {
    const platform = await client();
    sim.sim.setFaults({ errorRate: 1 });
    for (let i = 0; i < config.breaker.failureThreshold; i++) await platform.verifyDocument(specimen);
    const probes = () => events.filter((e) => e.path === '/v1/health').length;
    clock.advance(config.breaker.openMs);
    // The failed probe is handled once the next one is the only timer, due at twice the interval (while the probe
    // is on its way, the timer pending is its deadline).
    await until(() => probes() === 1 && clock.pendingDelays().join() === String(2 * config.breaker.openMs), 'the first probe to fail');
    expect(platform.status().state).toBe('unavailable');
    clock.advance(config.breaker.openMs);
    expect(probes()).toBe(1); // the interval doubled
    sim.sim.clearFaults();
    clock.advance(config.breaker.openMs);
    await until(() => platform.status().state === 'available', 'the second probe to succeed');
    expect(probes()).toBe(2);
  });
});

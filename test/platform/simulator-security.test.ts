import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/log/logger.ts';
import { fileSigner } from '../../electron/platform/signing.ts';
import { createCertificateAuthority, ecKeyPairPem, issueCertificate, keyIds } from '../../electron/platform/sim/dev-pki.ts';
import { startPlatformSimulator, type StartedPlatformSimulator } from '../../electron/platform/sim/start-platform-simulator.ts';
import { paths } from '../../electron/platform/wire.ts';
import { rawRequest, tempDir, type RawRequestOptions } from './support.ts';
import { liveJpeg } from './identity-platform.contract.ts';

const dir = tempDir();
let sim: StartedPlatformSimulator;
let base: Pick<RawRequestOptions, 'url' | 'tls' | 'signer'>;
const specimen = { documentType: 'P', documentNumber: 'L898902C3', issuer: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', birthDate: '1974-08-12', expiryDate: '2034-04-15' };

beforeAll(async () => {
  sim = await startPlatformSimulator({ dataDir: dir.path, logger: silentLogger() });
  const read = (p: string) => readFileSync(p, 'utf8');
  base = {
    url: sim.url,
    tls: { ca: read(sim.caPath), cert: read(sim.clientCertPath), key: read(sim.clientKeyPath) },
    signer: fileSigner('ecdsa-p256', sim.signingKeyIds['ecdsa-p256'], read(sim.signingKeyPaths['ecdsa-p256'])),
  };
});

afterAll(async () => {
  await sim.close();
  dir.remove();
});

const errorCode = (json: unknown) => (json as { error?: { code?: string } }).error?.code;

describe('platform simulator: request authentication', () => {
  it('answers a correctly signed request', async () => {
    const res = await rawRequest({ ...base, path: paths.verifyDocument, body: specimen });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ result: 'MATCH' });
  });

  it('rejects a body changed after signing (digest no longer matches)', async () => {
    const res = await rawRequest({ ...base, path: paths.verifyDocument, body: specimen, sendBody: JSON.stringify({ ...specimen, birthDate: '1974-08-13' }) });
    expect([res.status, errorCode(res.json)]).toEqual([400, 'BAD_DIGEST']);
  });

  it('rejects a changed body whose digest was recomputed but whose signature was not', async () => {
    const res = await rawRequest({ ...base, path: paths.verifyDocument, body: specimen, sendBody: JSON.stringify({ ...specimen, birthDate: '1974-08-13' }), digestOfSentBody: true });
    expect([res.status, errorCode(res.json)]).toEqual([401, 'BAD_SIGNATURE']);
  });

  it('rejects a replayed nonce', async () => {
    const nonce = 'replayed-nonce-0123456789';
    expect((await rawRequest({ ...base, path: paths.verifyDocument, body: specimen, nonce })).status).toBe(200);
    const again = await rawRequest({ ...base, path: paths.verifyDocument, body: specimen, nonce });
    expect([again.status, errorCode(again.json)]).toEqual([409, 'REPLAYED_NONCE']);
  });

  it('rejects timestamps more than 5 minutes old or ahead', async () => {
    for (const offset of [-5 * 60_000 - 1_000, 5 * 60_000 + 1_000]) {
      const res = await rawRequest({ ...base, path: paths.verifyDocument, body: specimen, timestamp: new Date(Date.now() + offset).toISOString() });
      expect([res.status, errorCode(res.json)], `offset ${offset}`).toEqual([401, 'STALE_TIMESTAMP']);
    }
  });

  it('rejects a signature by a key not registered to this client certificate', async () => {
    const stranger = fileSigner('ecdsa-p256', keyIds.client['ecdsa-p256'], ecKeyPairPem('prime256v1').privateKeyPem);
    const res = await rawRequest({ ...base, signer: stranger, path: paths.verifyDocument, body: specimen });
    expect([res.status, errorCode(res.json)]).toEqual([401, 'BAD_SIGNATURE']);
  });

  it('rejects a client certificate from its own CA that was never registered', async () => {
    const ca = { certPem: readFileSync(`${dir.path}/platform-sim/ca.pem`, 'utf8'), keyPem: readFileSync(`${dir.path}/platform-sim/ca-key.pem`, 'utf8') };
    const other = await issueCertificate(ca, { kind: 'client', institution: 'Unregistered Hotel', kioskId: 'kiosk-x' });
    const res = await rawRequest({ ...base, tls: { ...base.tls, cert: other.certPem, key: other.keyPem }, path: paths.verifyDocument, body: specimen });
    expect([res.status, errorCode(res.json)]).toEqual([403, 'UNKNOWN_CLIENT']);
  });

  it('accepts a kiosk once registered, with its own certificate and signing key', async () => {
    const ca = { certPem: readFileSync(`${dir.path}/platform-sim/ca.pem`, 'utf8'), keyPem: readFileSync(`${dir.path}/platform-sim/ca-key.pem`, 'utf8') };
    const kiosk = await issueCertificate(ca, { kind: 'client', institution: 'Second Hotel', kioskId: 'kiosk-02' });
    const signing = ecKeyPairPem('prime256v1');
    sim.sim.registerClient(kiosk.certPem, [{ suite: 'ecdsa-p256', keyId: 'kiosk-02.ecdsa', publicKeyPem: signing.publicKeyPem }]);
    const res = await rawRequest({ ...base, tls: { ...base.tls, cert: kiosk.certPem, key: kiosk.keyPem }, signer: fileSigner('ecdsa-p256', 'kiosk-02.ecdsa', signing.privateKeyPem), path: paths.verifyDocument, body: specimen });
    expect(res.status).toBe(200);
  });

  it('refuses the TLS handshake for a client certificate from another CA', async () => {
    const foreign = await createCertificateAuthority('Foreign CA');
    const cert = await issueCertificate(foreign, { kind: 'client', institution: 'Elsewhere', kioskId: 'kiosk-f' });
    await expect(rawRequest({ ...base, tls: { ...base.tls, cert: cert.certPem, key: cert.keyPem }, path: paths.verifyDocument, body: specimen })).rejects.toThrow();
  });

  it('refuses the TLS handshake without a client certificate', async () => {
    await expect(rawRequest({ ...base, tls: { ca: base.tls.ca }, path: paths.verifyDocument, body: specimen })).rejects.toThrow();
  });

  it('answers an idempotent retry with the first answer, and refuses the key reused for another body', async () => {
    const idempotencyKey = 'idem-retry-test';
    const first = await rawRequest({ ...base, path: paths.verifyDocument, body: specimen, idempotencyKey });
    const retry = await rawRequest({ ...base, path: paths.verifyDocument, body: specimen, idempotencyKey });
    expect(retry.json).toEqual(first.json);
    const conflict = await rawRequest({ ...base, path: paths.verifyDocument, body: { ...specimen, surname: 'OTHER' }, idempotencyKey });
    expect([conflict.status, errorCode(conflict.json)]).toEqual([422, 'IDEMPOTENCY_CONFLICT']);
  });

  it('refuses a face check without consent, before looking at anything else', async () => {
    const res = await rawRequest({ ...base, path: paths.verifyFace, body: { documentRef: 'dref_whatever_000', consent: false, image: Buffer.from(liveJpeg).toString('base64') } });
    expect([res.status, errorCode(res.json)]).toEqual([403, 'CONSENT_REQUIRED']);
  });

  it('refuses a face image that is not JPEG-framed', async () => {
    const doc = await rawRequest({ ...base, path: paths.verifyDocument, body: specimen });
    const documentRef = (doc.json as { documentRef: string }).documentRef;
    const res = await rawRequest({ ...base, path: paths.verifyFace, body: { documentRef, consent: true, image: Buffer.from('not a jpeg at all').toString('base64') } });
    expect([res.status, errorCode(res.json)]).toEqual([400, 'INVALID_REQUEST']);
  });

  it('signs its answers, also its refusals', async () => {
    const res = await rawRequest({ ...base, path: '/v1/nowhere', body: {} });
    expect(res.status).toBe(404);
    expect(res.headers['x-passage-signature']).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(res.headers['x-passage-signature-alg']).toBe('ecdsa-p256-sha256');
  });
});

describe('platform simulator: development PKI', () => {
  it('reuses the PKI of an earlier start in the same data directory', async () => {
    const again = await startPlatformSimulator({ dataDir: dir.path, logger: silentLogger() });
    try {
      expect(sim.generatedPki).toBe(true);
      expect(again.generatedPki).toBe(false);
      expect(readFileSync(again.caPath, 'utf8')).toBe(base.tls.ca);
    } finally {
      await again.close();
    }
  });

  it('writes private keys readable by the owner only', async () => {
    const { statSync } = await import('node:fs');
    for (const file of ['ca-key.pem', 'server-key.pem', 'client-key.pem', 'client-sm2-key.pem', 'platform-ecdsa-key.pem', 'platform-sm2-key.pem']) {
      expect(statSync(`${dir.path}/platform-sim/${file}`).mode & 0o077, file).toBe(0);
    }
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { airlineConfigSchema } from '../../electron/airline/airline-config.ts';
import { createHttpDcs } from '../../electron/airline/http-dcs.ts';
import { hotelConfigSchema } from '../../electron/hotel/hotel-config.ts';
import { PmsHttp } from '../../electron/hotel/pms-http.ts';
import { PoliceHttp } from '../../electron/hotel/police-http.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { createBackendFetch, readCappedText, ResponseTooLarge } from '../../electron/net/backend-http.ts';
import { createCertificateAuthority, issueCertificate, type CertificateAuthority, type IssuedCertificate } from '../../electron/platform/sim/dev-pki.ts';
import { foreignRegistration } from '../hotel/registration-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'passage-backend-http-'));
const servers: Server[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A back-end that streams `total` bytes of JSON-ish filler without a length, counting what it got out. */
function floodingServer(total: number): { handler: RequestListener; written: () => number } {
  let written = 0;
  const handler: RequestListener = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const pump = () => {
      while (written < total) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('error', () => undefined);
    pump();
  };
  return { handler, written: () => written };
}

describe('response size caps: the body is streamed and the read stops past the cap', { timeout: 30_000 }, () => {
  it('stops reading a body without a length once it passes the cap', async () => {
    const flood = floodingServer(64 * 1024 * 1024);
    const port = await listen(createHttpServer(flood.handler));
    const response = await fetch(`http://127.0.0.1:${port}/`);
    await expect(readCappedText(response, 256 * 1024)).rejects.toThrow(ResponseTooLarge);
    // The server was cut off long before it sent its 64 MB.
    expect(flood.written()).toBeLessThan(16 * 1024 * 1024);
  });

  it('refuses a declared length above the cap without reading it', async () => {
    const port = await listen(createHttpServer((_req, res) => res.writeHead(200, { 'content-length': String(10_000_000) }).write('{')));
    await expect(readCappedText(await fetch(`http://127.0.0.1:${port}/`), 1024)).rejects.toThrow(/10000000 bytes, more than the 1024 accepted/);
  });

  it('the police client fails (and the outbox retries) on an oversized answer', async () => {
    const port = await listen(createHttpServer(floodingServer(8 * 1024 * 1024).handler));
    const police = new PoliceHttp({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 5000, hotelId: 'H', kioskId: 'K' });
    expect(await police.submit(foreignRegistration('reg-big'))).toMatchObject({ outcome: 'failed', error: { code: 'protocol', message: expect.stringMatching(/65536 bytes accepted/) } });
  });

  it('the PMS client answers protocol on an oversized answer', async () => {
    const port = await listen(createHttpServer(floodingServer(8 * 1024 * 1024).handler));
    const pms = new PmsHttp({ baseUrl: `http://127.0.0.1:${port}`, hotelId: 'H', timeoutMs: 5000, maxResponseBytes: 100_000 });
    expect(await pms.getReservation('R1')).toMatchObject({ ok: false, error: { code: 'protocol', message: expect.stringMatching(/100000 bytes accepted/) } });
  });

  it('the DCS client answers protocol-error on an oversized answer, without retrying it', async () => {
    let requests = 0;
    const flood = floodingServer(8 * 1024 * 1024);
    const port = await listen(createHttpServer((req, res) => (requests++, flood.handler(req, res))));
    const dcs = createHttpDcs({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 5000, retries: 2, logger: silentLogger(), maxResponseBytes: 100_000 });
    expect(await dcs.seatMap('PNR', 'S1')).toMatchObject({ ok: false, error: { code: 'protocol-error', message: expect.stringMatching(/100000 bytes accepted/) } });
    expect(requests).toBe(1);
    dcs.close();
  });
});

describe('https only for real back-ends', () => {
  it('refuses http for a real DCS, PMS or police gateway; simulated ones are loopback http', () => {
    expect(airlineConfigSchema.safeParse({ mode: 'real', baseUrl: 'http://dcs.example' }).error?.issues[0]?.message).toBe('a real DCS is reached over https only');
    const hotel = hotelConfigSchema.safeParse({ pms: { mode: 'real', baseUrl: 'http://pms.example' }, police: { mode: 'real', baseUrl: 'http://psb.example' }, outbox: { key: 'ab'.repeat(32) } });
    expect(hotel.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'pms.baseUrl: a real PMS is reached over https only',
      'police.baseUrl: a real police gateway is reached over https only',
    ]);
    expect(hotelConfigSchema.safeParse({ pms: { mode: 'real', baseUrl: 'https://pms.example' } }).success).toBe(true);
  });

  it('wants the client key with the client certificate', () => {
    expect(airlineConfigSchema.safeParse({ tls: { clientCertPath: '/etc/passage/dcs.pem' } }).error?.issues[0]?.message).toBe('clientCertPath and clientKey go together');
  });
});

describe('pinned CA and client certificate', { timeout: 30_000 }, () => {
  let ca: CertificateAuthority;
  let server: IssuedCertificate;
  let client: IssuedCertificate;
  const caPath = join(dir, 'backend-ca.pem');
  const certPath = join(dir, 'kiosk.pem');
  const keyPath = join(dir, 'kiosk-key.pem');

  beforeAll(async () => {
    ca = await createCertificateAuthority('Back-end test CA');
    server = await issueCertificate(ca, { kind: 'server', hosts: ['127.0.0.1'] });
    client = await issueCertificate(ca, { kind: 'client', institution: 'Test Hotel', kioskId: 'kiosk-t' });
    writeFileSync(caPath, ca.certPem);
    writeFileSync(certPath, client.certPem);
    writeFileSync(keyPath, client.keyPem, { mode: 0o600 });
  }, 30_000);

  /** An https back-end with a certificate from the private CA; with `mutual` it requires a client certificate from it. */
  async function backend(mutual: boolean): Promise<string> {
    const https = createHttpsServer({ cert: server.certPem, key: server.keyPem, ca: ca.certPem, requestCert: mutual, rejectUnauthorized: mutual }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    return `https://127.0.0.1:${await listen(https as unknown as Server)}`;
  }

  it('trusts a back-end whose certificate the pinned CA issued, and not without the pin', async () => {
    const url = await backend(false);
    const pinned = await createBackendFetch('test', { caPath });
    expect(await (await pinned.fetch(`${url}/v1/health`, {})).json()).toEqual({ ok: true });
    await pinned.close();
    const system = await createBackendFetch('test', {});
    await expect(system.fetch(`${url}/v1/health`, {})).rejects.toThrow();
  });

  it('presents the client certificate, its key read as a secret, to a back-end that requires one', async () => {
    const url = await backend(true);
    const anonymous = await createBackendFetch('test', { caPath });
    await expect(anonymous.fetch(`${url}/v1/health`, {})).rejects.toThrow();
    await anonymous.close();
    const mutual = await createBackendFetch('test', { caPath, clientCertPath: certPath, clientKey: { file: keyPath } });
    expect((await mutual.fetch(`${url}/v1/health`, {})).status).toBe(200);
    await mutual.close();
  });

  it('refuses a client key others may read, naming it', async () => {
    const open = join(dir, 'open-key.pem');
    writeFileSync(open, client.keyPem, { mode: 0o644 });
    await expect(createBackendFetch('airport.dcs', { caPath, clientCertPath: certPath, clientKey: { file: open } })).rejects.toThrow(/open-key\.pem: readable by others/);
  });
});

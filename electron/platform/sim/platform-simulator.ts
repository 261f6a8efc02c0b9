import { randomBytes, X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Logger } from '../../log/logger.ts';
import { canonicalRequest, canonicalResponse, headers as h, isFresh, maxClockSkewMs, parseTimestamp } from '../canonical.ts';
import { bodyDigest, digestName, fileSigner, keyVerifier, signatureAlgorithmName, suiteFromAlgorithmName, type SignatureSuite, type Signer, type Verifier } from '../signing.ts';
import { documentRequestBody, faceRequestBody, paths, type DocumentRequestBody, type DocumentResponseBody, type ErrorCode, type FaceResponseBody } from '../wire.ts';
import { keyIds, type DevPki } from './dev-pki.ts';
import { decideDocument, indexRecords } from './seed-decision.ts';
import type { SeedFile, SeedIdentity } from './seed-schema.ts';

/** Faults injected through the control API (docs/architecture.md "Simulation control"). */
export interface PlatformFaults {
  /** Added before every answer. */
  readonly latencyMs: number;
  /** Share of requests (0..1) answered 503. */
  readonly errorRate: number;
  /** Accept the request and never answer. */
  readonly hang: boolean;
  /** Answer 200 with a body that is not the protocol's JSON (still correctly signed). */
  readonly malformed: boolean;
  /** Answer with a signature that does not verify. */
  readonly badSignature: boolean;
  /** Drop the connection (TCP reset) instead of answering. */
  readonly reset: boolean;
  /** Apply the faults to this many more requests only, then clear them; null: until cleared. */
  readonly count: number | null;
}

export const noFaults: PlatformFaults = { latencyMs: 0, errorRate: 0, hang: false, malformed: false, badSignature: false, reset: false, count: null };

export interface SimRequestEvent {
  readonly path: string;
  readonly idempotencyKey: string | null;
  /** HTTP status answered, or the fault that replaced the answer. */
  readonly answer: number | 'hang' | 'reset';
  readonly error?: ErrorCode;
}

export interface PlatformSimulatorOptions {
  readonly pki: DevPki;
  readonly seed: SeedFile;
  readonly logger: Logger;
  /** The platform's clock: timestamp freshness and document expiry. */
  readonly now?: () => number;
  /** For the error rate. */
  readonly random?: () => number;
  /** For latency; tests inject one that resolves at once. */
  readonly sleep?: (ms: number) => Promise<void>;
}

interface KnownClient {
  readonly institution: string;
  readonly kioskId: string;
  readonly keys: ReadonlyMap<string, Verifier>;
}

const maxBodyBytes = 3 * 1024 * 1024;
const referenceLifetimeMs = 10 * 60_000;
const idempotencyLifetimeMs = 10 * 60_000;

/**
 * The identity platform's side of docs/platform-api.yaml, on loopback HTTPS with mutual TLS. It enforces what
 * a real platform would: client certificates from its CA and registered with it, request signatures by a key
 * registered to that certificate, timestamps within 5 minutes, single-use nonces, idempotency keys. It keeps
 * no face images (they are checked for JPEG framing and dropped) and logs request ids and outcomes only.
 */
export class PlatformSimulator {
  readonly #options: PlatformSimulatorOptions;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #clients = new Map<string, KnownClient>();
  readonly #platformSigners: Readonly<Record<SignatureSuite, Signer>>;
  readonly #nonces = new Map<string, number>();
  readonly #idempotent = new Map<string, { digest: string; status: number; body: unknown; expires: number }>();
  readonly #references = new Map<string, { identity: SeedIdentity; expires: number }>();
  readonly #listeners = new Set<(event: SimRequestEvent) => void>();
  readonly #hung = new Set<ServerResponse>();
  #records = new Map<string, SeedIdentity>();
  #seed: SeedFile;
  #faults: PlatformFaults = noFaults;
  #server: Server | null = null;
  #requests = 0;

  constructor(options: PlatformSimulatorOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => Date.now());
    this.#random = options.random ?? Math.random;
    this.#sleep = options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms)));
    this.#platformSigners = {
      'ecdsa-p256': fileSigner('ecdsa-p256', keyIds.platform['ecdsa-p256'], options.pki.platformEcdsaKey),
      sm2: fileSigner('sm2', keyIds.platform.sm2, options.pki.platformSm2Key),
    };
    this.registerClient(options.pki.clientCert, [
      { suite: 'ecdsa-p256', keyId: keyIds.client['ecdsa-p256'], publicKeyPem: new X509Certificate(options.pki.clientCert).publicKey.export({ format: 'pem', type: 'spki' }).toString() },
      { suite: 'sm2', keyId: keyIds.client.sm2, publicKeyPem: options.pki.clientSm2Public },
    ]);
    this.#seed = options.seed;
    this.loadSeed(options.seed);
  }

  /** Starts listening on loopback. Resolves with the base URL. */
  async listen(port = 0): Promise<string> {
    const { pki } = this.#options;
    const server = createServer(
      { key: pki.serverKey, cert: pki.serverCert, ca: pki.caCert, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
      (req, res) =>
        void this.#handle(req, res).catch((error: unknown) => {
          // A bug or a client that went away mid-body: never take the process down, never answer unsigned.
          this.#options.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'platform sim: request failed');
          res.destroy();
        }),
    );
    server.on('tlsClientError', (error) => this.#options.logger.info({ tls: (error as NodeJS.ErrnoException).code ?? error.message }, 'platform sim: TLS handshake refused'));
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(port, '127.0.0.1', () => done());
    });
    this.#server = server;
    return this.url;
  }

  get url(): string {
    const address = this.#server?.address();
    if (!address || typeof address === 'string') throw new Error('platform simulator is not listening');
    return `https://127.0.0.1:${address.port}`;
  }

  async close(): Promise<void> {
    for (const res of this.#hung) res.destroy();
    this.#hung.clear();
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }

  /** Accepts another kiosk: its client certificate (from the simulator's CA) and its signing keys. */
  registerClient(certPem: string, keys: readonly { suite: SignatureSuite; keyId: string; publicKeyPem: string }[]): void {
    const cert = new X509Certificate(certPem);
    const field = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(cert.subject)?.[1] ?? '';
    this.#clients.set(cert.fingerprint256, {
      institution: field('O'),
      kioskId: field('CN'),
      keys: new Map(keys.map((k) => [k.keyId, keyVerifier(k.suite, k.keyId, k.publicKeyPem)])),
    });
  }

  loadSeed(seed: SeedFile): void {
    this.#seed = seed;
    this.#records = indexRecords(seed.identities);
    this.#references.clear();
  }

  get seed(): SeedFile {
    return this.#seed;
  }

  setFaults(faults: Partial<PlatformFaults>): PlatformFaults {
    this.#faults = { ...this.#faults, ...faults };
    return this.#faults;
  }

  clearFaults(): PlatformFaults {
    this.#faults = noFaults;
    return this.#faults;
  }

  get faults(): PlatformFaults {
    return this.#faults;
  }

  get requestCount(): number {
    return this.#requests;
  }

  /** Every request the simulator received and how it was answered (tests wait on this). */
  subscribe(listener: (event: SimRequestEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.#requests++;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const idempotencyKey = header(req, h.idempotencyKey) ?? null;
    const emit = (answer: SimRequestEvent['answer'], error?: ErrorCode) => {
      for (const l of this.#listeners) l({ path, idempotencyKey, answer, ...(error ? { error } : {}) });
    };
    const nonce = header(req, h.nonce) ?? '';
    const suite = suiteFromAlgorithmName(header(req, h.algorithm) ?? '') ?? 'ecdsa-p256';

    const faults = this.#takeFaults();
    if (faults.reset) {
      req.socket.destroy();
      emit('reset');
      return;
    }
    if (faults.hang) {
      this.#hung.add(res);
      res.on('close', () => this.#hung.delete(res));
      emit('hang');
      return;
    }
    if (faults.latencyMs > 0) await this.#sleep(faults.latencyMs);

    const send = async (status: number, body: unknown, error?: ErrorCode) => {
      let text = JSON.stringify(body);
      if (faults.malformed) text = '{"result":"MATCH","documentRef":'; // cut off mid-value
      await this.#respond(res, status, text, nonce, suite, faults.badSignature);
      emit(status, error);
      this.#options.logger.info({ idempotencyKey, path, status, ...(error ? { error } : {}) }, 'platform sim: answered');
    };
    const refuse = (status: number, code: ErrorCode, message: string) => send(status, { error: { code, message } }, code);

    if (faults.errorRate > 0 && this.#random() < faults.errorRate) return refuse(503, 'UNAVAILABLE', 'injected fault: platform unavailable');

    const client = this.#clients.get((req.socket as TLSSocket).getPeerCertificate().fingerprint256 ?? '');
    if (!client) return refuse(403, 'UNKNOWN_CLIENT', 'client certificate is not registered with the platform');

    const body = await readBody(req);
    if (body === null) return refuse(400, 'INVALID_REQUEST', `body larger than ${maxBodyBytes} bytes`);

    const route = routeOf(req.method ?? '', path);
    if (!route) return refuse(404, 'NOT_FOUND', 'no such endpoint');

    const problem = this.#authenticate(req, client, path, body);
    if (problem) return refuse(problem.status, problem.code, problem.message);

    // Idempotency (draft-ietf-httpapi-idempotency-key-header): same key and body → the first answer again.
    const digest = bodyDigest('ecdsa-p256', body);
    this.#prune();
    if (route !== 'health') {
      if (!idempotencyKey) return refuse(400, 'INVALID_REQUEST', 'Idempotency-Key header missing');
      const earlier = this.#idempotent.get(idempotencyKey);
      if (earlier) {
        if (earlier.digest !== digest) return refuse(422, 'IDEMPOTENCY_CONFLICT', 'Idempotency-Key reused with a different body');
        return send(earlier.status, earlier.body);
      }
    }
    const answer = this.#answer(route, body);
    if (route !== 'health' && idempotencyKey) this.#idempotent.set(idempotencyKey, { digest, status: answer.status, body: answer.body, expires: this.#now() + idempotencyLifetimeMs });
    return send(answer.status, answer.body, answer.error);
  }

  #takeFaults(): PlatformFaults {
    const faults = this.#faults;
    if (faults.count !== null) this.#faults = faults.count <= 1 ? noFaults : { ...faults, count: faults.count - 1 };
    return faults;
  }

  #authenticate(req: IncomingMessage, client: KnownClient, path: string, body: Buffer): { status: number; code: ErrorCode; message: string } | null {
    const timestamp = header(req, h.timestamp);
    const nonce = header(req, h.nonce);
    const digest = header(req, h.digest);
    const keyId = header(req, h.keyId);
    const signature = header(req, h.signature);
    const suite = suiteFromAlgorithmName(header(req, h.algorithm) ?? '');
    if (!timestamp || !nonce || !digest || !keyId || !signature || !suite) return { status: 401, code: 'BAD_SIGNATURE', message: 'signature headers missing or algorithm unknown' };
    const at = parseTimestamp(timestamp);
    if (at === null || !isFresh(at, this.#now())) return { status: 401, code: 'STALE_TIMESTAMP', message: `timestamp more than ${maxClockSkewMs / 60_000} minutes from platform time` };
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) return { status: 400, code: 'INVALID_REQUEST', message: 'nonce must be 16–64 base64url characters' };
    const verifier = client.keys.get(keyId);
    if (!verifier || verifier.suite !== suite) return { status: 401, code: 'BAD_SIGNATURE', message: 'key id not registered for this client certificate and algorithm' };
    if (digest !== `${digestName[suite]}=${bodyDigest(suite, body)}`) return { status: 400, code: 'BAD_DIGEST', message: 'body digest does not match the body' };
    const data = canonicalRequest({ method: req.method ?? '', path, timestamp, nonce, idempotencyKey: header(req, h.idempotencyKey) ?? '', digest });
    if (!verifier.verify(data, Buffer.from(signature, 'base64'))) return { status: 401, code: 'BAD_SIGNATURE', message: 'request signature does not verify' };
    // Only authenticated nonces are remembered, so strangers cannot fill the cache.
    this.#prune();
    if (this.#nonces.has(nonce)) return { status: 409, code: 'REPLAYED_NONCE', message: 'nonce already used' };
    this.#nonces.set(nonce, at + 2 * maxClockSkewMs);
    return null;
  }

  #answer(route: Route, body: Buffer): { status: number; body: unknown; error?: ErrorCode } {
    if (route === 'health') return { status: 200, body: { status: 'ok' } };
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return invalid('body is not JSON');
    }
    if (route === 'document') {
      const parsed = documentRequestBody.safeParse(json);
      if (!parsed.success) return invalid(`invalid ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
      return { status: 200, body: this.#decideDocument(parsed.data) };
    }
    // Face: consent is checked before anything else about the request (docs/china-rules.md §3).
    if (typeof json === 'object' && json !== null && (json as { consent?: unknown }).consent !== true) {
      return { status: 403, body: { error: { code: 'CONSENT_REQUIRED', message: 'a face check needs the explicit consent of the traveller' } }, error: 'CONSENT_REQUIRED' };
    }
    const parsed = faceRequestBody.safeParse(json);
    if (!parsed.success) return invalid(`invalid ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    const image = Buffer.from(parsed.data.image, 'base64');
    // JPEG framing: SOI FF D8 … EOI FF D9 (ITU T.81 B.1.1.2). The image is dropped right here.
    if (!(image.length > 4 && image[0] === 0xff && image[1] === 0xd8 && image.at(-2) === 0xff && image.at(-1) === 0xd9)) return invalid('image is not a JPEG');
    const reference = this.#references.get(parsed.data.documentRef);
    if (!reference) return { status: 404, body: { error: { code: 'UNKNOWN_REFERENCE', message: 'document reference unknown or expired' } }, error: 'UNKNOWN_REFERENCE' };
    const face: FaceResponseBody = { result: reference.identity.face.result, score: reference.identity.face.score };
    return { status: 200, body: face };
  }

  #decideDocument(r: DocumentRequestBody): DocumentResponseBody {
    const decision = decideDocument(this.#records, r, new Date(this.#now()).toISOString().slice(0, 10));
    if (decision.result !== 'MATCH') return decision;
    const documentRef = `dref_${randomBytes(18).toString('base64url')}`;
    this.#references.set(documentRef, { identity: decision.identity, expires: this.#now() + referenceLifetimeMs });
    return { result: 'MATCH', documentRef };
  }

  async #respond(res: ServerResponse, status: number, text: string, requestNonce: string, suite: SignatureSuite, corrupt: boolean): Promise<void> {
    const signer = this.#platformSigners[suite];
    const body = Buffer.from(text, 'utf8');
    const timestamp = new Date(this.#now()).toISOString();
    const digest = `${digestName[suite]}=${bodyDigest(suite, body)}`;
    const signature = Buffer.from(await signer.sign(canonicalResponse({ status, requestNonce, timestamp, digest })));
    if (corrupt) signature[signature.length - 3] = (signature[signature.length - 3] ?? 0) ^ 0x5a;
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': String(body.length),
      [h.timestamp]: timestamp,
      [h.digest]: digest,
      [h.keyId]: signer.keyId,
      [h.algorithm]: signatureAlgorithmName[suite],
      [h.signature]: signature.toString('base64'),
    });
    res.end(body);
  }

  #prune(): void {
    const now = this.#now();
    for (const [nonce, expires] of this.#nonces) if (expires < now) this.#nonces.delete(nonce);
    for (const [key, entry] of this.#idempotent) if (entry.expires < now) this.#idempotent.delete(key);
    for (const [ref, entry] of this.#references) if (entry.expires < now) this.#references.delete(ref);
  }
}

type Route = 'document' | 'face' | 'health';

function routeOf(method: string, path: string): Route | null {
  if (method === 'POST' && path === paths.verifyDocument) return 'document';
  if (method === 'POST' && path === paths.verifyFace) return 'face';
  if (method === 'GET' && path === paths.health) return 'health';
  return null;
}

function invalid(message: string): { status: number; body: unknown; error: ErrorCode } {
  return { status: 400, body: { error: { code: 'INVALID_REQUEST', message } }, error: 'INVALID_REQUEST' };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

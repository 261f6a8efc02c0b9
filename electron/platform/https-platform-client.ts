import { randomBytes, randomUUID } from 'node:crypto';
import type { Agent } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../log/logger.ts';
import type { Clock } from '../../drivers/clock.ts';
import { canonicalRequest, canonicalResponse, headers as h, isFresh, parseTimestamp } from './canonical.ts';
import { CircuitBreaker, type BreakerOptions, type BreakerState } from './circuit-breaker.ts';
import { exchange, type ExchangeResult } from './https-exchange.ts';
import type {
  CallOptions,
  DocumentVerification,
  DocumentVerificationRequest,
  FaceVerification,
  FaceVerificationRequest,
  IdentityPlatform,
  PlatformStatus,
  Unavailable,
  UnavailableReason,
} from './identity-platform.ts';
import { bodyDigest, digestName, signatureAlgorithmName, type Signer, type Verifier } from './signing.ts';
import {
  documentRequestBody,
  documentWireFields,
  documentResponseBody,
  errorResponseBody,
  faceRequestBody,
  faceResponseBody,
  healthResponseBody,
  paths,
  type ErrorResponseBody,
} from './wire.ts';

export interface HttpsPlatformClientDeps {
  readonly baseUrl: string;
  readonly agent: Agent;
  readonly signer: Signer;
  /** Checks the platform's response signatures; same suite as the signer. */
  readonly platformVerifier: Verifier;
  readonly timeouts: { readonly connectMs: number; readonly totalMs: number };
  readonly breaker: BreakerOptions;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Request ids / idempotency keys and nonces; injected so tests can replay them. */
  readonly newRequestId?: () => string;
  readonly newNonce?: () => string;
}

/** Failures that say something about the platform's health (they feed the circuit breaker). */
const platformFailures: ReadonlySet<UnavailableReason> = new Set(['timeout', 'network', 'server_error', 'bad_response', 'bad_signature', 'tls']);

type Answer = { readonly kind: 'answer'; readonly status: number; readonly json: unknown } | { readonly kind: 'unavailable'; readonly reason: UnavailableReason; readonly staffDetail: string };

/**
 * The real adapter: HTTPS with mutual TLS, signed requests, verified responses (docs/platform-api.yaml).
 * Never says `verified` unless a response with a valid platform signature, bound to this request's nonce,
 * says MATCH. One retry, with the same idempotency key, on network errors only, inside one overall deadline.
 */
export class HttpsPlatformClient implements IdentityPlatform {
  readonly #deps: HttpsPlatformClientDeps;
  readonly #breaker: CircuitBreaker;
  readonly #listeners = new Set<(status: PlatformStatus) => void>();
  readonly #newRequestId: () => string;
  readonly #newNonce: () => string;
  #closed = false;

  constructor(deps: HttpsPlatformClientDeps) {
    this.#deps = deps;
    this.#newRequestId = deps.newRequestId ?? (() => randomUUID());
    this.#newNonce = deps.newNonce ?? (() => randomBytes(16).toString('base64url'));
    this.#breaker = new CircuitBreaker(deps.breaker, deps.clock, () => this.#probe(), (state) => this.#changed(state));
  }

  async verifyDocument(request: DocumentVerificationRequest, options: CallOptions = {}): Promise<DocumentVerification> {
    const requestId = this.#newRequestId();
    const wire = documentRequestBody.safeParse(documentWireFields(request));
    if (!wire.success) {
      return this.#log('document', requestId, unavailable(requestId, 'rejected', `request not sent: invalid ${wire.error.issues.map((i) => i.path.join('.')).join(', ')}`));
    }
    const answer = await this.#call(paths.verifyDocument, wire.data, requestId, options.signal);
    if (answer.kind === 'unavailable') return this.#log('document', requestId, unavailable(requestId, answer.reason, answer.staffDetail));
    if (answer.status !== 200) return this.#log('document', requestId, this.#refusal(requestId, answer));
    const body = documentResponseBody.safeParse(answer.json);
    if (!body.success) return this.#log('document', requestId, this.#badResponse(requestId, 'document answer does not match the protocol'));
    this.#breaker.recordSuccess();
    const r = body.data;
    const result: DocumentVerification =
      r.result === 'MATCH'
        ? { outcome: 'verified', requestId, documentRef: r.documentRef }
        : r.result === 'MISMATCH'
          ? { outcome: 'not_verified', requestId, reason: 'MISMATCH', fields: r.fields, staffDetail: `platform: details differ (${r.fields.join(', ')})`, traveller: 'details_do_not_match' }
          : r.result === 'INVALIDATED'
            ? { outcome: 'not_verified', requestId, reason: 'INVALIDATED', invalidation: r.invalidation, staffDetail: `platform: document reported ${r.invalidation}`, traveller: 'document_not_accepted' }
            : r.result === 'EXPIRED'
              ? { outcome: 'not_verified', requestId, reason: 'EXPIRED', staffDetail: 'platform: document expired', traveller: 'document_not_accepted' }
              : { outcome: 'not_verified', requestId, reason: 'NOT_FOUND', staffDetail: 'platform: no such document on record', traveller: 'document_not_accepted' };
    return this.#log('document', requestId, result);
  }

  async verifyFace(request: FaceVerificationRequest, options: CallOptions = {}): Promise<FaceVerification> {
    const requestId = this.#newRequestId();
    if (request.consent !== true) {
      // docs/china-rules.md §3: face only with informed consent; the kiosk offers the staff desk instead. Nothing is sent.
      return this.#log('face', requestId, { outcome: 'not_verified', requestId, reason: 'CONSENT_REQUIRED', staffDetail: 'no consent to a face check: offer the staff desk', traveller: 'consent_required' });
    }
    if (!isJpeg(request.image)) return this.#log('face', requestId, unavailable(requestId, 'rejected', 'request not sent: the live image is not a JPEG'));
    const wire = faceRequestBody.safeParse({ documentRef: request.documentRef, consent: true, image: Buffer.from(request.image).toString('base64') });
    if (!wire.success) {
      return this.#log('face', requestId, unavailable(requestId, 'rejected', `request not sent: invalid ${wire.error.issues.map((i) => i.path.join('.')).join(', ')}`));
    }
    const answer = await this.#call(paths.verifyFace, wire.data, requestId, options.signal);
    if (answer.kind === 'unavailable') return this.#log('face', requestId, unavailable(requestId, answer.reason, answer.staffDetail));
    if (answer.status !== 200) {
      const error = parseError(answer.json);
      if (error?.error.code === 'CONSENT_REQUIRED' && answer.status === 403) {
        this.#breaker.recordSuccess();
        return this.#log('face', requestId, { outcome: 'not_verified', requestId, reason: 'CONSENT_REQUIRED', staffDetail: 'platform: consent required', traveller: 'consent_required' });
      }
      if (error?.error.code === 'UNKNOWN_REFERENCE' && answer.status === 404) {
        this.#breaker.recordSuccess();
        return this.#log('face', requestId, { outcome: 'not_verified', requestId, reason: 'UNKNOWN_REFERENCE', staffDetail: 'platform: document reference unknown or expired; verify the document again', traveller: 'service_unavailable' });
      }
      return this.#log('face', requestId, this.#refusal(requestId, answer));
    }
    const body = faceResponseBody.safeParse(answer.json);
    if (!body.success) return this.#log('face', requestId, this.#badResponse(requestId, 'face answer does not match the protocol'));
    this.#breaker.recordSuccess();
    const { result, score } = body.data;
    return this.#log(
      'face',
      requestId,
      result === 'MATCH'
        ? { outcome: 'verified', requestId, score }
        : { outcome: 'not_verified', requestId, reason: 'NO_MATCH', score, staffDetail: `platform: face does not match the document photo (score ${score.toFixed(2)})`, traveller: 'face_not_matched' },
    );
  }

  status(): PlatformStatus {
    return statusOf(this.#breaker.state, this.#closed);
  }

  subscribe(listener: (status: PlatformStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#breaker.close();
    this.#deps.agent.destroy();
    this.#emit();
  }

  /** One signed call with at most one retry on network errors; maps every failure to a reason. */
  async #call(path: string, body: unknown | null, requestId: string, signal: AbortSignal | undefined): Promise<Answer> {
    if (this.#closed) return { kind: 'unavailable', reason: 'closed', staffDetail: 'platform client closed' };
    if (!this.#breaker.allows()) return { kind: 'unavailable', reason: 'circuit_open', staffDetail: circuitDetail(this.#breaker.state) };
    const deadline = this.#deps.clock.now() + this.#deps.timeouts.totalMs;
    const answer = await this.#attempts(path, body, requestId, deadline, signal, 2);
    if (answer.kind === 'unavailable' && platformFailures.has(answer.reason)) this.#breaker.recordFailure(`${answer.reason}: ${answer.staffDetail}`);
    return answer;
  }

  async #attempts(path: string, body: unknown | null, requestId: string, deadline: number, signal: AbortSignal | undefined, attempts: number): Promise<Answer> {
    for (let attempt = 1; ; attempt++) {
      const bytes = body === null ? new Uint8Array(0) : new TextEncoder().encode(JSON.stringify(body));
      const nonce = this.#newNonce();
      const sent = await this.#send(path, body === null ? 'GET' : 'POST', bytes, requestId, nonce, deadline, signal);
      if (!sent.ok) {
        const retry = (sent.failure === 'network' || sent.failure === 'connect_timeout') && attempt < attempts && this.#deps.clock.now() < deadline;
        if (retry) {
          this.#deps.logger.info({ requestId, attempt, failure: sent.failure }, 'platform: retrying once with the same idempotency key');
          continue;
        }
        return { kind: 'unavailable', ...failureReason(sent.failure, sent.detail) };
      }
      return this.#answer(sent, nonce);
    }
  }

  async #send(path: string, method: 'GET' | 'POST', body: Uint8Array, requestId: string, nonce: string, deadline: number, signal: AbortSignal | undefined): Promise<ExchangeResult> {
    const { signer, clock } = this.#deps;
    const timestamp = new Date(clock.now()).toISOString();
    const digest = `${digestName[signer.suite]}=${bodyDigest(signer.suite, body)}`;
    const signature = await signer.sign(canonicalRequest({ method, path, timestamp, nonce, idempotencyKey: requestId, digest }));
    const headers: Record<string, string> = {
      [h.timestamp]: timestamp,
      [h.nonce]: nonce,
      [h.digest]: digest,
      [h.idempotencyKey]: requestId,
      [h.keyId]: signer.keyId,
      [h.algorithm]: signatureAlgorithmName[signer.suite],
      [h.signature]: Buffer.from(signature).toString('base64'),
      accept: 'application/json',
    };
    if (method === 'POST') headers['content-type'] = 'application/json';
    return exchange(this.#deps.agent, { url: new URL(path, this.#deps.baseUrl), method, headers, body }, { connectMs: this.#deps.timeouts.connectMs, deadline }, clock, signal);
  }

  /**
   * Signature first, then status, then JSON: an unsigned 500 is a bad signature, not a server error. An
   * authentic answer (valid signature over our nonce) with a timestamp more than 5 minutes off means the two
   * clocks disagree: refused too, but as `rejected` (fix the kiosk clock), not as a platform outage.
   */
  #answer(response: Extract<ExchangeResult, { ok: true }>, nonce: string): Answer {
    const check = this.#checkSignature(response.status, response.headers, response.body, nonce);
    if (check.problem === 'signature') return { kind: 'unavailable', reason: 'bad_signature', staffDetail: `response signature: ${check.detail} (HTTP ${response.status})` };
    if (check.problem === 'clock') {
      const error = parseError(safeJson(response.body));
      return { kind: 'unavailable', reason: 'rejected', staffDetail: `${check.detail}${error ? `; platform said HTTP ${response.status} ${error.error.code}` : ''}` };
    }
    if (response.status >= 500) {
      const error = parseError(safeJson(response.body));
      return { kind: 'unavailable', reason: 'server_error', staffDetail: `platform HTTP ${response.status}${error ? ` ${error.error.code}` : ''}` };
    }
    const json = safeJson(response.body);
    if (json === undefined) return { kind: 'unavailable', reason: 'bad_response', staffDetail: `response body is not JSON (HTTP ${response.status})` };
    return { kind: 'answer', status: response.status, json };
  }

  #checkSignature(status: number, headers: IncomingHttpHeaders, body: Buffer, nonce: string): { problem: null } | { problem: 'signature' | 'clock'; detail: string } {
    const { platformVerifier: verifier, clock } = this.#deps;
    const one = (name: string) => {
      const v = headers[name];
      return typeof v === 'string' ? v : undefined;
    };
    const bad = (detail: string) => ({ problem: 'signature' as const, detail });
    const timestamp = one(h.timestamp);
    const signature = one(h.signature);
    const digest = one(h.digest);
    if (!timestamp || !signature || !digest) return bad('missing');
    if (one(h.algorithm) !== signatureAlgorithmName[verifier.suite]) return bad(`algorithm '${one(h.algorithm) ?? ''}' is not ${signatureAlgorithmName[verifier.suite]}`);
    const expectedDigest = `${digestName[verifier.suite]}=${bodyDigest(verifier.suite, body)}`;
    if (digest !== expectedDigest) return bad('body digest does not match');
    const at = parseTimestamp(timestamp);
    if (at === null) return bad('timestamp malformed');
    const data = canonicalResponse({ status, requestNonce: nonce, timestamp, digest });
    if (!verifier.verify(data, Buffer.from(signature, 'base64'))) return bad('signature invalid');
    if (!isFresh(at, clock.now())) return { problem: 'clock', detail: `kiosk clock differs from platform time by ${Math.round((clock.now() - at) / 1000)} s (more than 5 minutes)` };
    return { problem: null };
  }

  #refusal(requestId: string, answer: Extract<Answer, { kind: 'answer' }>): Unavailable {
    const error = parseError(answer.json);
    if (!error) return this.#badResponse(requestId, `HTTP ${answer.status} without a protocol error body`);
    // The platform is up and talking; the request itself is wrong (clock, certificate, key, data).
    this.#breaker.recordSuccess();
    return unavailable(requestId, 'rejected', `platform refused the request: HTTP ${answer.status} ${error.error.code}`);
  }

  #badResponse(requestId: string, detail: string): Unavailable {
    this.#breaker.recordFailure(`bad_response: ${detail}`);
    return unavailable(requestId, 'bad_response', detail);
  }

  async #probe(): Promise<boolean> {
    const deadline = this.#deps.clock.now() + this.#deps.timeouts.totalMs;
    const answer = await this.#attempts(paths.health, null, this.#newRequestId(), deadline, undefined, 1);
    const ok = answer.kind === 'answer' && answer.status === 200 && healthResponseBody.safeParse(answer.json).success;
    this.#deps.logger.info({ probe: ok ? 'ok' : 'failed', ...(answer.kind === 'unavailable' ? { reason: answer.reason } : {}) }, 'platform: recovery probe');
    return ok;
  }

  #changed(state: BreakerState): void {
    if (state.state === 'open') this.#deps.logger.warn({ lastFailure: state.lastFailure }, 'platform: circuit open, not asking until a probe succeeds');
    if (state.state === 'closed') this.#deps.logger.info('platform: circuit closed');
    this.#emit();
  }

  #emit(): void {
    const status = this.status();
    for (const listener of this.#listeners) listener(status);
  }

  #log<T extends DocumentVerification | FaceVerification>(check: 'document' | 'face', requestId: string, result: T): T {
    // Request id and outcome only (privacy: logs carry no names or numbers). staffDetail never contains either.
    const reason = result.outcome === 'verified' ? undefined : result.reason;
    this.#deps.logger.info({ requestId, check, outcome: result.outcome, ...(reason ? { reason } : {}) }, 'platform: verification');
    return result;
  }
}

function unavailable(requestId: string, reason: UnavailableReason, staffDetail: string): Unavailable {
  return { outcome: 'unavailable', reason, staffDetail, traveller: 'service_unavailable', requestId };
}

function failureReason(failure: 'network' | 'connect_timeout' | 'timeout' | 'tls' | 'too_large' | 'aborted', detail: string): { reason: UnavailableReason; staffDetail: string } {
  switch (failure) {
    case 'connect_timeout':
      return { reason: 'timeout', staffDetail: detail };
    case 'timeout':
      return { reason: 'timeout', staffDetail: detail };
    case 'tls':
      return { reason: 'tls', staffDetail: `TLS failure (check CA and client certificate): ${detail}` };
    case 'too_large':
      return { reason: 'bad_response', staffDetail: detail };
    case 'aborted':
      return { reason: 'aborted', staffDetail: detail };
    case 'network':
      return { reason: 'network', staffDetail: `network failure after one retry: ${detail}` };
  }
}

function safeJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function parseError(json: unknown): ErrorResponseBody | null {
  const parsed = errorResponseBody.safeParse(json);
  return parsed.success ? parsed.data : null;
}

function isJpeg(image: Uint8Array): boolean {
  // JFIF/EXIF both start with SOI FF D8 and a marker FF xx (ITU T.81 B.1.1.2).
  return image.length > 4 && image[0] === 0xff && image[1] === 0xd8 && image[2] === 0xff;
}

function circuitDetail(state: BreakerState): string {
  return state.state === 'closed' ? 'circuit closed' : `platform unavailable since ${new Date(state.since).toISOString()} (last failure ${state.lastFailure}); probing for recovery`;
}

function statusOf(state: BreakerState, closed: boolean): PlatformStatus {
  if (closed) return { state: 'unavailable', reason: 'platform client closed', since: 0 };
  if (state.state === 'closed') return { state: 'available' };
  return { state: 'unavailable', reason: circuitDetail(state), since: state.since };
}

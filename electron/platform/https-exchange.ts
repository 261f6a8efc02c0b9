import { Agent, request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../../drivers/clock.ts';

/**
 * One HTTPS request/response with mutual TLS, bounded by a connect timeout and an overall deadline, both on
 * the injected clock. Never throws: every failure is a typed value the client maps to `unavailable`.
 */
export interface TlsMaterial {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

export interface ExchangeRequest {
  readonly url: URL;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

export type ExchangeResult =
  | { readonly ok: true; readonly status: number; readonly headers: IncomingHttpHeaders; readonly body: Buffer }
  | { readonly ok: false; readonly failure: ExchangeFailure; readonly detail: string };

/** `network` failures are the only ones worth one retry with the same idempotency key. */
export type ExchangeFailure = 'network' | 'connect_timeout' | 'timeout' | 'tls' | 'too_large' | 'aborted';

/** Responses are small JSON; anything bigger is not our platform. */
export const maxResponseBytes = 64 * 1024;

export function createAgent(tls: TlsMaterial): Agent {
  // No system CAs: only the configured CA may vouch for the platform. TLS 1.2 is the floor.
  return new Agent({ keepAlive: true, maxSockets: 4, ca: tls.ca, cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' });
}

const tlsErrorCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'EPROTO',
]);

export function classifyError(error: NodeJS.ErrnoException): ExchangeFailure {
  const code = error.code ?? '';
  if (tlsErrorCodes.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.includes('CERT')) return 'tls';
  return 'network';
}

export function exchange(
  agent: Agent,
  request: ExchangeRequest,
  limits: { readonly connectMs: number; readonly deadline: number },
  clock: Clock,
  signal?: AbortSignal,
): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    let settled = false;
    const timers: unknown[] = [];
    const finish = (result: ExchangeResult) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clock.clearTimeout(t);
      signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const fail = (failure: ExchangeFailure, detail: string) => {
      finish({ ok: false, failure, detail });
      req.destroy();
    };
    const onAbort = () => fail('aborted', 'the caller aborted the request');
    if (signal?.aborted) {
      resolve({ ok: false, failure: 'aborted', detail: 'the caller aborted the request' });
      return;
    }

    const remaining = limits.deadline - clock.now();
    if (remaining <= 0) {
      resolve({ ok: false, failure: 'timeout', detail: 'no time left for the request' });
      return;
    }
    const req = httpsRequest(request.url, {
      method: request.method,
      agent,
      headers: { ...request.headers, 'content-length': String(request.body.length) },
    });
    signal?.addEventListener('abort', onAbort);
    timers.push(clock.setTimeout(() => fail('timeout', `no complete response within the total time`), remaining));

    // With TLS 1.3 a server that refuses our client certificate completes the handshake from our side and
    // then just closes (Node sends no alert): remember that, so staff get the likely cause.
    let freshHandshake = false;
    let answered = false;
    req.on('socket', (socket) => {
      // A pooled socket is already connected; a new one must finish TCP + TLS within connectMs.
      if (!socket.connecting && !(socket as { pending?: boolean }).pending) return;
      const timer = clock.setTimeout(() => fail('connect_timeout', `TLS connection not established within ${limits.connectMs} ms`), limits.connectMs);
      timers.push(timer);
      socket.once('secureConnect', () => {
        clock.clearTimeout(timer);
        freshHandshake = true;
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      const failure = classifyError(error);
      const hint = failure === 'network' && freshHandshake && !answered ? ' (closed right after the TLS handshake: does the platform accept this kiosk\'s client certificate?)' : '';
      finish({ ok: false, failure, detail: `${error.code ?? 'error'}: ${error.message}${hint}` });
    });
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxResponseBytes) {
          fail('too_large', `response larger than ${maxResponseBytes} bytes`);
          res.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => finish({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, failure: 'network', detail: `response interrupted: ${error.code ?? error.message}` }));
      res.on('aborted', () => finish({ ok: false, failure: 'network', detail: 'response interrupted' }));
    });
    req.end(Buffer.from(request.body));
  });
}

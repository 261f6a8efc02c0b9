import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { canonicalRequest, headers as h } from '../../electron/platform/canonical.ts';
import { bodyDigest, digestName, signatureAlgorithmName, type Signer } from '../../electron/platform/signing.ts';

export function tempDir(prefix = 'passage-platform-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly json: unknown;
}

export interface RawRequestOptions {
  readonly url: string;
  readonly tls: { ca: string; cert?: string; key?: string };
  readonly signer: Signer;
  readonly method?: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
  readonly timestamp?: string;
  readonly nonce?: string;
  readonly idempotencyKey?: string;
  /** Replace the body after signing (the signature and digest still cover the original). */
  readonly sendBody?: string;
  /** Recompute the digest over `sendBody` but keep the old signature. */
  readonly digestOfSentBody?: boolean;
}

/** A hand-made signed request, so tests can break exactly one thing about it. */
export async function rawRequest(o: RawRequestOptions): Promise<RawResponse> {
  const method = o.method ?? 'POST';
  const signedBody = o.body === undefined ? '' : JSON.stringify(o.body);
  const sentBody = o.sendBody ?? signedBody;
  const timestamp = o.timestamp ?? new Date().toISOString();
  const nonce = o.nonce ?? `nonce${Math.random().toString(36).slice(2)}${Date.now()}`;
  const idempotencyKey = o.idempotencyKey ?? `idem-${nonce}`;
  const digestOf = (text: string) => `${digestName[o.signer.suite]}=${bodyDigest(o.signer.suite, Buffer.from(text))}`;
  const signature = await o.signer.sign(canonicalRequest({ method, path: o.path, timestamp, nonce, idempotencyKey, digest: digestOf(signedBody) }));
  const digest = digestOf(o.digestOfSentBody ? sentBody : signedBody);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(new URL(o.path, o.url), {
      method,
      ca: o.tls.ca,
      ...(o.tls.cert ? { cert: o.tls.cert, key: o.tls.key } : {}),
      agent: false,
      headers: {
        'content-type': 'application/json',
        [h.timestamp]: timestamp,
        [h.nonce]: nonce,
        [h.digest]: digest,
        [h.idempotencyKey]: idempotencyKey,
        [h.keyId]: o.signer.keyId,
        [h.algorithm]: signatureAlgorithmName[o.signer.suite],
        [h.signature]: Buffer.from(signature).toString('base64'),
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = text;
        try {
          json = JSON.parse(text);
        } catch {
          // keep the text
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
      });
    });
    req.end(sentBody);
  });
}

/** Resolves when `predicate` holds, polling the event loop (network I/O here is real, the clock is not). */
export async function until(predicate: () => boolean, what: string, limitMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * The strings that are signed (docs/platform.md "Signatures"; docs/platform-api.yaml `x-signature`). Pure.
 * Lines are joined with LF; no trailing LF. The request form binds method, path, time, nonce, idempotency key
 * and body; the response form binds the status and body to the request's nonce, so an old signed MATCH cannot
 * be replayed as the answer to a new request.
 */
export const requestPreamble = 'PASSAGE-PLATFORM-REQUEST-V1';
export const responsePreamble = 'PASSAGE-PLATFORM-RESPONSE-V1';

export interface CanonicalRequest {
  readonly method: string;
  /** Path only (no host, no query): the API has no query parameters. */
  readonly path: string;
  /** ISO 8601 UTC with milliseconds, exactly as sent in X-Passage-Timestamp. */
  readonly timestamp: string;
  readonly nonce: string;
  readonly idempotencyKey: string;
  /** `sha-256=<hex>` or `sm3=<hex>`, exactly as sent in X-Passage-Digest. */
  readonly digest: string;
}

export interface CanonicalResponse {
  readonly status: number;
  /** The nonce of the request being answered. */
  readonly requestNonce: string;
  readonly timestamp: string;
  readonly digest: string;
}

export function canonicalRequest(r: CanonicalRequest): Uint8Array {
  return encode([requestPreamble, r.method.toUpperCase(), r.path, r.timestamp, r.nonce, r.idempotencyKey, r.digest]);
}

export function canonicalResponse(r: CanonicalResponse): Uint8Array {
  return encode([responsePreamble, String(r.status), r.requestNonce, r.timestamp, r.digest]);
}

function encode(lines: readonly string[]): Uint8Array {
  for (const line of lines) if (/[\r\n]/.test(line)) throw new Error('a canonical field must not contain a line break');
  return new TextEncoder().encode(lines.join('\n'));
}

/** Header names (lower case, as Node presents them). */
export const headers = {
  timestamp: 'x-passage-timestamp',
  nonce: 'x-passage-nonce',
  digest: 'x-passage-digest',
  keyId: 'x-passage-key-id',
  algorithm: 'x-passage-signature-alg',
  signature: 'x-passage-signature',
  idempotencyKey: 'idempotency-key',
} as const;

/** Timestamps more than this far from the receiver's clock are refused, in both directions. */
export const maxClockSkewMs = 5 * 60_000;

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Parses X-Passage-Timestamp; null when it is not the exact ISO form we send. */
export function parseTimestamp(value: string | undefined): number | null {
  if (!value || !isoTimestamp.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

export function isFresh(timestampMs: number, nowMs: number): boolean {
  return Math.abs(nowMs - timestampMs) <= maxClockSkewMs;
}

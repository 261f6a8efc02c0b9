import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { GuestRegistration } from './guest-registration.ts';
import { requestJson, type FetchLike } from './json-http.ts';
import type { PoliceReporting, PoliceSubmitResult } from './police-reporting.ts';

/**
 * HTTP adapter for PoliceReporting. The PSB interface is local and not public (docs/china-rules.md §1
 * GAP), so this speaks Passage's own small protocol, which a site gateway translates:
 *   POST {baseUrl}/registrations  body = GuestRegistration
 *   200 { status: 'accepted', receipt, duplicate }   422 { status: 'rejected', code, reason }   5xx: retry
 */
export interface PoliceHttpOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly hotelId: string;
  readonly kioskId: string;
  readonly apiKey?: string;
  readonly fetch?: FetchLike;
  readonly requestId?: () => string;
}

const accepted = z.object({ status: z.literal('accepted'), receipt: z.string().min(1), duplicate: z.boolean() });
const rejected = z.object({ status: z.literal('rejected'), code: z.string().min(1), reason: z.string() });

export class PoliceHttp implements PoliceReporting {
  readonly #o: PoliceHttpOptions;

  constructor(options: PoliceHttpOptions) {
    this.#o = options;
  }

  async submit(registration: GuestRegistration): Promise<PoliceSubmitResult> {
    const response = await requestJson({
      method: 'POST',
      url: `${this.#o.baseUrl.replace(/\/$/, '')}/registrations`,
      headers: {
        'x-hotelid': this.#o.hotelId,
        'x-kiosk-id': this.#o.kioskId,
        'x-request-id': (this.#o.requestId ?? randomUUID)(),
        'idempotency-key': registration.registrationId,
        ...(this.#o.apiKey ? { 'x-app-key': this.#o.apiKey } : {}),
      },
      body: registration,
      timeoutMs: this.#o.timeoutMs,
      ...(this.#o.fetch ? { fetch: this.#o.fetch } : {}),
    });
    if (!response.ok) return { outcome: 'failed', error: response.error };
    const { status, body } = response.value;
    if (status >= 500) return { outcome: 'failed', error: { code: 'server-error', message: `HTTP ${status}` } };
    if (status === 200) {
      const a = accepted.safeParse(body);
      if (a.success) return { outcome: 'acknowledged', receipt: a.data.receipt, duplicate: a.data.duplicate };
    }
    if (status === 422) {
      const r = rejected.safeParse(body);
      if (r.success) return { outcome: 'rejected', code: r.data.code, reason: r.data.reason };
    }
    return { outcome: 'failed', error: { code: 'protocol', message: `unexpected HTTP ${status} answer` } };
  }
}

import type { ZodType } from 'zod';
import type { Logger } from '../log/logger.ts';
import { dcsFail, dcsOk, type AirlineDcs, type DcsResult } from './airline-dcs.ts';
import {
  bookingViewSchema,
  checkInResultSchema,
  errorBodySchema,
  seatChangeResultSchema,
  seatMapSchema,
  type BookingQuery,
  type BookingView,
  type CheckInRequest,
  type CheckInResult,
  type SeatChangeRequest,
  type SeatChangeResult,
  type SeatMap,
} from './dcs-wire.ts';
import { z } from 'zod';

export interface HttpDcsOptions {
  /** e.g. `https://dcs.example.com` or the simulator's `http://127.0.0.1:PORT`. */
  readonly baseUrl: string;
  /** Per attempt. */
  readonly timeoutMs: number;
  /** Extra attempts after a timeout or 5xx. Every call is safe to repeat (check-in carries its key). */
  readonly retries: number;
  readonly logger: Logger;
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** Extra headers, e.g. an API key from configuration. */
  readonly headers?: Readonly<Record<string, string>>;
}

type Attempt<T> = { kind: 'done'; result: DcsResult<T> } | { kind: 'retry'; result: DcsResult<T> };

/**
 * AirlineDcs over the JSON API in dcs-http-api.md. Transport problems become typed errors: `timeout` (no
 * answer within `timeoutMs`), `unavailable` (connection refused, 5xx), `protocol-error` (an answer that does
 * not match the API's schema). Business refusals come back as the server sent them.
 */
export function createHttpDcs(options: HttpDcsOptions): AirlineDcs {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function attempt<T>(path: string, body: unknown, key: string, schema: ZodType<T>, headers: Record<string, string>): Promise<Attempt<T>> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers, ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'retry', result: dcsFail('timeout', `no answer within ${options.timeoutMs} ms`) };
      return { kind: 'retry', result: dcsFail('unavailable', `cannot reach the DCS: ${(error as Error).message}`) };
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'retry', result: dcsFail('timeout', `answer not complete within ${options.timeoutMs} ms`) };
      if (response.status >= 500) return { kind: 'retry', result: dcsFail('unavailable', `DCS answered ${response.status}`) };
      return { kind: 'done', result: dcsFail('protocol-error', `DCS answered ${response.status} without JSON`) };
    }
    if (response.ok) {
      const parsed = z.object({ [key]: schema }).safeParse(json);
      if (!parsed.success) return { kind: 'done', result: dcsFail('protocol-error', `unexpected answer: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`) };
      return { kind: 'done', result: dcsOk(parsed.data[key] as T) };
    }
    const error = errorBodySchema.safeParse(json);
    if (response.status >= 500) {
      return { kind: 'retry', result: dcsFail('unavailable', error.success ? error.data.error.message : `DCS answered ${response.status}`) };
    }
    if (!error.success) return { kind: 'done', result: dcsFail('protocol-error', `DCS answered ${response.status} with an unknown body`) };
    return { kind: 'done', result: { ok: false, error: error.data.error } };
  }

  async function call<T>(path: string, body: unknown, key: string, schema: ZodType<T>, headers: Record<string, string> = {}): Promise<DcsResult<T>> {
    let last: DcsResult<T> = dcsFail('unavailable', 'not attempted');
    for (let i = 0; i <= options.retries; i++) {
      const outcome = await attempt(path, body, key, schema, headers);
      last = outcome.result;
      if (outcome.kind === 'done') break;
      options.logger.warn({ path, attempt: i + 1, code: last.ok ? 'ok' : last.error.code }, 'DCS request failed');
    }
    if (!last.ok) options.logger.info({ path, code: last.error.code }, 'DCS refused or failed');
    return last;
  }

  return {
    findBookings(query: BookingQuery): Promise<DcsResult<BookingView[]>> {
      return call('/v1/bookings/search', query, 'bookings', z.array(bookingViewSchema).min(1));
    },
    seatMap(pnr: string, segmentId: string): Promise<DcsResult<SeatMap>> {
      return call('/v1/seat-map', { pnr, segmentId }, 'seatMap', seatMapSchema);
    },
    changeSeat(request: SeatChangeRequest): Promise<DcsResult<SeatChangeResult>> {
      return call('/v1/seat', request, 'seat', seatChangeResultSchema);
    },
    checkIn(request: CheckInRequest, idempotencyKey: string): Promise<DcsResult<CheckInResult>> {
      return call('/v1/check-in', request, 'checkIn', checkInResultSchema, { 'idempotency-key': idempotencyKey });
    },
  };
}

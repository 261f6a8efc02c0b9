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
import { CircuitBreaker, type BreakerOptions, type BreakerState } from '../net/circuit-breaker.ts';
import { readCappedText, ResponseTooLarge } from '../net/backend-http.ts';
import { systemClock, type Clock } from '../../drivers/clock.ts';

/** Largest DCS answer read: a wide-body seat map is tens of kilobytes (docs/deployment.md "Back-end connections"). */
export const dcsMaxResponseBytes = 1024 * 1024;

export const defaultDcsBreaker: BreakerOptions = { failureThreshold: 3, openMs: 30_000, maxOpenMs: 300_000 };

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
  /** Wait before the first retry; each further retry waits twice as long. */
  readonly retryDelayMs?: number;
  /** Consecutive transport failures open the circuit; a health probe closes it (electron/net/circuit-breaker.ts). */
  readonly breaker?: BreakerOptions;
  readonly clock?: Clock;
  readonly maxResponseBytes?: number;
  /** Told when the circuit opens or closes (for the log and staff). */
  readonly onBreakerChange?: (state: BreakerState) => void;
}

/** The DCS client; `close()` stops the breaker's probe timer. */
export type HttpDcs = AirlineDcs & { readonly breakerState: () => BreakerState; close(): void };

type Attempt<T> = { kind: 'done'; result: DcsResult<T> } | { kind: 'retry'; result: DcsResult<T> };

/**
 * AirlineDcs over the JSON API in dcs-http-api.md. Transport problems become typed errors: `timeout` (no
 * answer within `timeoutMs`), `unavailable` (connection refused, 5xx, circuit open), `protocol-error` (an
 * answer that does not match the API's schema, or one larger than `maxResponseBytes`). Business refusals come
 * back as the server sent them. Retries wait (exponential backoff on the injected clock); after
 * `breaker.failureThreshold` failed calls in a row no request goes out until a health probe succeeds, so a
 * dead DCS costs a traveller no waiting and the DCS no retry storm.
 */
export function createHttpDcs(options: HttpDcsOptions): HttpDcs {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');
  const clock = options.clock ?? systemClock;
  const maxBytes = options.maxResponseBytes ?? dcsMaxResponseBytes;
  const probe = async (): Promise<boolean> => {
    try {
      const response = await doFetch(`${base}/v1/health`, { method: 'GET', headers: { accept: 'application/json', ...options.headers }, signal: AbortSignal.timeout(options.timeoutMs) });
      const body = JSON.parse(await readCappedText(response, 4096)) as { ok?: unknown };
      return response.ok && body.ok === true;
    } catch {
      return false;
    }
  };
  const breaker = new CircuitBreaker(options.breaker ?? defaultDcsBreaker, clock, probe, (state) => {
    if (state.state === 'open') options.logger.warn({ lastFailure: state.lastFailure, nextProbeAt: state.nextProbeAt }, 'DCS circuit open: no requests until a health probe succeeds');
    if (state.state === 'closed') options.logger.info('DCS circuit closed');
    options.onBreakerChange?.(state);
  });
  const wait = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));

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
      json = JSON.parse(await readCappedText(response, maxBytes));
    } catch (error) {
      if (error instanceof ResponseTooLarge) return { kind: 'done', result: dcsFail('protocol-error', `DCS ${error.message}`) };
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
      if (!breaker.allows()) {
        last = dcsFail('unavailable', 'the DCS is not answering (circuit open); it is probed until it does');
        break;
      }
      if (i > 0) await wait((options.retryDelayMs ?? 500) * 2 ** (i - 1));
      const outcome = await attempt(path, body, key, schema, headers);
      last = outcome.result;
      if (outcome.kind === 'done') {
        breaker.recordSuccess(); // an answer, even a refusal, shows the DCS is up
        break;
      }
      breaker.recordFailure(last.ok ? 'ok' : last.error.code);
      options.logger.warn({ path, attempt: i + 1, code: last.ok ? 'ok' : last.error.code }, 'DCS request failed');
    }
    if (!last.ok) options.logger.info({ path, code: last.error.code }, 'DCS refused or failed');
    return last;
  }

  return {
    breakerState: () => breaker.state,
    close: () => breaker.close(),
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

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../log/logger.ts';
import type { DcsError, DcsResult } from '../airline-dcs.ts';
import { dcsErrorCodes, seatMapRequestSchema } from '../dcs-wire.ts';
import type { AirlineSimulator } from './airline-simulator.ts';

const maxBody = 256 * 1024;

/** HTTP status for each refusal (electron/airline/dcs-http-api.md "Conventions"). */
export function httpStatusFor(code: DcsError['code']): number {
  switch (code) {
    case 'booking-not-found':
    case 'passenger-not-found':
    case 'segment-not-found':
      return 404;
    case 'invalid-request':
    case 'unreadable-barcode':
      return 400;
    case 'idempotency-conflict':
      return 409;
    case 'timeout':
    case 'unavailable':
      return 503;
    case 'protocol-error':
      return 500;
    default:
      return 422;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendResult<T>(res: ServerResponse, result: DcsResult<T>, key: string): void {
  if (result.ok) send(res, 200, { [key]: result.value });
  else send(res, httpStatusFor(result.error.code), { error: result.error });
}

async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBody) return { ok: false, status: 413, message: 'body too large' };
    chunks.push(chunk as Buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') };
  } catch {
    return { ok: false, status: 400, message: 'body is not JSON' };
  }
}

/**
 * Serves an AirlineSimulator as the DCS HTTP API on loopback, applying the simulator's faults (latency,
 * failures, hang) so the HTTP adapter's timeouts and retries are exercised exactly as in production.
 */
export async function serveAirlineSimulator(sim: AirlineSimulator, logger: Logger, port = 0): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'airline simulator request failed');
      if (!res.headersSent) send(res, 500, { error: { code: 'protocol-error', message: 'simulator error' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === '/v1/health') return send(res, 200, { ok: true });
    if (req.method !== 'POST') return send(res, 405, { error: { code: 'invalid-request', message: 'POST only' } });
    const body = await readJson(req);
    if (sim.faults.hang) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (sim.faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, sim.faults.latencyMs));
    const fail = sim.faults.failNext;
    if (fail && fail.count > 0) {
      fail.count -= 1;
      if (fail.count === 0) sim.faults.failNext = null;
      const code = (dcsErrorCodes as readonly string[]).includes(fail.code ?? '') ? (fail.code as DcsError['code']) : null;
      if (code) return send(res, fail.status, { error: { code, message: 'injected by the simulator' } });
      return send(res, fail.status, { error: { code: 'unavailable', message: 'injected by the simulator' } });
    }
    if (!body.ok) return send(res, body.status, { error: { code: 'invalid-request', message: body.message } });
    switch (path) {
      case '/v1/bookings/search':
        return sendResult(res, await sim.findBookings(body.value as never), 'bookings');
      case '/v1/seat-map': {
        const parsed = seatMapRequestSchema.safeParse(body.value);
        if (!parsed.success) return send(res, 400, { error: { code: 'invalid-request', message: 'pnr and segmentId required' } });
        return sendResult(res, await sim.seatMap(parsed.data.pnr, parsed.data.segmentId), 'seatMap');
      }
      case '/v1/seat':
        return sendResult(res, await sim.changeSeat(body.value as never), 'seat');
      case '/v1/check-in': {
        const key = req.headers['idempotency-key'];
        if (typeof key !== 'string' || key.length === 0) return send(res, 400, { error: { code: 'invalid-request', message: 'Idempotency-Key header required' } });
        return sendResult(res, await sim.checkIn(body.value as never, key), 'checkIn');
      }
      default:
        return send(res, 404, { error: { code: 'invalid-request', message: `no route ${path}` } });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TransportError } from './police-reporting.ts';
import { err, ok, type Result } from '../../drivers/result.ts';

/** Minimal JSON-over-HTTP client and loopback server shared by the hotel adapters and their simulators. */

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
}

export interface JsonRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly timeoutMs: number;
  readonly fetch?: FetchLike;
}

/** Any HTTP status is a response; only transport problems and non-JSON bodies are errors. */
export async function requestJson(request: JsonRequest): Promise<Result<JsonResponse, TransportError>> {
  const doFetch = request.fetch ?? ((input, init) => fetch(input, init));
  let response: Response;
  try {
    response = await doFetch(request.url, {
      method: request.method,
      headers: { accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return err({ code: 'timeout', message: `no answer within ${request.timeoutMs} ms` });
    return err({ code: 'unreachable', message: describeCause(error) });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const name = (error as Error).name;
    return err({ code: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'unreachable', message: describeCause(error) });
  }
  if (text === '') return ok({ status: response.status, body: null });
  try {
    return ok({ status: response.status, body: JSON.parse(text) as unknown });
  } catch {
    if (response.status >= 500) return err({ code: 'server-error', message: `HTTP ${response.status}` });
    return err({ code: 'protocol', message: `HTTP ${response.status} with a body that is not JSON` });
  }
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

export interface ServerRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

export type ServerHandler = (request: ServerRequest) => Promise<JsonResponse> | JsonResponse;

export interface JsonServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  close(): Promise<void>;
}

/** A JSON server on a loopback port (0 = any free port). A handler that throws answers 500. */
export async function startJsonServer(handler: ServerHandler, port = 0): Promise<JsonServer> {
  const server = createServer((req, res) => void serve(handler, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function serve(handler: ServerHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  let response: JsonResponse;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    if (text !== '') {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        send(res, { status: 400, body: { title: 'Bad Request', status: 400, detail: 'body is not JSON' } });
        return;
      }
    }
    response = await handler({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body });
  } catch {
    response = { status: 500, body: { title: 'Internal Server Error', status: 500 } };
  }
  send(res, response);
}

function send(res: ServerResponse, response: JsonResponse): void {
  if (res.destroyed) return;
  const text = response.body === undefined || response.body === null ? '' : JSON.stringify(response.body);
  res.writeHead(response.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

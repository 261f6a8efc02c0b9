import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Host } from '../host/host.ts';
import { connectEndpoint } from '../host/contract-endpoint.ts';
import { type Logger, componentLogger } from '../log/logger.ts';
import { isLoopbackAddress, isLoopbackHost, sameToken } from '../net/loopback.ts';
import { createSimHandler } from './sim-handler.ts';
import { readStatic } from '../net/static-files.ts';

export interface BrowserServer {
  readonly port: number;
  /** The kiosk page's address; the token rides in the fragment, which browsers never send to a server. */
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

export interface BrowserServerOptions {
  readonly host: Pick<Host, 'session' | 'simRoutes'>;
  readonly port: number;
  readonly staticDir: string;
  readonly logger: Logger;
  /** Injected for tests; a fresh random token per launch otherwise. */
  readonly token?: string;
}

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Browser mode: the same host in plain Node, serving the built UI and the contract over a WebSocket.
 * Listens on 127.0.0.1 only, and still checks every peer, Host header and token, because anything on the
 * kiosk (or a page it shows) can reach loopback.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const { host, logger } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticDir = resolve(options.staticDir);
  const sim = createSimHandler(host.simRoutes, componentLogger(logger, 'sim'));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2_200_000 });
  let port = options.port;

  const http = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'http handler failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopbackAddress(req.socket.remoteAddress) || !isLoopbackHost(req.headers.host, port)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/auth') {
      // Lets the page tell a wrong or stale token (a page left open across a restart) from a host that is
      // down, so it can say which. The token is 24 random bytes: answering right or wrong gives nothing away.
      const given = req.headers['x-passage-token'];
      res.writeHead(sameToken(token, typeof given === 'string' ? given : null) ? 204 : 401, { 'cache-control': 'no-store' }).end();
      return;
    }
    if (url.pathname === '/sim' || url.pathname.startsWith('/sim/')) {
      if (host.simRoutes.length === 0) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('simulation control is off in real mode');
        return;
      }
      return sim(req, res, url.pathname.slice('/sim'.length));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    const file = await readStatic(staticDir, url.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'cache-control': file.type.startsWith('text/html') ? 'no-store' : 'max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const origin = req.headers.origin;
    const refusal =
      url.pathname !== '/ws'
        ? 'no such endpoint'
        : !isLoopbackAddress(req.socket.remoteAddress)
          ? 'peer is not loopback'
          : !isLoopbackHost(req.headers.host, port)
            ? 'host header is not loopback'
            : origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`
              ? 'foreign origin'
              : !sameToken(token, url.searchParams.get('token'))
                ? 'missing or wrong token'
                : null;
    if (refusal) {
      logger.warn({ peer: req.socket.remoteAddress, refusal }, 'websocket refused');
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const endpoint = connectEndpoint(host.session, (message) => ws.send(JSON.stringify(message)), componentLogger(logger, 'ws'));
    ws.on('message', (data, isBinary) => endpoint.receive(isBinary ? null : data.toString('utf8')));
    ws.on('close', () => endpoint.close());
    ws.on('error', (error) => logger.warn({ err: error }, 'websocket error'));
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    http.once('error', rejectListen);
    http.listen(options.port, '127.0.0.1', () => {
      http.off('error', rejectListen);
      resolveListen();
    });
  });
  port = (http.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { sameToken } from '../../net/loopback.ts';
import { serveStatic } from '../../net/static-files.ts';
import type { Logger } from '../../log/logger.ts';
import { consoleRequestSchema } from './console-protocol.ts';
import { StaffConnection } from './staff-connection.ts';

export interface ConsoleServerOptions {
  /** The broker's staff listener (mqtts:// with user name and password). */
  readonly brokerUrl: string;
  readonly ca: Buffer | null;
  readonly staticDir: string;
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
}

export interface ConsoleServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const loginSchema = z.strictObject({ user: z.string().min(1).max(64), password: z.string().min(1).max(200) });

const contentSecurityPolicy = ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "connect-src 'self'", "frame-ancestors 'none'"].join('; ');

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The fleet console's server: serves the built page (console/dist), logs staff in *at the broker* (each login
 * is that person's own MQTT connection, see staff-connection.ts) and relays between the broker and their page
 * over a WebSocket. A login gives a random session token; the page keeps it in memory only.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const { logger } = options;
  const staticDir = resolve(options.staticDir);
  const sessions = new Map<string, StaffConnection>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256_000 });

  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://console');
    if (url.pathname === '/api/login' && req.method === 'POST') {
      const parsed = loginSchema.safeParse(JSON.parse(await readBody(req, 4_096).catch(() => 'null')));
      if (!parsed.success) return json(res, 400, { error: 'user and password are required' });
      try {
        const connection = await StaffConnection.open({ url: options.brokerUrl, ca: options.ca, user: parsed.data.user, password: parsed.data.password, logger });
        const token = randomBytes(24).toString('base64url');
        sessions.set(token, connection);
        logger.info({ user: parsed.data.user }, 'console login');
        return json(res, 200, { token, user: parsed.data.user });
      } catch (error) {
        logger.warn({ user: parsed.data.user, err: (error as Error).message }, 'console login refused by the broker');
        return json(res, 401, { error: `the broker refused the login: ${(error as Error).message}` });
      }
    }
    if (url.pathname === '/api/logout' && req.method === 'POST') {
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      const connection = sessions.get(token);
      sessions.delete(token);
      await connection?.close();
      return json(res, 200, {});
    }
    return serveStatic(req, res, staticDir, url.pathname, contentSecurityPolicy);
  }

  const http = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'console handler failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://console');
    const token = url.searchParams.get('token');
    const entry = [...sessions.entries()].find(([t]) => sameToken(t, token));
    const origin = req.headers.origin;
    const sameOrigin = origin === undefined || origin === `http://${req.headers.host}`;
    if (url.pathname !== '/ws' || !entry || !sameOrigin) {
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, entry[1]));
  });

  function attach(ws: WebSocket, connection: StaffConnection): void {
    const send = (message: unknown) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message));
    send({ type: 'hello', user: connection.user });
    for (const state of connection.kiosks()) send({ type: 'state', state });
    const off = connection.subscribe(send);
    ws.on('message', (data, isBinary) => {
      let request;
      try {
        request = isBinary ? null : consoleRequestSchema.safeParse(JSON.parse(data.toString('utf8')));
      } catch {
        request = null;
      }
      if (!request?.success) return;
      void connection.command(request.data).then((answer) => {
        logger.info({ user: connection.user, command: request.data.name, kiosk: request.data.kioskId, answer: answer.type }, 'console command');
        send(answer);
      });
    });
    ws.on('close', off);
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    http.once('error', rejectListen);
    http.listen(options.port, options.host, () => {
      http.off('error', rejectListen);
      resolveListen();
    });
  });
  const port = (http.address() as AddressInfo).port;
  return {
    port,
    url: `http://${options.host}:${port}/`,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await Promise.allSettled([...sessions.values()].map((s) => s.close()));
      sessions.clear();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}

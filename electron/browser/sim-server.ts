import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import type { Logger } from '../log/logger.ts';
import { isLoopbackAddress, isLoopbackHost } from '../net/loopback.ts';
import { createSimHandler } from './sim-handler.ts';

/** The control API on a loopback port of its own, for Electron mode (browser mode mounts it under /sim/). */
export async function startSimServer(routes: readonly SimRoute[], port: number, logger: Logger): Promise<{ port: number; close(): Promise<void> }> {
  const handler = createSimHandler(routes, logger);
  let bound = port;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!isLoopbackAddress(req.socket.remoteAddress) || !isLoopbackHost(req.headers.host, bound) || !url.pathname.startsWith('/sim/')) {
      res.writeHead(403).end();
      return;
    }
    void handler(req, res, url.pathname.slice('/sim'.length));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

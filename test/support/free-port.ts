import { createServer, type AddressInfo } from 'node:net';

/** A loopback TCP port free at the moment of asking (for a program that must be told its port up front). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  await new Promise((closed) => server.close(closed));
  return port;
}

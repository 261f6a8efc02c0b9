import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../command.ts';
import { parseArgs } from '../args.ts';
import { createLogger } from '../../log/logger.ts';
import { startConsoleServer } from '../../fleet/console/console-server.ts';
import { intFlag, stringFlag, usageError } from './cli-support.ts';

export const consoleUsage = `usage: passage fleet console --broker URL [--ca FILE] [--port N] [--listen ADDRESS]

Serves the fleet console: a web page where staff log in (with their broker user name and password: the
broker's ACL decides what each may command) and see every kiosk of every site, filter them and send commands.
  --broker URL      the broker's staff listener, mqtts://host:port (mqtt:// for a local test broker)
  --ca FILE         PEM CA of the broker's certificate
  --port N          HTTP port (default 8090; 0 picks a free one)
  --listen ADDRESS  address to serve on (default 127.0.0.1)`;

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** The console page is built with the renderer (npm run build:renderer); built here when missing. */
async function consoleBuilt(io: CliIo): Promise<string> {
  const out = join(root, 'console', 'dist');
  if (!existsSync(join(out, 'index.html'))) {
    io.stderr.write('building the fleet console…\n');
    const { build } = await import('vite');
    await build({ configFile: join(root, 'console', 'vite.config.ts'), logLevel: 'warn' });
  }
  return out;
}

export async function runConsole(argv: readonly string[], io: CliIo, stopped: Promise<void>): Promise<number> {
  const args = parseArgs(argv, { values: ['broker', 'ca', 'port', 'listen'], booleans: [] });
  if (!args.ok || args.positional.length > 0) return usageError(io, 'console', args.ok ? `unexpected argument '${args.positional[0]}'` : args.error, consoleUsage);
  const broker = stringFlag(args.flags.get('broker'));
  if (!broker || !/^mqtts?:\/\//.test(broker)) return usageError(io, 'console', '--broker mqtt[s]://host:port is required', consoleUsage);
  const port = intFlag(args.flags.get('port'), 'port', 8090, [0, 65535]);
  if (typeof port === 'string') return usageError(io, 'console', port, consoleUsage);
  const caPath = stringFlag(args.flags.get('ca'));
  let ca: Buffer | null = null;
  if (caPath) {
    try {
      ca = await readFile(caPath);
    } catch (error) {
      io.stderr.write(`passage fleet console: --ca ${caPath}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}\n`);
      return 1;
    }
  }
  const logger = createLogger({ destination: io.stderr as unknown as import('pino').DestinationStream, name: 'passage-fleet-console' });
  const server = await startConsoleServer({ brokerUrl: broker, ca, staticDir: await consoleBuilt(io), host: stringFlag(args.flags.get('listen')) ?? '127.0.0.1', port, logger });
  io.stdout.write(`Passage fleet console at ${server.url}\n`);
  await stopped;
  await server.close();
  return 0;
}

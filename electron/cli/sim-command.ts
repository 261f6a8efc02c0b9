import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSimServer } from '../browser/sim-server.ts';
import { createLogger } from '../log/logger.ts';
import { platformSimRoutes } from '../platform/sim/platform-sim-routes.ts';
import { SimulatorStartError, startPlatformSimulator } from '../platform/sim/start-platform-simulator.ts';
import { parseArgs } from './args.ts';
import type { CliCommand, CliIo } from './command.ts';

const usage = `usage: passage sim platform [--port N] [--data FILE] [--data-dir DIR] [--control-port N]

Runs a simulator on its own until interrupted (Ctrl-C), printing one JSON line with its addresses.

platform   the identity platform (docs/platform-api.yaml): HTTPS with mutual TLS on 127.0.0.1. On first start
           it generates a development CA, server and client certificates and signing keys in
           DIR/platform-sim/; the printed paths are what a client needs.
  --port N          HTTPS port (default 0: a free one)
  --data FILE       seed identities, JSON (default: the bundled electron/platform/sim/seed.json)
  --data-dir DIR    where the development PKI lives (default: $XDG_DATA_HOME/passage)
  --control-port N  loopback HTTP port of the control API (/sim/platform/...; default 0: a free one)`;

/** Same default as the host's (electron/host/host.ts defaultDataDir), without loading the whole host. */
function defaultDataDir(): string {
  return join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'passage');
}

function port(value: string | true | undefined, flag: string): number | string {
  if (value === undefined) return 0;
  const n = Number(value);
  return typeof value === 'string' && Number.isInteger(n) && n >= 0 && n <= 65535 ? n : `--${flag} must be a port number, not '${String(value)}'`;
}

/** The command's body with the stop signal injected, so tests can run it without signals. */
export async function runPlatformSimulator(argv: readonly string[], io: CliIo, stopped: Promise<void>): Promise<number> {
  const args = parseArgs(argv, { values: ['port', 'data', 'data-dir', 'control-port'], booleans: [] });
  if (!args.ok || args.positional.length > 0) {
    io.stderr.write(`passage sim platform: ${args.ok ? `unexpected argument '${args.positional[0]}'` : args.error}\n${usage}\n`);
    return 2;
  }
  const httpsPort = port(args.flags.get('port'), 'port');
  const controlPort = port(args.flags.get('control-port'), 'control-port');
  for (const p of [httpsPort, controlPort]) {
    if (typeof p === 'string') {
      io.stderr.write(`passage sim platform: ${p}\n`);
      return 2;
    }
  }
  const data = args.flags.get('data');
  const dataDir = args.flags.get('data-dir');
  const logger = createLogger({ destination: io.stderr as unknown as import('pino').DestinationStream, name: 'passage-sim' });
  let sim;
  try {
    sim = await startPlatformSimulator({
      dataDir: typeof dataDir === 'string' ? resolve(dataDir) : defaultDataDir(),
      logger,
      port: httpsPort as number,
      ...(typeof data === 'string' ? { seedFile: resolve(data) } : {}),
    });
  } catch (error) {
    if (error instanceof SimulatorStartError) {
      io.stderr.write(`passage sim platform: ${error.message}\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      io.stderr.write(`passage sim platform: cannot listen on port ${String(httpsPort)} (${code})\n`);
      return 1;
    }
    throw error;
  }
  let control;
  try {
    control = await startSimServer(platformSimRoutes(sim.sim), controlPort as number, logger);
  } catch (error) {
    await sim.close();
    io.stderr.write(`passage sim platform: cannot listen on control port ${String(controlPort)} (${(error as NodeJS.ErrnoException).code ?? 'error'})\n`);
    return 1;
  }
  io.stdout.write(
    `${JSON.stringify({
      url: sim.url,
      caPath: sim.caPath,
      clientCertPath: sim.clientCertPath,
      clientKeyPath: sim.clientKeyPath,
      signingKeyPaths: sim.signingKeyPaths,
      signingKeyIds: sim.signingKeyIds,
      platformPublicKeyPaths: sim.platformPublicKeyPaths,
      controlUrl: `http://127.0.0.1:${control.port}/sim/platform`,
      identities: sim.sim.seed.identities.length,
      generatedPki: sim.generatedPki,
    })}\n`,
  );
  await stopped;
  await control.close();
  await sim.close();
  return 0;
}

const simulators: Record<string, (argv: readonly string[], io: CliIo, stopped: Promise<void>) => Promise<number>> = {
  platform: runPlatformSimulator,
};

export const simCommand: CliCommand = {
  name: 'sim',
  summary: 'run a back-end simulator on its own (platform)',
  usage,
  async run(argv, io) {
    const [kind, ...rest] = argv;
    const run = kind ? simulators[kind] : undefined;
    if (!run) {
      io.stderr.write(`passage sim: ${kind ? `unknown simulator '${kind}'` : 'which simulator?'}\n${usage}\n`);
      return 2;
    }
    const stopped = new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    return run(rest, io, stopped);
  },
};

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserServer } from '../browser/server.ts';
import type { KioskConfig } from '../host/config.ts';
import { findElectronBinary } from '../host/electron-binary.ts';
import type { Host } from '../host/host.ts';
import { parseArgs } from './args.ts';
import type { CliCommand, CliIo } from './command.ts';
import { startupFailureLine } from './startup-failure.ts';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** EX_TEMPFAIL (sysexits.h): staff asked for a restart; the supervisor is to start the kiosk again. */
export const restartExitStatus = 75;

const usage = `usage: passage start [--browser] [--port N] [--open] [--config FILE]

Starts the kiosk. Without --browser it runs in Electron; where the Electron binary is missing it says so
and starts browser mode instead, opening Chromium in --app mode when one is installed.

  --browser      browser mode: the host in plain Node, the UI served on 127.0.0.1 (no window unless --open)
  --port N       browser-mode HTTP port (default 8080, or browser.port in the configuration; 0 picks one)
  --open         open the kiosk page in Chromium's --app mode
  --config FILE  configuration file (JSON); also PASSAGE_CONFIG. Defaults give simulated devices and back-ends.

When staff restart the kiosk from maintenance mode, it stops and exits with status ${restartExitStatus}: a
supervisor (systemd Restart=always) starts it again; started by hand, start it again by hand.`;

const chromiumCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function openChromium(url: string, io: CliIo): boolean {
  const binary = chromiumCandidates.find((c) => existsSync(c));
  if (!binary) return false;
  const profile = mkdtempSync(join(tmpdir(), 'passage-chromium-'));
  const child = spawn(
    binary,
    [
      `--app=${url}`,
      `--user-data-dir=${profile}`,
      '--window-size=1080,1920',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-translate',
      '--overscroll-history-navigation=0',
    ],
    { stdio: 'ignore', detached: true },
  );
  child.on('error', (error) => io.stderr.write(`could not open Chromium: ${error.message}\n`));
  child.unref();
  return true;
}

async function runBrowser(options: { port?: number; open: boolean; configPath?: string }, io: CliIo): Promise<number> {
  let host: Host | null = null;
  let server: BrowserServer;
  let config: KioskConfig;
  let restart: () => void = () => undefined;
  const restartRequested = new Promise<void>((resolve) => (restart = resolve));
  // Loaded here, not at the top: the host's module graph is large, and a usage error or --help must not wait for it.
  const [{ startBrowserServer }, { loadConfig }, { startHost }, { ensureRendererBuilt }, { componentLogger, createLogger }, { configHash }, { RecentLog }] =
    await Promise.all([
      import('../browser/server.ts'),
      import('../host/config.ts'),
      import('../host/host.ts'),
      import('../host/renderer-build.ts'),
      import('../log/logger.ts'),
      import('../audit/config-hash.ts'),
      import('../maintenance/recent-log.ts'),
    ]);
  try {
    config = await loadConfig(options.configPath);
    const recentLog = new RecentLog();
    // A person at a terminal reads lines; a service manager or collector gets JSON. The diagnostics bundle keeps the last lines.
    const logger = createLogger({
      level: config.log.level,
      destination: process.stderr as unknown as import('pino').DestinationStream,
      pretty: process.stderr.isTTY === true,
      alsoTo: [recentLog],
    });
    const staticDir = await ensureRendererBuilt(root, (line) => io.stderr.write(`${line}
`));
    // Hashed here, before the host reads the configuration (the host must not read every key to hash it).
    host = await startHost(config, { logger, configHash: configHash(config), recentLog, restart: () => restart() });
    server = await startBrowserServer({ host, port: options.port ?? config.browser.port, staticDir, logger: componentLogger(logger, 'browser') });
  } catch (error) {
    const line = startupFailureLine(error);
    await host?.stop();
    if (line === null) throw error;
    io.stderr.write(`passage: ${line}\n`);
    return 2;
  }

  io.stdout.write(`Passage kiosk (${config.mode}) at ${server.url}\n`);
  if (config.mode === 'simulated') io.stdout.write(`simulation control: http://127.0.0.1:${server.port}/sim/\n`);
  if (options.open && !openChromium(server.url, io)) io.stdout.write('no Chromium found: open the address above in a browser\n');

  const restarting = await new Promise<boolean>((done) => {
    const stop = () => done(false);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    void restartRequested.then(() => done(true));
  });
  await server.close();
  await host.stop();
  if (restarting) io.stdout.write(`restart requested by staff: exiting with status ${restartExitStatus} for the supervisor to start the kiosk again\n`);
  return restarting ? restartExitStatus : 0;
}

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'start the kiosk (Electron, or browser mode where Electron is missing)',
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, { values: ['port', 'config'], booleans: ['browser', 'open'] });
    if (!args.ok || args.positional.length > 0) {
      io.stderr.write(`passage start: ${args.ok ? `unexpected argument '${args.positional[0]}'` : args.error}\n${usage}\n`);
      return 2;
    }
    const portFlag = args.flags.get('port');
    const port = typeof portFlag === 'string' ? Number(portFlag) : undefined;
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
      io.stderr.write(`passage start: --port must be a port number, not '${String(portFlag)}'\n`);
      return 2;
    }
    const configFlag = args.flags.get('config');
    const configPath = typeof configFlag === 'string' ? configFlag : process.env.PASSAGE_CONFIG || undefined;

    if (!args.flags.has('browser')) {
      const electron = findElectronBinary();
      if (electron) {
        const child = spawn(electron, [root], { stdio: 'inherit', env: { ...process.env, ...(configPath ? { PASSAGE_CONFIG: configPath } : {}) } });
        return new Promise((done) => child.on('exit', (code) => done(code ?? 1)));
      }
      io.stdout.write('Electron binary not installed (it is downloaded from GitHub); starting browser mode instead.\n');
      return runBrowser({ port, open: true, configPath }, io);
    }
    return runBrowser({ port, open: args.flags.has('open'), configPath }, io);
  },
};

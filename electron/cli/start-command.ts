import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserServer } from '../browser/server.ts';
import type { KioskConfig } from '../host/config.ts';
import { defaultDataDir } from '../host/data-dir.ts';
import { findElectronBinary } from '../host/electron-binary.ts';
import type { Host } from '../host/host.ts';
import { componentLogger, createLogger, type Logger } from '../log/logger.ts';
import type { RecentLog } from '../maintenance/recent-log.ts';
import { systemClock } from '../../drivers/clock.ts';
import { extraChromiumFlags } from '../shell/chromium-flags.ts';
import { startChromiumShell, type ChromiumShell } from '../shell/chromium-shell.ts';
import { handleFatalErrors } from '../shell/fatal-errors.ts';
import { acquireInstanceLock, type InstanceLock } from '../shell/instance-lock.ts';
import { readPageFile, removePageFile, writePageFile } from '../shell/page-file.ts';
import { startWatchdog, systemdNotifier } from '../shell/systemd-notify.ts';
import { parseArgs } from './args.ts';
import type { CliCommand, CliIo } from './command.ts';
import { startupFailureLine } from './startup-failure.ts';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** EX_TEMPFAIL (sysexits.h): staff asked for a restart; the supervisor is to start the kiosk again. */
export const restartExitStatus = 75;

const usage = `usage: passage start [--shell electron|chromium|none] [--port N] [--config FILE] [--page-file FILE]
       passage start --attach FILE

Starts the kiosk: the host (devices, session, back-ends) and a shell that shows its page. Without --shell it
runs in Electron; where the Electron binary is missing it says so and shows the page in a Chromium window.

  --shell S       electron: the Electron app; chromium: Debian's Chromium in kiosk mode, supervised (the
                  installed kiosk runs it under the cage compositor); none: the host and its page server only
  --browser       the same as --shell none
  --open          with --shell none: show the page in a Chromium window (development)
  --port N        HTTP port of the page server (default 8080, or browser.port in the configuration; 0 picks one)
  --config FILE   configuration file (JSON); also PASSAGE_CONFIG. Defaults give simulated devices and back-ends.
  --page-file F   write the page's address (with its token) to F, readable by owner and group, for a shell
                  that runs as another user
  --attach F      start no host: run the Chromium shell on the page whose address a host wrote to F

A second copy on the same data directory refuses to start. Under systemd (Type=notify) the host reports
READY=1 and, with WatchdogSec=, WATCHDOG=1 while it is healthy. Chromium flags for a particular kiosk model go
in PASSAGE_CHROMIUM_FLAGS; PASSAGE_CHROMIUM names the browser (default /usr/bin/chromium).

When staff restart the kiosk from maintenance mode, it stops and exits with status ${restartExitStatus}: a
supervisor (systemd Restart=always) starts it again; started by hand, start it again by hand.`;

const chromiumCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function findChromium(env: NodeJS.ProcessEnv): string | null {
  if (env.PASSAGE_CHROMIUM) return existsSync(env.PASSAGE_CHROMIUM) ? env.PASSAGE_CHROMIUM : null;
  return chromiumCandidates.find((c) => existsSync(c)) ?? null;
}

/** Lines for a person at a terminal, JSON for a service manager or collector; `alsoTo` keeps the last lines. */
function stderrLogger(level: string, alsoTo: readonly RecentLog[] = []): Logger {
  return createLogger({ level, destination: process.stderr as unknown as import('pino').DestinationStream, pretty: process.stderr.isTTY === true, alsoTo });
}

function chromiumShell(pageUrl: () => Promise<string>, kiosk: boolean, logger: Logger, io: CliIo): ChromiumShell | null {
  const binary = findChromium(process.env);
  if (!binary) {
    io.stdout.write('no Chromium found (Debian: apt install chromium): open the address above in a browser\n');
    return null;
  }
  return startChromiumShell({
    binary,
    pageUrl,
    kiosk,
    extraFlags: extraChromiumFlags(process.env),
    profileRoot: tmpdir(),
    logger: componentLogger(logger, 'chromium'),
    clock: systemClock,
  });
}

/** Resolves on SIGINT or SIGTERM (false) or when `restart` resolves first (true). */
function untilSignal(restart: Promise<void> = new Promise<void>(() => undefined)): Promise<boolean> {
  return new Promise<boolean>((done) => {
    const stop = () => done(false);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    void restart.then(() => done(true));
  });
}

type ShellChoice = { kind: 'none' } | { kind: 'chromium'; kiosk: boolean };

async function runHost(options: { port?: number; shell: ShellChoice; configPath?: string; pageFile?: string }, io: CliIo): Promise<number> {
  let host: Host | null = null;
  let lock: InstanceLock | null = null;
  let server: BrowserServer;
  let config: KioskConfig;
  let logger: Logger;
  let restart: () => void = () => undefined;
  const restartRequested = new Promise<void>((resolve) => (restart = resolve));
  // Loaded here, not at the top: the host's module graph is large, and a usage error or --help must not wait for it.
  const [{ startBrowserServer }, { loadConfig }, { startHost }, { ensureRendererBuilt }, { configHash }, { RecentLog }] = await Promise.all([
    import('../browser/server.ts'),
    import('../host/config.ts'),
    import('../host/host.ts'),
    import('../host/renderer-build.ts'),
    import('../audit/config-hash.ts'),
    import('../maintenance/recent-log.ts'),
  ]);
  try {
    config = await loadConfig(options.configPath);
    const recentLog = new RecentLog();
    logger = stderrLogger(config.log.level, [recentLog]);
    // Before any device or the outbox is opened: a second copy must not touch them.
    lock = await acquireInstanceLock(config.dataDir ?? defaultDataDir());
    const staticDir = await ensureRendererBuilt(root, (line) => io.stderr.write(`${line}\n`));
    // Hashed here, before the host reads the configuration (the host must not read every key to hash it).
    host = await startHost(config, { logger, configHash: configHash(config), recentLog, restart: () => restart() });
    server = await startBrowserServer({ host, port: options.port ?? config.browser.port, staticDir, logger: componentLogger(logger, 'browser') });
    if (options.pageFile) await writePageFile(options.pageFile, server.url);
  } catch (error) {
    const line = startupFailureLine(error);
    await host?.stop();
    await lock?.release();
    if (line === null) throw error;
    io.stderr.write(`passage: ${line}\n`);
    return 2;
  }

  let shell: ChromiumShell | null = null;
  const running = host;
  const notifier = systemdNotifier(process.env, logger);
  // Healthy: the session answers. A blocked event loop sends nothing at all, since the timer cannot fire.
  const watchdog = notifier ? startWatchdog({ env: process.env, notifier, healthy: () => running.session.state() !== undefined, clock: systemClock, logger }) : null;
  const stop = async () => {
    notifier?.notify('STOPPING=1');
    watchdog?.stop();
    await shell?.stop();
    await server.close();
    await running.stop();
    if (options.pageFile) await removePageFile(options.pageFile);
    await lock?.release();
    await notifier?.close();
  };
  const fatal = handleFatalErrors({ logger, stop, exit: (code) => process.exit(code) });

  const address = `http://127.0.0.1:${server.port}/`;
  if (options.shell.kind === 'chromium') {
    shell = chromiumShell(async () => server.url, options.shell.kiosk, logger, io);
    io.stdout.write(`Passage kiosk (${config.mode}) at ${address}${shell ? ' in the Chromium shell' : ''}\n`);
  } else {
    // Only for a person at a terminal: the address with its token. A service announces it without.
    io.stdout.write(`Passage kiosk (${config.mode}) at ${options.pageFile ? address : server.url}\n`);
  }
  if (config.mode === 'simulated') io.stdout.write(`simulation control: http://127.0.0.1:${server.port}/sim/\n`);
  notifier?.notify(`READY=1\nSTATUS=serving the kiosk page on ${address}`);

  const restarting = await untilSignal(restartRequested);
  await stop();
  fatal.dispose();
  if (restarting) io.stdout.write(`restart requested by staff: exiting with status ${restartExitStatus} for the supervisor to start the kiosk again\n`);
  return restarting ? restartExitStatus : 0;
}

/** The Chromium shell alone, on a page a host started elsewhere wrote to `pageFile` (the installed kiosk session). */
async function runAttached(pageFile: string, io: CliIo): Promise<number> {
  const logger = stderrLogger('info');
  const shell = chromiumShell(() => readPageFile(pageFile), true, logger, io);
  if (!shell) return 2;
  const fatal = handleFatalErrors({ logger, stop: () => shell.stop(), exit: (code) => process.exit(code) });
  await untilSignal();
  await shell.stop();
  fatal.dispose();
  return 0;
}

function parseShell(value: string | true | undefined, browser: boolean): 'electron' | 'chromium' | 'none' | undefined | null {
  if (value === undefined) return browser ? 'none' : undefined;
  if (value === 'electron' || value === 'chromium' || value === 'none') return browser && value !== 'none' ? null : value;
  return null;
}

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'start the kiosk (Electron, or browser mode where Electron is missing)',
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, { values: ['port', 'config', 'shell', 'page-file', 'attach'], booleans: ['browser', 'open'] });
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
    const shell = parseShell(args.flags.get('shell'), args.flags.has('browser'));
    if (shell === null) {
      io.stderr.write(`passage start: --shell is electron, chromium or none (--browser means none), not '${String(args.flags.get('shell'))}'\n`);
      return 2;
    }
    const attach = args.flags.get('attach');
    if (typeof attach === 'string') {
      if (args.flags.size > 1 + (shell === 'chromium' ? 1 : 0) || (shell !== undefined && shell !== 'chromium')) {
        io.stderr.write('passage start: --attach runs the Chromium shell alone and takes no other option\n');
        return 2;
      }
      return runAttached(attach, io);
    }
    const configFlag = args.flags.get('config');
    const configPath = typeof configFlag === 'string' ? configFlag : process.env.PASSAGE_CONFIG || undefined;
    const pageFileFlag = args.flags.get('page-file');
    const pageFile = typeof pageFileFlag === 'string' ? resolve(pageFileFlag) : undefined;

    if (shell === 'chromium') return runHost({ port, configPath, pageFile, shell: { kind: 'chromium', kiosk: true } }, io);
    if (shell === 'none') return runHost({ port, configPath, pageFile, shell: args.flags.has('open') ? { kind: 'chromium', kiosk: false } : { kind: 'none' } }, io);
    const electron = findElectronBinary();
    if (electron) {
      const child = spawn(electron, [root], { stdio: 'inherit', env: { ...process.env, ...(configPath ? { PASSAGE_CONFIG: configPath } : {}) } });
      return new Promise((done) => child.on('exit', (code) => done(code ?? 1)));
    }
    if (shell === 'electron') {
      io.stderr.write('passage: the Electron binary is not installed (it is downloaded from GitHub); use --shell chromium\n');
      return 2;
    }
    io.stdout.write('Electron binary not installed (it is downloaded from GitHub); starting the host with a Chromium window instead.\n');
    return runHost({ port, configPath, pageFile, shell: { kind: 'chromium', kiosk: false } }, io);
  },
};

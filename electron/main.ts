import { app, BrowserWindow, ipcMain, Menu, protocol, session as electronSession, type IpcMainEvent, type WebContents } from 'electron';
import { join } from 'node:path';
import { ipcChannels } from './contract/channels.ts';
import { startSimServer } from './browser/sim-server.ts';
import { connectEndpoint, type ContractEndpoint } from './host/contract-endpoint.ts';
import { loadConfig } from './host/config.ts';
import { defaultDataDir, startHost, type Host } from './host/host.ts';
import { componentLogger, createLogger, type Logger } from './log/logger.ts';
import { startupFailureLine } from './cli/startup-failure.ts';
import { configHash } from './audit/config-hash.ts';
import { RecentLog } from './maintenance/recent-log.ts';
import { systemClock, type Clock } from '../drivers/clock.ts';
import { appOrigin, appPageUrl, appScheme, appSchemePrivileges, serveAppRequest } from './shell/app-protocol.ts';
import { fatalExitCode, handleFatalErrors } from './shell/fatal-errors.ts';
import { acquireInstanceLock, type InstanceLock } from './shell/instance-lock.ts';
import { isKioskEscape } from './shell/kiosk-keys.ts';
import { allowPermissionCheck, allowPermissionRequest } from './shell/kiosk-permissions.ts';
import { defaultPageFailurePolicy, pageFailurePolicy } from './shell/recovery-policy.ts';
import { startWatchdog, systemdNotifier } from './shell/systemd-notify.ts';

/** EX_TEMPFAIL: staff asked for a restart; the supervisor starts the kiosk again (docs/staff.md "Restart"). */
const restartExitStatus = 75;

/** Window options of the kiosk: the Electron security checklist (docs/architecture.md "Kiosk window hardening"). */
export function kioskWindowOptions(preloadPath: string): Electron.BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#f4f6f8',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

/** Only our own page may load: navigation, new windows and webviews are refused; kiosk-escaping keys are swallowed. */
export function lockDown(contents: WebContents, pageUrl: string, logger: Logger): void {
  contents.setWindowOpenHandler(({ url }) => {
    logger.warn({ url: url.slice(0, 80) }, 'window.open denied');
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (url !== pageUrl) {
      event.preventDefault();
      logger.warn({ url: url.slice(0, 80) }, 'navigation denied');
    }
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    if (isKioskEscape(input)) event.preventDefault();
  });
}

/** Bridges one window to the host over IPC, accepting messages only from that window's own page. */
export function attachIpc(host: Host, contents: WebContents, pageUrl: string, logger: Logger): () => void {
  const endpoint: ContractEndpoint = connectEndpoint(host.session, (message) => contents.send(ipcChannels.toUi, message), logger);
  const onMessage = (event: IpcMainEvent, raw: unknown) => {
    if (event.sender !== contents || event.senderFrame?.url !== pageUrl) {
      logger.warn('IPC message from an unexpected frame refused');
      return;
    }
    endpoint.receive(raw);
  };
  ipcMain.on(ipcChannels.toHost, onMessage);
  return () => {
    ipcMain.removeListener(ipcChannels.toHost, onMessage);
    endpoint.close();
  };
}

/**
 * Keeps the page up (docs/deployment.md "Recovery"): a renderer that is gone is reloaded; one that stays
 * unresponsive for `unresponsiveMs` is crashed on purpose, and so reloaded; a page that keeps failing calls
 * `restart` (a new Electron process). The same policy as the Chromium shell (shell/recovery-policy.ts).
 */
export function superviseWindow(
  window: BrowserWindow,
  deps: { logger: Logger; clock: Clock; restart: () => void; quitting?: () => boolean; unresponsiveMs?: number },
): void {
  const failures = pageFailurePolicy({ ...defaultPageFailurePolicy, now: deps.clock.now });
  const contents = window.webContents;
  let hangTimer: unknown = null;
  contents.on('render-process-gone', (_event, details) => {
    // A renderer that ends while the app quits is no failure.
    if (deps.quitting?.()) return;
    deps.logger.error({ reason: details.reason, exitCode: details.exitCode }, 'kiosk page is gone');
    if (failures.pageFailed() === 'relaunch') {
      deps.logger.error('kiosk page keeps failing; restarting the kiosk');
      deps.restart();
    } else {
      contents.reload();
    }
  });
  window.on('unresponsive', () => {
    if (hangTimer !== null) return;
    hangTimer = deps.clock.setTimeout(() => {
      hangTimer = null;
      deps.logger.error('kiosk page does not answer; reloading it');
      contents.forcefullyCrashRenderer();
    }, deps.unresponsiveMs ?? 5_000);
  });
  window.on('responsive', () => {
    if (hangTimer !== null) deps.clock.clearTimeout(hangTimer);
    hangTimer = null;
  });
}

/**
 * Closing the kiosk window (Alt+F4, a window manager) is refused; only a quit of the app, which first stops the
 * host, closes it. Returns the function that lets the window close.
 */
export function refuseClose(window: BrowserWindow, logger: Logger): () => void {
  let closable = false;
  window.on('close', (event) => {
    if (closable) return;
    event.preventDefault();
    logger.warn('window close refused');
  });
  return () => {
    closable = true;
  };
}

/** Must run before the app is ready: the `app://` scheme's privileges and the single-instance lock. */
export function beforeReady(): boolean {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: appSchemePrivileges }]);
  return app.requestSingleInstanceLock();
}

export async function runKiosk(appDir: string): Promise<void> {
  if (!beforeReady()) {
    console.error('passage: another Passage kiosk is already running (Electron single-instance lock); stop it first');
    app.exit(2);
    return;
  }
  const config = await loadConfig(process.env.PASSAGE_CONFIG || undefined);
  const recentLog = new RecentLog();
  const logger = createLogger({ level: config.log.level, alsoTo: [recentLog] });
  // The data directory's own lock too: a browser-mode host on the same directory must also be refused.
  const lock: InstanceLock = await acquireInstanceLock(config.dataDir ?? defaultDataDir());
  await app.whenReady();
  Menu.setApplicationMenu(null);
  const staticDir = join(appDir, 'renderer', 'dist');
  protocol.handle(appScheme, (request) => serveAppRequest(staticDir, request.url, request.method));
  // Camera for the OCR fallback (video only, our origin only) is the only permission the page ever gets.
  electronSession.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowPermissionRequest(permission, details as { requestingUrl?: string; mediaTypes?: string[] }, appOrigin)),
  );
  electronSession.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermissionCheck(permission, requestingOrigin, details, appOrigin),
  );

  let host: Host;
  // Staff asked for a restart: stop, then leave with the status the supervisor restarts on (docs/staff.md "Restart").
  let restarting = false;
  try {
    host = await startHost(config, {
      logger,
      configHash: configHash(config),
      recentLog,
      restart: () => {
        restarting = true;
        app.quit();
      },
    });
  } catch (error) {
    await lock.release();
    throw error;
  }
  const sim = config.mode === 'simulated' ? await startSimServer(host.simRoutes, config.simulation.controlPort, componentLogger(logger, 'sim')) : null;
  const notifier = systemdNotifier(process.env, logger);
  const watchdog = notifier ? startWatchdog({ env: process.env, notifier, healthy: () => host.session.state() !== undefined, clock: systemClock, logger }) : null;

  const window = new BrowserWindow(kioskWindowOptions(join(appDir, 'dist-electron', 'electron', 'preload.cjs')));
  const allowClose = refuseClose(window, logger);
  lockDown(window.webContents, appPageUrl, logger);
  // (Re)attach once the page can listen, so its first state is never sent into the void.
  let detach: () => void = () => undefined;
  window.webContents.on('did-finish-load', () => {
    detach();
    detach = attachIpc(host, window.webContents, appPageUrl, componentLogger(logger, 'ipc'));
  });
  window.once('ready-to-show', () => window.show());

  // Quitting waits for the host to stop (devices released, outbox closed) before the process ends.
  let stopping: Promise<void> | null = null;
  const stopAll = () =>
    (stopping ??= (async () => {
      notifier?.notify('STOPPING=1');
      watchdog?.stop();
      detach();
      await sim?.close();
      await host.stop();
      await lock.release();
      await notifier?.close();
    })());
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    allowClose();
    void stopAll().finally(() => {
      stopped = true;
      if (restarting) app.exit(restartExitStatus);
      else app.quit();
    });
  });
  app.on('window-all-closed', () => app.quit());
  app.on('second-instance', () => logger.warn('a second kiosk was started and refused'));
  handleFatalErrors({ logger, stop: stopAll, exit: (code) => app.exit(code) });
  superviseWindow(window, {
    logger,
    clock: systemClock,
    quitting: () => stopping !== null,
    // Under systemd its Restart= starts a new process; otherwise Electron starts one itself.
    restart: () =>
      void stopAll().finally(() => {
        if (process.env.INVOCATION_ID) {
          app.exit(fatalExitCode);
        } else {
          app.relaunch();
          app.exit(0);
        }
      }),
  });

  await window.loadURL(appPageUrl);
  notifier?.notify('READY=1\nSTATUS=showing the kiosk page');
}

// Entry point when Electron runs the compiled main (dist-electron/electron/main.js); tests import the functions above.
if (process.versions.electron && !process.env.VITEST) {
  runKiosk(app.getAppPath()).catch((error: unknown) => {
    const line = startupFailureLine(error);
    console.error(line === null ? error : `passage: ${line}`);
    app.exit(line === null ? 1 : 2);
  });
}

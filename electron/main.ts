import { app, BrowserWindow, ipcMain, Menu, session as electronSession, type IpcMainEvent, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ipcChannels } from './contract/channels.ts';
import { startSimServer } from './browser/sim-server.ts';
import { connectEndpoint, type ContractEndpoint } from './host/contract-endpoint.ts';
import { loadConfig } from './host/config.ts';
import { startHost, type Host } from './host/host.ts';
import { type Logger, componentLogger, createLogger } from './log/logger.ts';
import { startupFailureLine } from './cli/startup-failure.ts';
import { configHash } from './audit/config-hash.ts';
import { RecentLog } from './maintenance/recent-log.ts';

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

/** Only our own page may load: navigation, new windows and webviews are refused. */
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

export async function runKiosk(appDir: string): Promise<void> {
  const config = await loadConfig(process.env.PASSAGE_CONFIG || undefined);
  const recentLog = new RecentLog();
  const logger = createLogger({ level: config.log.level, alsoTo: [recentLog] });
  await app.whenReady();
  Menu.setApplicationMenu(null);
  // Camera for the OCR fallback is the only permission the page ever gets.
  electronSession.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'media'));

  let restarting = false;
  const host = await startHost(config, {
    logger,
    configHash: configHash(config),
    recentLog,
    restart: () => {
      restarting = true;
      app.quit();
    },
  });
  const sim = config.mode === 'simulated' ? await startSimServer(host.simRoutes, config.simulation.controlPort, componentLogger(logger, 'sim')) : null;

  const pagePath = join(appDir, 'renderer', 'dist', 'index.html');
  const pageUrl = pathToFileURL(pagePath).href;
  const window = new BrowserWindow(kioskWindowOptions(join(appDir, 'dist-electron', 'electron', 'preload.cjs')));
  lockDown(window.webContents, pageUrl, logger);
  // (Re)attach once the page can listen, so its first state is never sent into the void.
  let detach: () => void = () => undefined;
  window.webContents.on('did-finish-load', () => {
    detach();
    detach = attachIpc(host, window.webContents, pageUrl, componentLogger(logger, 'ipc'));
  });
  window.once('ready-to-show', () => window.show());
  await window.loadFile(pagePath);

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    // Stop the host first (the audit trail records the stop), then leave with the status the supervisor reads.
    event.preventDefault();
    detach();
    void Promise.all([sim?.close(), host.stop()]).finally(() => app.exit(restarting ? restartExitStatus : 0));
  });
}

// Entry point when Electron runs the compiled main (dist-electron/electron/main.js); tests import the functions above.
if (process.versions.electron && !process.env.VITEST) {
  runKiosk(app.getAppPath()).catch((error: unknown) => {
    const line = startupFailureLine(error);
    console.error(line === null ? error : `passage: ${line}`);
    app.exit(line === null ? 1 : 2);
  });
}

import { EventEmitter } from 'node:events';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The whole of `electron` the main process uses, faked: the real package downloads a binary on import.
const appEvents = new EventEmitter();
const windows: FakeWindow[] = [];
type RequestHandler = (contents: unknown, permission: string, callback: (allow: boolean) => void, details: unknown) => void;
type CheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;
const handlers: { request?: RequestHandler; check?: CheckHandler; protocol?: (request: Request) => Promise<Response> } = {};

class FakeContents extends EventEmitter {
  sent: { channel: string; message: unknown }[] = [];
  reload = vi.fn();
  forcefullyCrashRenderer = vi.fn();
  send(channel: string, message: unknown) {
    this.sent.push({ channel, message });
  }
  setWindowOpenHandler() {}
}

class FakeWindow extends EventEmitter {
  readonly webContents = new FakeContents();
  loaded: string | null = null;
  constructor(readonly options: { kiosk?: boolean; webPreferences?: Record<string, unknown> }) {
    super();
    windows.push(this);
  }
  async loadURL(url: string) {
    this.loaded = url;
  }
  show() {}
}

const app = {
  whenReady: async () => undefined,
  on: (event: string, listener: (...args: unknown[]) => void) => appEvents.on(event, listener),
  quit: vi.fn(),
  exit: vi.fn(),
  relaunch: vi.fn(),
  requestSingleInstanceLock: vi.fn(() => true),
  getAppPath: () => '/opt/passage',
};
const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn((_scheme: string, handler: (request: Request) => Promise<Response>) => (handlers.protocol = handler)),
};
const setApplicationMenu = vi.fn();
vi.mock('electron', () => ({
  app,
  protocol,
  BrowserWindow: FakeWindow,
  Menu: { setApplicationMenu },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: RequestHandler) => (handlers.request = h),
      setPermissionCheckHandler: (h: CheckHandler) => (handlers.check = h),
    },
  },
  ipcMain: new EventEmitter(),
}));

const { runKiosk } = await import('../../electron/main.ts');
const { ipcChannels } = await import('../../electron/contract/channels.ts');
const { acquireInstanceLock } = await import('../../electron/shell/instance-lock.ts');

/** A quick host (no OCR worker, no platform simulator, no transactions; control API on a free port) and a built UI. */
function kioskFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'passage-electron-'));
  const config = join(dir, 'kiosk.json');
  writeFileSync(config, JSON.stringify({ dataDir: join(dir, 'data'), services: [], verifyHolders: false, ocr: { enabled: false }, simulation: { controlPort: 0 }, log: { level: 'silent' } }));
  const appDir = join(dir, 'app');
  mkdirSync(join(appDir, 'renderer', 'dist'), { recursive: true });
  writeFileSync(join(appDir, 'renderer', 'dist', 'index.html'), '<!doctype html><title>Passage</title>');
  writeFileSync(join(dir, 'secret.txt'), 'not for the page');
  return { dir, config, appDir, dataDir: join(dir, 'data') };
}

beforeEach(() => {
  windows.length = 0;
  appEvents.removeAllListeners();
  vi.clearAllMocks();
  app.requestSingleInstanceLock.mockReturnValue(true);
});

describe('runKiosk (Electron main process)', () => {
  it('starts the host, opens one hardened kiosk window on app://kiosk and speaks the contract over IPC', async () => {
    const files = kioskFiles();
    vi.stubEnv('PASSAGE_CONFIG', files.config);
    await runKiosk(files.appDir);

    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(setApplicationMenu).toHaveBeenCalledWith(null);
    expect(windows).toHaveLength(1);
    const [window] = windows;
    expect(window?.options).toMatchObject({ kiosk: true, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, preload: join(files.appDir, 'dist-electron/electron/preload.cjs') } });
    expect(window?.loaded).toBe('app://kiosk/index.html');

    // Nothing is sent before the page can listen; the first state follows its load.
    expect(window?.webContents.sent).toEqual([]);
    window?.webContents.emit('did-finish-load');
    expect(window?.webContents.sent[0]).toMatchObject({ channel: ipcChannels.toUi, message: { type: 'state', state: { screen: { name: 'attract' } } } });

    appEvents.emit('before-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
  });

  it('serves the built UI on app:// with a Content-Security-Policy, and nothing outside it', async () => {
    const files = kioskFiles();
    vi.stubEnv('PASSAGE_CONFIG', files.config);
    await runKiosk(files.appDir);
    const page = await handlers.protocol!(new Request('app://kiosk/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Passage</title>');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect((await handlers.protocol!(new Request('app://kiosk/%2e%2e/%2e%2e/%2e%2e/secret.txt'))).status).toBe(404);
    expect((await handlers.protocol!(new Request('app://elsewhere/index.html'))).status).toBe(404);
    appEvents.emit('before-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
  });

  it('grants the camera, video only, to the kiosk origin only', async () => {
    const files = kioskFiles();
    vi.stubEnv('PASSAGE_CONFIG', files.config);
    await runKiosk(files.appDir);
    const ask = (permission: string, details: unknown) => {
      let answer: boolean | undefined;
      handlers.request!({}, permission, (allow) => (answer = allow), details);
      return answer;
    };
    expect(ask('media', { requestingUrl: 'app://kiosk/index.html', mediaTypes: ['video'] })).toBe(true);
    expect(ask('media', { requestingUrl: 'app://kiosk/index.html', mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(ask('media', { requestingUrl: 'app://kiosk/index.html', mediaTypes: ['audio'] })).toBe(false);
    expect(ask('media', { requestingUrl: 'https://ads.example/', mediaTypes: ['video'] })).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'display-capture']) {
      expect(ask(permission, { requestingUrl: 'app://kiosk/index.html', mediaTypes: ['video'] })).toBe(false);
    }
    expect(handlers.check!({}, 'media', 'app://kiosk', { mediaType: 'video' })).toBe(true);
    expect(handlers.check!({}, 'media', 'app://kiosk', { mediaType: 'audio' })).toBe(false);
    expect(handlers.check!({}, 'media', 'https://ads.example', { mediaType: 'video' })).toBe(false);
    expect(handlers.check!({}, 'geolocation', 'app://kiosk', {})).toBe(false);
    appEvents.emit('before-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
  });

  it('refuses to close its window, and quits only once the host has stopped', async () => {
    const files = kioskFiles();
    vi.stubEnv('PASSAGE_CONFIG', files.config);
    await runKiosk(files.appDir);
    const [window] = windows;
    const close = { preventDefault: vi.fn() };
    window?.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();

    const quit = { preventDefault: vi.fn() };
    appEvents.emit('before-quit', quit);
    expect(quit.preventDefault).toHaveBeenCalled();
    expect(app.quit).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    // By then the host had stopped and let go of its data directory.
    const lock = await acquireInstanceLock(files.dataDir);
    await lock.release();
    // The quit that follows goes through, and the window may close now.
    const second = { preventDefault: vi.fn() };
    appEvents.emit('before-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    const closeNow = { preventDefault: vi.fn() };
    window?.emit('close', closeNow);
    expect(closeNow.preventDefault).not.toHaveBeenCalled();
  });

  it('reloads a page whose renderer is gone, and restarts the kiosk when it keeps failing', async () => {
    const files = kioskFiles();
    vi.stubEnv('PASSAGE_CONFIG', files.config);
    vi.stubEnv('INVOCATION_ID', '');
    await runKiosk(files.appDir);
    const contents = windows[0]!.webContents;
    for (let i = 0; i < 3; i++) contents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    expect(contents.reload).toHaveBeenCalledTimes(3);
    expect(app.relaunch).not.toHaveBeenCalled();
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    expect(contents.reload).toHaveBeenCalledTimes(3);
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
    expect(app.relaunch).toHaveBeenCalledTimes(1);
  });

  it('under systemd, leaves the restart to it with the restart status', async () => {
    const files = kioskFiles();
    vi.stubEnv('PASSAGE_CONFIG', files.config);
    vi.stubEnv('INVOCATION_ID', '0123456789abcdef');
    await runKiosk(files.appDir);
    const contents = windows[0]!.webContents;
    for (let i = 0; i < 4; i++) contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(70));
    expect(app.relaunch).not.toHaveBeenCalled();
  });

  it('refuses to start as a second copy, before opening anything', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await runKiosk('/opt/passage');
    expect(app.exit).toHaveBeenCalledWith(2);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('another Passage kiosk is already running'));
    expect(windows).toHaveLength(0);
    error.mockRestore();
  });

  it('refuses to start on a data directory another kiosk holds', async () => {
    const files = kioskFiles();
    vi.stubEnv('PASSAGE_CONFIG', files.config);
    const held = await acquireInstanceLock(files.dataDir);
    try {
      await expect(runKiosk(files.appDir)).rejects.toThrow('is already running on the data directory');
      expect(windows).toHaveLength(0);
    } finally {
      await held.release();
    }
  });
});

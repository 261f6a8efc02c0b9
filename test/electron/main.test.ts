import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Importing the real `electron` package downloads the binary (docs/toolchain.md "Electron"), so it is replaced whole.
const ipcMain = new EventEmitter();
vi.mock('electron', () => ({
  app: { whenReady: vi.fn(), on: vi.fn(), getAppPath: vi.fn(), exit: vi.fn() },
  BrowserWindow: vi.fn(),
  Menu: { setApplicationMenu: vi.fn() },
  session: { defaultSession: { setPermissionRequestHandler: vi.fn() } },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  ipcMain,
}));

const { kioskWindowOptions, lockDown, attachIpc, superviseWindow } = await import('../../electron/main.ts');
const { ipcChannels } = await import('../../electron/contract/channels.ts');
const { Session } = await import('../../electron/session/session.ts');
const { silentLogger } = await import('../../electron/log/logger.ts');
const { systemClock } = await import('../../drivers/clock.ts');

const pageUrl = 'file:///opt/passage/renderer/dist/index.html';

class FakeContents extends EventEmitter {
  sent: { channel: string; message: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  send(channel: string, message: unknown) {
    this.sent.push({ channel, message });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

function newSession() {
  return new Session({ defaultLanguage: 'en', idleTimeoutMs: 60_000, idleWarningMs: 10_000, mode: 'simulated' }, { clock: systemClock, logger: silentLogger() });
}

beforeEach(() => ipcMain.removeAllListeners());

describe('kiosk window', () => {
  it('is hardened: kiosk, sandboxed, isolated, no node in the page', () => {
    const options = kioskWindowOptions('/app/preload.cjs');
    expect(options.kiosk).toBe(true);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('denies window.open, foreign navigation and webviews', () => {
    const contents = new FakeContents();
    lockDown(contents as never, pageUrl, silentLogger());
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });

    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://example.com/phish');
    expect(away.preventDefault).toHaveBeenCalled();
    const reload = { preventDefault: vi.fn() };
    contents.emit('will-navigate', reload, pageUrl);
    expect(reload.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('swallows keys that would leave the kiosk, and lets typing through', () => {
    const contents = new FakeContents();
    lockDown(contents as never, pageUrl, silentLogger());
    const press = (key: string, modifiers: { control?: boolean; alt?: boolean; meta?: boolean } = {}) => {
      const event = { preventDefault: vi.fn() };
      contents.emit('before-input-event', event, { type: 'keyDown', key, control: false, alt: false, meta: false, shift: false, ...modifiers });
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(press('F4', { alt: true })).toBe(true);
    expect(press('w', { control: true })).toBe(true);
    expect(press('I', { control: true })).toBe(true);
    expect(press('F5')).toBe(true);
    expect(press('F11')).toBe(true);
    expect(press('F12')).toBe(true);
    expect(press('Tab', { alt: true })).toBe(true);
    expect(press('a')).toBe(false);
    expect(press('Enter')).toBe(false);
    expect(press('Backspace')).toBe(false);
    expect(press('Escape')).toBe(false);
  });
});

describe('window supervision', () => {
  class FakeWindow extends EventEmitter {
    readonly webContents = Object.assign(new FakeContents(), { reload: vi.fn(), forcefullyCrashRenderer: vi.fn() });
  }
  function fakeClock() {
    const timers = new Map<number, () => void>();
    let next = 0;
    return {
      now: () => 0,
      monotonic: () => 0,
      setTimeout: (fn: () => void) => (timers.set(++next, fn), next),
      clearTimeout: (id: unknown) => timers.delete(id as number),
      timers,
    };
  }

  it('crashes a page that stays unresponsive, so that it is reloaded; one that recovers in time is left alone', () => {
    const window = new FakeWindow();
    const clock = fakeClock();
    superviseWindow(window as never, { logger: silentLogger(), clock, restart: vi.fn() });
    window.emit('unresponsive');
    window.emit('responsive');
    expect(clock.timers.size).toBe(0);
    window.emit('unresponsive');
    window.emit('unresponsive');
    expect(clock.timers.size).toBe(1);
    [...clock.timers.values()][0]?.();
    expect(window.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    // The crash is reported as a gone renderer, which reloads the page.
    window.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    expect(window.webContents.reload).toHaveBeenCalledTimes(1);
  });

  it('leaves a renderer that ends while the app quits alone', () => {
    const window = new FakeWindow();
    const restart = vi.fn();
    superviseWindow(window as never, { logger: silentLogger(), clock: fakeClock(), restart, quitting: () => true });
    for (let i = 0; i < 5; i++) window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(window.webContents.reload).not.toHaveBeenCalled();
    expect(restart).not.toHaveBeenCalled();
  });
});

describe('IPC transport', () => {
  it('sends the state on attach and runs commands from the kiosk page', () => {
    const session = newSession();
    const contents = new FakeContents();
    attachIpc({ session } as never, contents as never, pageUrl, silentLogger());
    expect(contents.sent[0]).toMatchObject({ channel: ipcChannels.toUi, message: { type: 'state', state: { screen: { name: 'attract' } } } });

    ipcMain.emit(ipcChannels.toHost, { sender: contents, senderFrame: { url: pageUrl } }, { type: 'command', command: { type: 'start' } });
    expect(session.state().screen.name).toBe('document');
    expect(contents.sent.at(-1)).toMatchObject({ message: { type: 'state', state: { screen: { name: 'document' } } } });
  });

  it('rejects malformed messages through the same contract as the WebSocket', () => {
    const session = newSession();
    const contents = new FakeContents();
    attachIpc({ session } as never, contents as never, pageUrl, silentLogger());
    ipcMain.emit(ipcChannels.toHost, { sender: contents, senderFrame: { url: pageUrl } }, { type: 'command', command: { type: 'exec' } });
    expect(contents.sent.at(-1)).toMatchObject({ message: { type: 'rejected' } });
    expect(session.state().screen.name).toBe('attract');
  });

  it('ignores messages from another frame or window', () => {
    const session = newSession();
    const contents = new FakeContents();
    attachIpc({ session } as never, contents as never, pageUrl, silentLogger());
    ipcMain.emit(ipcChannels.toHost, { sender: contents, senderFrame: { url: 'https://ads.example/frame' } }, { type: 'command', command: { type: 'start' } });
    ipcMain.emit(ipcChannels.toHost, { sender: new FakeContents(), senderFrame: { url: pageUrl } }, { type: 'command', command: { type: 'start' } });
    expect(session.state().screen.name).toBe('attract');
  });

  it('stops listening when detached', () => {
    const session = newSession();
    const contents = new FakeContents();
    const detach = attachIpc({ session } as never, contents as never, pageUrl, silentLogger());
    detach();
    expect(ipcMain.listenerCount(ipcChannels.toHost)).toBe(0);
  });
});

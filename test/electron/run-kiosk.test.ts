import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The whole of `electron` the main process uses, faked: the real package downloads a binary on import.
const appEvents = new EventEmitter();
const windows: FakeWindow[] = [];
let permissionHandler: ((contents: unknown, permission: string, callback: (allow: boolean) => void) => void) | undefined;

class FakeContents extends EventEmitter {
  sent: { channel: string; message: unknown }[] = [];
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
  async loadFile(path: string) {
    this.loaded = path;
  }
  show() {}
}

const setApplicationMenu = vi.fn();
vi.mock('electron', () => ({
  app: {
    whenReady: async () => undefined,
    on: (event: string, listener: () => void) => appEvents.on(event, listener),
    quit: vi.fn(),
    exit: vi.fn(),
    getAppPath: () => '/opt/passage',
  },
  BrowserWindow: FakeWindow,
  Menu: { setApplicationMenu },
  session: { defaultSession: { setPermissionRequestHandler: (h: typeof permissionHandler) => (permissionHandler = h) } },
  ipcMain: new EventEmitter(),
}));

const { runKiosk } = await import('../../electron/main.ts');
const { ipcChannels } = await import('../../electron/contract/channels.ts');

afterAll(() => {
  appEvents.emit('before-quit', { preventDefault: () => undefined });
});

describe('runKiosk (Electron main process)', () => {
  it('starts the host, opens one hardened kiosk window on the built UI and speaks the contract over IPC', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-electron-'));
    const config = join(dir, 'kiosk.json');
    // A quick host: no OCR worker, no platform simulator, no transactions; control API on a free port.
    writeFileSync(config, JSON.stringify({ dataDir: dir, services: [], verifyHolders: false, ocr: { enabled: false }, simulation: { controlPort: 0 }, log: { level: 'silent' } }));
    vi.stubEnv('PASSAGE_CONFIG', config);

    await runKiosk('/opt/passage');

    expect(setApplicationMenu).toHaveBeenCalledWith(null);
    const answers: Record<string, boolean> = {};
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) permissionHandler?.({}, permission, (allow) => (answers[permission] = allow));
    expect(answers).toEqual({ media: true, geolocation: false, notifications: false, 'clipboard-read': false });

    expect(windows).toHaveLength(1);
    const [window] = windows;
    expect(window?.options).toMatchObject({ kiosk: true, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, preload: '/opt/passage/dist-electron/electron/preload.cjs' } });
    expect(window?.loaded).toBe('/opt/passage/renderer/dist/index.html');

    // Nothing is sent before the page can listen; the first state follows its load.
    expect(window?.webContents.sent).toEqual([]);
    window?.webContents.emit('did-finish-load');
    expect(window?.webContents.sent[0]).toMatchObject({ channel: ipcChannels.toUi, message: { type: 'state', state: { screen: { name: 'attract' } } } });
  });
});

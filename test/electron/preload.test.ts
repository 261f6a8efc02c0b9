import { describe, expect, it, vi } from 'vitest';

const exposed: Record<string, unknown> = {};
const ipcRenderer = { send: vi.fn(), on: vi.fn(), removeListener: vi.fn() };
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer,
}));

await import('../../electron/preload.ts');
const { ipcChannels } = await import('../../electron/contract/channels.ts');

describe('preload bridge', () => {
  it('exposes only the contract: one object with send and onMessage', () => {
    expect(Object.keys(exposed)).toEqual(['passage']);
    expect(Object.keys(exposed.passage as object).sort()).toEqual(['onMessage', 'send']);
  });

  it('sends on the contract channel and unsubscribes cleanly', () => {
    const bridge = exposed.passage as { send(m: unknown): void; onMessage(l: (raw: unknown) => void): () => void };
    bridge.send({ type: 'command', command: { type: 'start' } });
    expect(ipcRenderer.send).toHaveBeenCalledWith(ipcChannels.toHost, { type: 'command', command: { type: 'start' } });

    const listener = vi.fn();
    const off = bridge.onMessage(listener);
    const [channel, handler] = ipcRenderer.on.mock.calls[0] as [string, (e: unknown, raw: unknown) => void];
    expect(channel).toBe(ipcChannels.toUi);
    handler({ senderId: 0 }, { type: 'state' });
    expect(listener).toHaveBeenCalledWith({ type: 'state' });
    off();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith(ipcChannels.toUi, handler);
  });
});

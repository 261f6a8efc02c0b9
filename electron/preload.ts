import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannels } from './contract/channels.ts';

/**
 * Exposes the contract and nothing else (docs/architecture.md "Kiosk window hardening": no ipcRenderer in the page).
 * Messages are validated on both sides by the contract's schemas, in the main process and in the renderer.
 */
export const bridge = {
  send(message: unknown): void {
    ipcRenderer.send(ipcChannels.toHost, message);
  },
  onMessage(listener: (raw: unknown) => void): () => void {
    const handler = (_event: IpcRendererEvent, raw: unknown) => listener(raw);
    ipcRenderer.on(ipcChannels.toUi, handler);
    return () => {
      ipcRenderer.removeListener(ipcChannels.toUi, handler);
    };
  },
};

contextBridge.exposeInMainWorld('passage', bridge);

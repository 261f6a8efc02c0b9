import type { Page } from 'playwright-core';
import type { Command, SessionState } from '../../../electron/contract/index.ts';

/**
 * The UI's own socket, opened a second time from the page: what the kiosk publishes, and commands sent as the
 * screen sends them (to reset the kiosk between tests without a path of taps).
 */
function socket<T>(page: Page, command: Command | null): Promise<T> {
  return page.evaluate(
    (cmd) =>
      new Promise<T>((resolve, reject) => {
        const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
        const ws = new WebSocket(`ws://${location.host}/ws?token=${encodeURIComponent(token)}`);
        ws.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { type: string; state?: unknown };
          if (message.type !== 'state' || !message.state) return;
          if (cmd) ws.send(JSON.stringify({ type: 'command', command: cmd }));
          // Closing right after sending could drop the command: close once it has been flushed.
          const close = () => (ws.bufferedAmount === 0 ? (ws.close(), resolve(message.state as T)) : setTimeout(close, 10));
          close();
        };
        ws.onerror = () => reject(new Error('state socket failed'));
      }),
    command,
  );
}

/** The state the kiosk publishes now, read over the UI's own socket as the page reads it. */
export function publishedState(page: Page): Promise<SessionState> {
  return socket<SessionState>(page, null);
}

/** Sends one command as the screen would (the state returned is the one before it). */
export async function sendCommand(page: Page, command: Command): Promise<void> {
  await socket<SessionState>(page, command);
}

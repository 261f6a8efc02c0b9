import WebSocket from 'ws';
import { decodeHostMessage, type Command, type SessionState } from '../../../electron/contract/index.ts';
import type { KioskProcess } from './kiosk-process.ts';

/**
 * The kiosk's UI socket opened from the test, as a second screen would open it: the same contract messages
 * the touchscreen sends and receives, so a test can read the state the screen renders and send a traveller's
 * or staff member's command without a tap (to put the kiosk back to its start between tests).
 */
export interface KioskSocket {
  /** The latest state the host published. */
  state(): SessionState;
  send(command: Command): void;
  /** Resolves with the first state (the latest included) for which `predicate` holds; rejects naming `what`. */
  until(predicate: (state: SessionState) => boolean, what: string, timeoutMs?: number): Promise<SessionState>;
}

export async function withKioskSocket<T>(kiosk: KioskProcess, use: (socket: KioskSocket) => Promise<T>): Promise<T> {
  const url = new URL(kiosk.url);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const ws = new WebSocket(`ws://127.0.0.1:${kiosk.port}/ws?token=${encodeURIComponent(token)}`);
  let latest: SessionState | null = null;
  let failure: Error | null = null;
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    const decoded = decodeHostMessage(String(data));
    if (!decoded.ok) failure = new Error(`the kiosk sent a message outside the contract: ${decoded.reason}`);
    else if (decoded.value.type === 'rejected') failure = new Error(`the kiosk rejected a test command: ${decoded.value.reason}`);
    else latest = decoded.value.state;
    for (const wake of [...waiters]) wake();
  });
  const socket: KioskSocket = {
    state() {
      if (!latest) throw new Error('no state from the kiosk yet');
      return latest;
    },
    send(command) {
      ws.send(JSON.stringify({ type: 'command', command }));
    },
    until(predicate, what, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (failure) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(failure);
          } else if (latest && predicate(latest)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(latest);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the kiosk never reached ${what}; last state: ${JSON.stringify(latest)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await socket.until(() => true, 'a first state');
    return await use(socket);
  } finally {
    ws.close();
  }
}

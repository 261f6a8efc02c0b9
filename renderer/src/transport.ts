import {
  commandMessage,
  decodeHostMessage,
  type Command,
  type SessionState,
  type UiMessage,
} from '../../electron/contract/index.ts';

/** What the UI needs from a transport: send intents, receive states. Both transports are this shape. */
export interface Transport {
  send(command: Command): void;
  subscribe(listener: (event: TransportEvent) => void): () => void;
}

export type TransportEvent =
  | { type: 'state'; state: SessionState }
  | { type: 'connection'; connected: boolean }
  | { type: 'rejected'; reason: string }
  /** Browser mode: the page's address has no token, or not this run's (the host was restarted since). */
  | { type: 'unauthorized'; token: 'missing' | 'wrong' };

/** The bridge `electron/preload.ts` exposes; absent in browser mode. */
export interface PassageBridge {
  send(message: UiMessage): void;
  onMessage(listener: (raw: unknown) => void): () => void;
}

declare global {
  interface Window {
    passage?: PassageBridge;
  }
}

class Emitter {
  readonly listeners = new Set<(event: TransportEvent) => void>();
  lastRevision = -1;
  emit(event: TransportEvent): void {
    for (const l of [...this.listeners]) l(event);
  }
  /** Validates what the host sent, exactly as the host validates what we send. */
  receive(raw: unknown): void {
    const decoded = decodeHostMessage(raw);
    if (!decoded.ok) {
      console.warn('passage: ignored an invalid host message:', decoded.reason);
      return;
    }
    const message = decoded.value;
    if (message.type === 'state') {
      if (message.state.revision <= this.lastRevision) return;
      this.lastRevision = message.state.revision;
      this.emit({ type: 'state', state: message.state });
    } else {
      this.emit({ type: 'rejected', reason: message.reason });
    }
  }
}

function ipcTransport(bridge: PassageBridge): Transport {
  const emitter = new Emitter();
  bridge.onMessage((raw) => emitter.receive(raw));
  return {
    send: (command) => bridge.send(commandMessage(command)),
    subscribe(listener) {
      emitter.listeners.add(listener);
      listener({ type: 'connection', connected: true });
      return () => emitter.listeners.delete(listener);
    },
  };
}

function webSocketTransport(win: Window): Transport {
  const emitter = new Emitter();
  const token = new URLSearchParams(win.location.hash.slice(1)).get('token') ?? '';
  const url = `${win.location.protocol === 'https:' ? 'wss' : 'ws'}://${win.location.host}/ws?token=${encodeURIComponent(token)}`;
  let socket: WebSocket | null = null;
  let delay = 250;
  let unauthorized: TransportEvent | null = token ? null : { type: 'unauthorized', token: 'missing' };

  /** A refused connection and a host that is down look alike to a WebSocket: ask the host which it is. */
  const tokenRefused = async (): Promise<boolean> => {
    try {
      return (await fetch('/auth', { headers: { 'x-passage-token': token }, cache: 'no-store' })).status === 401;
    } catch {
      return false;
    }
  };

  const open = () => {
    const ws = new WebSocket(url);
    let opened = false;
    socket = ws;
    ws.onopen = () => {
      opened = true;
      delay = 250;
      // A new connection starts a new revision sequence only if the host restarted; accept its first state.
      emitter.lastRevision = -1;
      emitter.emit({ type: 'connection', connected: true });
    };
    ws.onmessage = (event) => emitter.receive(typeof event.data === 'string' ? event.data : null);
    ws.onclose = () => {
      socket = null;
      emitter.emit({ type: 'connection', connected: false });
      void (opened ? Promise.resolve(false) : tokenRefused()).then((refused) => {
        if (refused) {
          // Retrying cannot help: only the address printed at this run's start can.
          unauthorized = { type: 'unauthorized', token: 'wrong' };
          emitter.emit(unauthorized);
          return;
        }
        setTimeout(open, delay);
        delay = Math.min(delay * 2, 5000);
      });
    };
  };
  if (!unauthorized) open();

  return {
    send(command) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(commandMessage(command)));
    },
    subscribe(listener) {
      emitter.listeners.add(listener);
      if (unauthorized) listener(unauthorized);
      return () => emitter.listeners.delete(listener);
    },
  };
}

/** Electron's preload bridge when present, else the browser-mode WebSocket. Nothing else differs. */
export function connectTransport(win: Window): Transport {
  return win.passage ? ipcTransport(win.passage) : webSocketTransport(win);
}

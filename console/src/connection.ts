import type { ConsoleMessage, ConsoleRequest } from '../../electron/fleet/console/console-protocol.ts';

export type LoginResult = { ok: true; token: string; user: string } | { ok: false; error: string };

/** Logs in at the console server, which logs in at the broker with these credentials. */
export async function login(user: string, password: string): Promise<LoginResult> {
  try {
    const res = await fetch('./api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, password }) });
    const body = (await res.json()) as { token?: string; user?: string; error?: string };
    return res.ok && body.token ? { ok: true, token: body.token, user: body.user ?? user } : { ok: false, error: body.error ?? `login failed (${res.status})` };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** Ends the login: the console server closes this person's broker connection. */
export async function logout(token: string): Promise<void> {
  await fetch('./api/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
}

export interface ConsoleLink {
  send(request: ConsoleRequest): void;
  close(): void;
}

/** The page's WebSocket to the console server; reconnects after a pause while the session lasts. */
export function openLink(token: string, onMessage: (message: ConsoleMessage) => void, onOpen: (open: boolean) => void): ConsoleLink {
  let socket: WebSocket | null = null;
  let closed = false;
  const connect = () => {
    const url = new URL(`./ws?token=${encodeURIComponent(token)}`, location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(url);
    socket.onopen = () => onOpen(true);
    socket.onmessage = (e) => onMessage(JSON.parse(String(e.data)) as ConsoleMessage);
    socket.onclose = () => {
      onOpen(false);
      if (!closed) setTimeout(connect, 2_000);
    };
  };
  connect();
  return {
    send: (request) => socket?.readyState === WebSocket.OPEN && socket.send(JSON.stringify(request)),
    close: () => {
      closed = true;
      socket?.close();
    },
  };
}

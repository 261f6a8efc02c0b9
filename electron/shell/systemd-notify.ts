import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import type { Logger } from '../log/logger.ts';
import type { Clock } from '../../drivers/clock.ts';

/**
 * Tells systemd how the kiosk is doing (sd_notify: `READY=1`, `WATCHDOG=1`, `STOPPING=1`, `STATUS=…`), for a
 * service of `Type=notify` with `WatchdogSec=` (docs/deployment.md "Watchdog"). The messages are datagrams on
 * the Unix socket named by `$NOTIFY_SOCKET`, which Node cannot send. `systemd-notify` can, but it exits right
 * after sending, and a systemd that reads the message after its sender has gone may no longer tell which
 * service sent it and drop it (a race systemd fixed only after the version in Debian 12). So one `socat` process
 * is kept for the life of the kiosk and each message is written to its standard input, which it sends as one
 * datagram; the service needs `NotifyAccess=all`.
 */
export interface SystemdNotifier {
  notify(message: string): void;
  close(): Promise<void>;
}

/** socat's address for the notify socket: a path, or `@name` in the abstract namespace. Null when unusable. */
export function notifyAddress(socket: string): string | null {
  if (!/^[@/][\w./@-]*$/.test(socket)) return null;
  return socket.startsWith('@') ? `ABSTRACT-SENDTO:${socket.slice(1)}` : `UNIX-SENDTO:${socket}`;
}

/** The notifier for `$NOTIFY_SOCKET`, or null when the kiosk was not started by systemd as a notify service. */
export function systemdNotifier(env: NodeJS.ProcessEnv, logger: Logger, socat = 'socat'): SystemdNotifier | null {
  const socket = env.NOTIFY_SOCKET;
  if (!socket) return null;
  const address = notifyAddress(socket);
  if (!address) {
    logger.error({ socket }, 'NOTIFY_SOCKET is not a socket path this kiosk can use; systemd will not hear from it');
    return null;
  }
  const child: ChildProcess = spawn(socat, ['-u', 'STDIN', address], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  let gone = false;
  child.stderr?.on('data', (chunk) => (stderr = (stderr + String(chunk)).slice(-1_000)));
  child.stdin?.on('error', () => undefined);
  child.once('error', (error) => logger.error({ err: error }, 'socat could not be started (Debian: apt install socat); systemd will not hear from the kiosk'));
  const exited = new Promise<void>((resolve) =>
    child.once('close', (code) => {
      gone = true;
      if (code !== 0) logger.error({ code, stderr: stderr.trim() }, 'the systemd notifier stopped; the watchdog will restart the kiosk');
      resolve();
    }),
  );
  // The notifier must not keep the process alive on its own.
  child.unref();
  for (const stream of [child.stdin, child.stderr]) (stream as Partial<Socket> | null)?.unref?.();
  return {
    notify(message) {
      if (!gone) child.stdin?.write(`${message}\n`);
    },
    async close() {
      // Held open again until socat has sent the last message and gone.
      child.ref();
      for (const stream of [child.stdin, child.stderr]) (stream as Partial<Socket> | null)?.ref?.();
      child.stdin?.end();
      await exited;
    },
  };
}

export interface Watchdog {
  stop(): void;
}

/**
 * Sends `WATCHDOG=1` every half of `$WATCHDOG_USEC` (sd_watchdog_enabled(3)), and only while `healthy()`
 * says so: a blocked event loop sends nothing because the timer cannot fire, and an unhealthy kiosk withholds
 * the ping on purpose, so in both cases systemd kills and restarts it. Returns null when systemd asked for no
 * watchdog, or asked it of another process (`$WATCHDOG_PID`).
 */
export function startWatchdog(options: {
  env: NodeJS.ProcessEnv;
  notifier: SystemdNotifier;
  healthy: () => boolean;
  clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  logger: Logger;
  pid?: number;
}): Watchdog | null {
  const usec = Number(options.env.WATCHDOG_USEC);
  if (!Number.isFinite(usec) || usec <= 0) return null;
  if (options.env.WATCHDOG_PID && Number(options.env.WATCHDOG_PID) !== (options.pid ?? process.pid)) return null;
  const intervalMs = Math.max(1, Math.floor(usec / 2_000));
  let timer: unknown = null;
  let withheld = false;
  const tick = () => {
    let ok = false;
    try {
      ok = options.healthy();
    } catch (error) {
      options.logger.error({ err: error }, 'health check failed');
    }
    if (ok) {
      options.notifier.notify('WATCHDOG=1');
      if (withheld) options.logger.info('kiosk healthy again; watchdog pings resumed');
      withheld = false;
    } else if (!withheld) {
      withheld = true;
      options.logger.error('kiosk unhealthy; watchdog pings withheld so that systemd restarts it');
    }
    timer = options.clock.setTimeout(tick, intervalMs);
  };
  tick();
  return {
    stop() {
      if (timer !== null) options.clock.clearTimeout(timer);
      timer = null;
    },
  };
}

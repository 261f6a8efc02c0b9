import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { resolve } from 'node:path';
import { SetupError } from '../../drivers/setup-error.ts';

/**
 * One kiosk per data directory (docs/deployment.md "Single instance"). A second copy would open the serial
 * ports and the outbox again, so it must not get past this point.
 *
 * The lock is a listening Unix socket in Linux's abstract namespace, named after the data directory: binding it
 * either succeeds or fails at once (no check-then-create race), and the kernel releases it the moment its
 * holder dies, even by SIGKILL, so a crash leaves no stale lock behind to clean up. A second copy connects to
 * it and is told who holds it.
 */

export interface InstanceLock {
  readonly name: string;
  release(): Promise<void>;
}

export class InstanceLockedError extends SetupError {
  override readonly name = 'InstanceLockedError';
}

/** The socket name for a data directory (its real path, so two spellings of one directory are one lock). */
export function lockName(dataDir: string): string {
  let path = resolve(dataDir);
  try {
    path = realpathSync(path);
  } catch {
    // Not created yet: the resolved path is the name it will have.
  }
  return `\0passage-kiosk-${createHash('sha256').update(path).digest('hex').slice(0, 32)}`;
}

export async function acquireInstanceLock(dataDir: string, what = 'kiosk'): Promise<InstanceLock> {
  const name = lockName(dataDir);
  const server: Server = createServer((socket) => socket.end(`${JSON.stringify({ pid: process.pid, what })}\n`));
  const bound = await new Promise<true | NodeJS.ErrnoException>((done) => {
    server.once('error', (error: NodeJS.ErrnoException) => done(error));
    server.listen(name, () => done(true));
  });
  if (bound !== true) {
    if (bound.code !== 'EADDRINUSE') throw bound;
    const holder = await whoHolds(name);
    throw new InstanceLockedError(
      `another Passage ${holder?.what ?? 'kiosk'}${holder ? ` (pid ${holder.pid})` : ''} is already running on the data directory ${resolve(dataDir)}; stop it first (systemctl stop passage-host)`,
    );
  }
  // The lock must not keep the process alive on its own.
  server.unref();
  return {
    name,
    release: () => new Promise<void>((done) => server.close(() => done())),
  };
}

async function whoHolds(name: string): Promise<{ pid: number; what: string } | null> {
  return new Promise((done) => {
    const socket = createConnection(name);
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      done(null);
    }, 1_000);
    socket.on('data', (chunk) => (text += String(chunk)));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      try {
        const parsed = JSON.parse(text) as { pid?: unknown; what?: unknown };
        done(typeof parsed.pid === 'number' ? { pid: parsed.pid, what: String(parsed.what ?? 'kiosk') } : null);
      } catch {
        done(null);
      }
    });
  });
}

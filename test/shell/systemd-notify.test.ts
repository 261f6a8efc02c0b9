import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { notifyAddress, startWatchdog, systemdNotifier, type SystemdNotifier } from '../../electron/shell/systemd-notify.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { descendants, commandLine } from '../support/processes.ts';

const repoRoot = join(import.meta.dirname, '../..');

/** A notify socket the test owns, as systemd's would be: a Unix datagram socket; socat prints what arrives. */
async function notifySocket(): Promise<{ path: string; messages: () => string[]; waitFor(message: string, after?: number): Promise<number>; close(): void }> {
  const path = join(mkdtempSync(join(tmpdir(), 'passage-notify-')), 'notify');
  const listener = spawn('socat', ['-u', `UNIX-RECV:${path}`, 'STDOUT'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  listener.stdout.on('data', (chunk) => (text += String(chunk)));
  await vi.waitFor(() => expect(existsSync(path)).toBe(true), { timeout: 5_000 });
  const messages = () => text.split('\n').filter(Boolean);
  return {
    path,
    messages,
    /** Resolves with the index of the first `message` at or after index `after`. */
    async waitFor(message, after = 0) {
      let index = -1;
      await vi.waitFor(
        () => {
          index = messages().indexOf(message, after);
          expect(index, `no ${message} after message ${after}: ${JSON.stringify(messages().slice(after))}`).toBeGreaterThanOrEqual(0);
        },
        { timeout: 45_000, interval: 50 },
      );
      return index;
    },
    close: () => listener.kill(),
  };
}

function fakeClock() {
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  return {
    timers,
    setTimeout: (fn: () => void, ms: number) => {
      timers.set(++next, { fn, ms });
      return next;
    },
    clearTimeout: (handle: unknown) => timers.delete(handle as number),
    fire() {
      const [id, timer] = [...timers][0]!;
      timers.delete(id);
      timer.fn();
    },
  };
}

describe('watchdog pings', () => {
  it('are sent every half of WATCHDOG_USEC while healthy, and withheld while not', () => {
    const sent: string[] = [];
    const notifier: SystemdNotifier = { notify: (m) => sent.push(m), close: async () => undefined };
    const clock = fakeClock();
    let healthy = true;
    const watchdog = startWatchdog({ env: { WATCHDOG_USEC: '30000000' }, notifier, healthy: () => healthy, clock, logger: silentLogger() });
    expect(watchdog).not.toBeNull();
    expect(sent).toEqual(['WATCHDOG=1']);
    expect([...clock.timers.values()].map((t) => t.ms)).toEqual([15_000]);
    clock.fire();
    healthy = false;
    clock.fire();
    clock.fire();
    expect(sent).toEqual(['WATCHDOG=1', 'WATCHDOG=1']);
    healthy = true;
    clock.fire();
    expect(sent).toHaveLength(3);
    watchdog?.stop();
    expect(clock.timers.size).toBe(0);
  });

  it('are not sent when systemd asked for none, or asked another process', () => {
    const notifier: SystemdNotifier = { notify: vi.fn(), close: async () => undefined };
    const base = { notifier, healthy: () => true, clock: fakeClock(), logger: silentLogger(), pid: 100 };
    expect(startWatchdog({ ...base, env: {} })).toBeNull();
    expect(startWatchdog({ ...base, env: { WATCHDOG_USEC: '30000000', WATCHDOG_PID: '99' } })).toBeNull();
    expect(startWatchdog({ ...base, env: { WATCHDOG_USEC: '30000000', WATCHDOG_PID: '100' } })).not.toBeNull();
    expect(notifier.notify).toHaveBeenCalledTimes(1);
  });

  it('count a health check that throws as unhealthy', () => {
    const notifier: SystemdNotifier = { notify: vi.fn(), close: async () => undefined };
    const healthy = () => {
      throw new Error('session gone');
    };
    startWatchdog({ env: { WATCHDOG_USEC: '1000000' }, notifier, healthy, clock: fakeClock(), logger: silentLogger() });
    expect(notifier.notify).not.toHaveBeenCalled();
  });
});

describe('systemd notifier', () => {
  it('speaks to a path or an abstract socket and refuses what socat could misread', () => {
    expect(notifyAddress('/run/systemd/notify')).toBe('UNIX-SENDTO:/run/systemd/notify');
    expect(notifyAddress('@/org/freedesktop/systemd1/notify')).toBe('ABSTRACT-SENDTO:/org/freedesktop/systemd1/notify');
    expect(notifyAddress('/tmp/a,b:c')).toBeNull();
    expect(systemdNotifier({}, silentLogger())).toBeNull();
  });

  it('sends each message as a datagram to NOTIFY_SOCKET', async () => {
    const socket = await notifySocket();
    try {
      const notifier = systemdNotifier({ NOTIFY_SOCKET: socket.path }, silentLogger());
      notifier?.notify('READY=1\nSTATUS=serving');
      await socket.waitFor('STATUS=serving');
      notifier?.notify('WATCHDOG=1');
      await socket.waitFor('WATCHDOG=1');
      await notifier?.close();
      expect(socket.messages()).toEqual(['READY=1', 'STATUS=serving', 'WATCHDOG=1']);
    } finally {
      socket.close();
    }
  });
});

describe('a kiosk host under a watchdog', () => {
  let host: ChildProcess | undefined;
  afterEach(() => {
    if (host?.exitCode === null) host.kill('SIGKILL');
  });

  it('reports READY=1 and WATCHDOG=1, and when it stops answering a supervisor that restarts it gets READY=1 again', { timeout: 120_000 }, async () => {
    const socket = await notifySocket();
    const dir = mkdtempSync(join(tmpdir(), 'passage-watchdog-'));
    const config = join(dir, 'kiosk.json');
    writeFileSync(config, JSON.stringify({ dataDir: join(dir, 'data'), services: [], verifyHolders: false, ocr: { enabled: false }, log: { level: 'silent' } }));
    const watchdogUsec = 1_000_000;
    const start = () =>
      spawn(process.execPath, [join(repoRoot, 'bin/passage.js'), 'start', '--shell', 'none', '--port', '0', '--config', config], {
        env: { ...process.env, NOTIFY_SOCKET: socket.path, WATCHDOG_USEC: String(watchdogUsec) },
        stdio: 'ignore',
      });
    try {
      host = start();
      const ready = await socket.waitFor('READY=1');
      const ping = await socket.waitFor('WATCHDOG=1', ready);
      await socket.waitFor('WATCHDOG=1', ping + 1);
      const notifierPid = descendants(host.pid!).find((pid) => commandLine(pid)?.[0]?.endsWith('socat'));
      expect(notifierPid).toBeDefined();

      // The host stops answering (its event loop no longer runs): the pings stop.
      host.kill('SIGSTOP');
      await new Promise((r) => setTimeout(r, 200));
      const countWhenStopped = socket.messages().length;
      await new Promise((r) => setTimeout(r, (watchdogUsec / 1000) * 1.5));
      expect(socket.messages().slice(countWhenStopped)).toEqual([]);

      // What systemd does on a missed watchdog (kill, then Restart=always): the new host is ready again.
      const killed = host;
      const exited = new Promise((r) => killed.once('exit', r));
      killed.kill('SIGKILL');
      await exited;
      await vi.waitFor(() => expect(existsSync(`/proc/${notifierPid}`)).toBe(false), { timeout: 5_000 });
      const before = socket.messages().length;
      host = start();
      const readyAgain = await socket.waitFor('READY=1', before);
      await socket.waitFor('WATCHDOG=1', readyAgain);

      // A clean stop says so.
      const stopped = new Promise((r) => host!.once('exit', r));
      host.kill('SIGTERM');
      expect(await stopped).toBe(0);
      await socket.waitFor('STOPPING=1', readyAgain);
    } finally {
      socket.close();
    }
  });
});

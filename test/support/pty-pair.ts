import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ReadStream } from 'node:tty';

/**
 * A kernel pseudo-terminal pair made by socat (`socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B`),
 * the closest this machine gets to a USB-CDC device: the adapter under test opens `adapterPath` with the real
 * serialport binding, the test plays the device at `devicePath`, writing what the device sends and reading
 * what the adapter sent. `kill()` takes the pair away as an unplug does (the adapter's port closes as
 * disconnected); `restart()` makes a new pair at the same paths (plugged back in). Used by the serial reader,
 * scanner and ESC/POS printer suites, and by the end-to-end test of a serial reader.
 */
export interface PtyPair {
  readonly adapterPath: string;
  readonly devicePath: string;
  /** Writes bytes as the device; resolves once they are in the kernel. */
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Bytes the adapter wrote, as the device end receives them: in whatever pieces the kernel hands over,
   * not one call per adapter write. Listeners stay across `restart()`.
   */
  onData(listener: (bytes: Uint8Array) => void): () => void;
  /** Kills socat (unplug); resolves once it has exited. */
  kill(): Promise<void>;
  /** Starts socat again at the same paths (plug back in). */
  restart(): Promise<void>;
}

export async function startPtyPair(dir: string): Promise<PtyPair> {
  mkdirSync(dir, { recursive: true });
  const adapterPath = join(dir, 'A');
  const devicePath = join(dir, 'B');
  const listeners = new Set<(bytes: Uint8Array) => void>();
  let child: ChildProcess | undefined;
  // The device end stays open while the pair lives: socat ends the pair when a side sees its last close.
  let deviceFd: number | undefined;
  let reading: ReadStream | undefined;

  const launch = async (): Promise<void> => {
    const proc = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${adapterPath}`, `pty,raw,echo=0,link=${devicePath}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child = proc;
    let log = '';
    proc.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    // socat makes both ptys and their links, then logs "starting data transfer loop".
    const started = await new Promise<boolean>((resolve) => {
      proc.stderr?.on('data', () => {
        if (log.includes('starting data transfer loop')) resolve(true);
      });
      proc.once('exit', () => resolve(false));
      proc.once('error', () => resolve(false));
    });
    if (!started || !existsSync(adapterPath) || !existsSync(devicePath)) throw new Error(`socat did not make the pair at ${dir}: ${log}`);
    deviceFd = openSync(devicePath, 'r+');
    // A tty stream reads through the event loop (epoll), so a quiet device holds no thread-pool thread.
    const stream = new ReadStream(deviceFd);
    stream.on('data', (chunk: Buffer) => listeners.forEach((l) => l(new Uint8Array(chunk))));
    // The pty hangs up when socat goes: that ends the stream, and is no error of the test's.
    stream.on('error', () => undefined);
    reading = stream;
  };

  const kill = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    reading?.destroy();
    reading = undefined;
    if (deviceFd !== undefined) closeSync(deviceFd);
    deviceFd = undefined;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  };

  await launch();
  return {
    adapterPath,
    devicePath,
    async write(bytes) {
      if (deviceFd === undefined) throw new Error('pty pair is not running');
      writeSync(deviceFd, bytes);
    },
    onData(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    kill,
    async restart() {
      await kill();
      await launch();
    },
  };
}

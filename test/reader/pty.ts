import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A kernel pseudo-terminal pair made by socat (docs/toolchain.md "Serial ports"):
 * the adapter opens `readerPath`, the test plays the device by writing into `devicePath`. `kill()` takes the
 * pair away as an unplug does (reads on the reader end fail); `restart()` makes a new pair at the same paths.
 * Used by the serial adapter tests and by the lead's end-to-end test (framed MRZ into a pty → kiosk screen).
 */
export interface PtyPair {
  readonly readerPath: string;
  readonly devicePath: string;
  /** Writes bytes as the device; resolves once they are in the kernel. */
  write(bytes: Uint8Array): Promise<void>;
  /** Kills socat (unplug); resolves once it has exited. */
  kill(): Promise<void>;
  /** Starts socat again at the same paths (plug back in). */
  restart(): Promise<void>;
}

export async function startPtyPair(dir: string): Promise<PtyPair> {
  mkdirSync(dir, { recursive: true });
  const readerPath = join(dir, 'A');
  const devicePath = join(dir, 'B');
  let child: ChildProcess | undefined;
  // The device end stays open while the pair lives: socat ends the pair when a side sees its last close.
  let deviceFd: number | undefined;

  const launch = async (): Promise<void> => {
    const proc = spawn(
      'socat',
      ['-d', '-d', `pty,raw,echo=0,link=${readerPath}`, `pty,raw,echo=0,link=${devicePath}`],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child = proc;
    let log = '';
    proc.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    // socat logs "starting data transfer loop" once both ptys exist and their links are made.
    for (let i = 0; i < 200; i += 1) {
      if (log.includes('starting data transfer loop') && existsSync(readerPath) && existsSync(devicePath)) break;
      if (proc.exitCode !== null) throw new Error(`socat exited: ${log}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    if (!existsSync(readerPath)) throw new Error(`socat did not create ${readerPath}: ${log}`);
    deviceFd = openSync(devicePath, 'r+');
  };

  const kill = async (): Promise<void> => {
    const proc = child;
    child = undefined;
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
    readerPath,
    devicePath,
    async write(bytes) {
      if (deviceFd === undefined) throw new Error('pty pair is not running');
      writeSync(deviceFd, bytes);
    },
    kill,
    async restart() {
      await kill();
      await launch();
    },
  };
}

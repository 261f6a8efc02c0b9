import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A private pcsc-lite daemon for one test file, with vsmartcard's virtual reader (Debian `pcscd`,
 * `vsmartcard-vpcd`) listening on a free localhost port. pcscd's socket path is fixed at /run/pcscd, so the
 * daemon runs in its own mount namespace with a temporary directory bound over /run/pcscd; the client library
 * is pointed at that socket with PCSCLITE_CSOCK_NAME. Nothing of the machine's own pcscd is touched.
 */
export interface PrivatePcscd {
  readonly vpcdPort: number;
  readonly readerName: string;
  stop(): Promise<void>;
}

export const pcscdBinary = '/usr/sbin/pcscd';
export const vpcdDriver = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';

/** Why the PC/SC tests cannot run here, or undefined when they can. */
export function pcscUnavailableReason(): string | undefined {
  if (!existsSync(pcscdBinary)) return `${pcscdBinary} is missing: install Debian's pcscd`;
  if (!existsSync(vpcdDriver)) return `${vpcdDriver} is missing: install Debian's vsmartcard-vpcd`;
  if (spawnSync('unshare', ['-m', 'true']).status !== 0) return 'unshare -m is not permitted (the test needs root for a private /run/pcscd)';
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startPrivatePcscd(): Promise<PrivatePcscd> {
  const dir = mkdtempSync(join(tmpdir(), 'passage-pcscd-'));
  const run = join(dir, 'run');
  const conf = join(dir, 'reader.conf.d');
  mkdirSync(run);
  mkdirSync(conf);
  // vpcd listens on CHANNELID for its first slot (and the next port for its second).
  const port = await freePort();
  writeFileSync(join(conf, 'vpcd'), `FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x${port.toString(16)}\nLIBPATH ${vpcdDriver}\nCHANNELID 0x${port.toString(16)}\n`);
  mkdirSync('/run/pcscd', { recursive: true });
  const child: ChildProcess = spawn('unshare', ['-m', 'sh', '-c', `mount --bind "${run}" /run/pcscd && exec ${pcscdBinary} -f -c "${conf}"`], { stdio: 'ignore' });
  process.env.PCSCLITE_CSOCK_NAME = join(run, 'pcscd.comm');
  const deadline = Date.now() + 10_000;
  while (!(existsSync(join(run, 'pcscd.comm')) && (await listening(port)))) {
    if (child.exitCode !== null) throw new Error(`pcscd exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('pcscd did not start within 10 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    vpcdPort: port,
    readerName: 'Virtual PCD 00 00',
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}

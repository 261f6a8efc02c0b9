import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../command.ts';

export const superviseUsage = `usage: passage fleet supervise -- <passage command and options>

Runs 'passage <command>' and starts it again whenever it ends, so the fleet's restart command and a pushed
configuration (which restart the kiosk) bring it back. A child that ends within 10 s of starting is restarted
after a growing pause (1 s … 30 s). SIGINT/SIGTERM are passed to the child and end supervision.
Example: passage fleet supervise -- start --browser --config /etc/passage/kiosk.json
Under systemd, use Restart=always on 'passage start' instead (docs/fleet.md "Restart").`;

const bin = fileURLToPath(new URL('../../../bin/passage.js', import.meta.url));

/** The pause before restarting a child that ran `ranMs`, after `quickExits` quick exits in a row. */
export function restartPause(ranMs: number, quickExits: number): number {
  if (ranMs >= 10_000) return 500;
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, quickExits - 1));
}

export async function runSupervise(argv: readonly string[], io: CliIo, stopped: Promise<void>): Promise<number> {
  const command = argv[0] === '--' ? argv.slice(1) : [...argv];
  if (command.length === 0 || command[0] === 'fleet') {
    io.stderr.write(`passage fleet supervise: which passage command?\n${superviseUsage}\n`);
    return 2;
  }
  let stopping = false;
  let current: ReturnType<typeof spawn> | null = null;
  void stopped.then(() => {
    stopping = true;
    current?.kill('SIGTERM');
  });
  let quickExits = 0;
  for (;;) {
    const started = Date.now();
    const child = spawn(process.execPath, [bin, ...command], { stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    child.stdout?.on('data', (chunk) => io.stdout.write(chunk));
    child.stderr?.on('data', (chunk) => io.stderr.write(chunk));
    const code = await new Promise<number>((resolve) => child.once('exit', (c, signal) => resolve(c ?? (signal ? 128 : 1))));
    current = null;
    if (stopping) return code;
    const ran = Date.now() - started;
    quickExits = ran < 10_000 ? quickExits + 1 : 0;
    const pause = restartPause(ran, quickExits);
    io.stderr.write(`${JSON.stringify({ supervisor: 'restarting', exitCode: code, ranMs: ran, pauseMs: pause })}\n`);
    await Promise.race([new Promise((r) => setTimeout(r, pause)), stopped]);
    if (stopping) return code;
  }
}

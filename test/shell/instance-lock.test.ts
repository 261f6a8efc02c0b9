import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireInstanceLock, lockName } from '../../electron/shell/instance-lock.ts';
import { isSetupError } from '../../drivers/setup-error.ts';

const lockModule = join(import.meta.dirname, '../../electron/shell/instance-lock.ts');

describe('single instance per data directory', () => {
  it('refuses a second copy on the same data directory, naming the holder, and frees the directory on release', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-lock-'));
    const first = await acquireInstanceLock(dir);
    const second = acquireInstanceLock(join(dir, '.'));
    await expect(second).rejects.toThrow(`another Passage kiosk (pid ${process.pid}) is already running on the data directory ${dir}`);
    await second.catch((error: unknown) => expect(isSetupError(error)).toBe(true));
    await first.release();
    const again = await acquireInstanceLock(dir);
    await again.release();
  });

  it('lets two kiosks with different data directories run', async () => {
    const a = await acquireInstanceLock(mkdtempSync(join(tmpdir(), 'passage-lock-a-')));
    const b = await acquireInstanceLock(mkdtempSync(join(tmpdir(), 'passage-lock-b-')));
    expect(a.name).not.toBe(b.name);
    await a.release();
    await b.release();
  });

  it('is free again at once when its holder is killed with SIGKILL (no stale lock)', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-lock-kill-'));
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', `const { acquireInstanceLock } = await import(${JSON.stringify(lockModule)}); await acquireInstanceLock(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000);`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((ready) => holder.stdout.on('data', (c) => String(c).includes('locked') && ready()));
    await expect(acquireInstanceLock(dir)).rejects.toThrow(`(pid ${holder.pid})`);
    const gone = new Promise((r) => holder.once('exit', r));
    holder.kill('SIGKILL');
    await gone;
    const mine = await acquireInstanceLock(dir);
    await mine.release();
  });

  it('names the lock after the real path of the directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-lock-name-'));
    expect(lockName(dir)).toBe(lockName(`${dir}/../${dir.split('/').at(-1)}`));
    expect(lockName(dir).startsWith('\0')).toBe(true);
  });
});

import { open, readFile, rm, stat } from 'node:fs/promises';

export interface LockDeps {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Whether a process with this id is running (signal 0). */
  readonly alive: (pid: number) => boolean;
  readonly pid: number;
}

export const processLockDeps: LockDeps = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  alive: (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
  pid: process.pid,
};

/**
 * Runs `work` while holding `path` as a lock file (created exclusively, O_EXCL), so the kiosk and a
 * `passage staff …` command never append to the audit log at the same time. A lock left by a process that no
 * longer runs is taken over; a live holder is waited for, up to `waitMs`.
 */
export async function withLockFile<T>(path: string, work: () => Promise<T>, deps: LockDeps = processLockDeps, waitMs = 10_000): Promise<T> {
  const deadline = deps.now() + waitMs;
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(String(deps.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    const age = await stat(path).then((s) => deps.now() - s.mtimeMs, () => 0);
    // An empty lock older than a second is one whose writer died between creating and filling it.
    if ((Number.isSafeInteger(holder) && holder > 0 && !deps.alive(holder)) || (!holder && age > 1_000)) {
      await rm(path, { force: true });
      continue;
    }
    if (deps.now() >= deadline) throw new Error(`${path}: held by process ${holder || '?'} for more than ${waitMs} ms`);
    await deps.sleep(20);
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}

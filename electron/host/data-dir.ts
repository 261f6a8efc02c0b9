import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SetupError } from '../../drivers/setup-error.ts';

/**
 * Makes sure the data directory exists and takes a write before anything is started in it (certificates of
 * the simulators, the outbox): a directory the kiosk cannot write is a set-up fault to report at start, named,
 * rather than a failure deep inside whichever part writes first.
 */
export async function prepareDataDir(dir: string): Promise<string> {
  let step = 'create';
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    step = 'write to';
    const probe = join(dir, `.write-check-${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
    return dir;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new SetupError(`data directory ${dir}: cannot ${step} it (${code}); set dataDir in the configuration to a writable directory`);
  }
}

/** `$XDG_DATA_HOME/passage`, or `~/.local/share/passage`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'passage');
}

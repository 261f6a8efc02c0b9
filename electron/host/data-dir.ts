import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SetupError } from '../../drivers/setup-error.ts';

export interface DataDir {
  readonly dir: string;
  /** Null when a write succeeded; else why it did not (e.g. `EROFS`). */
  readonly unwritable: string | null;
}

/**
 * Makes sure the data directory exists and takes a write before anything is started in it: a directory that
 * cannot be created is a set-up fault to report at start, named. One that exists but cannot be written is too
 * when `requireWritable` (a simulated kiosk, whose simulators keep certificates there). A real kiosk keeps only
 * the registration outbox there (and the OCR cache), and the outbox reports its own storage as down and retries,
 * so the kiosk starts without it rather than not at all (docs/deployment.md "Storage faults").
 */
export async function prepareDataDir(dir: string, options: { readonly requireWritable: boolean } = { requireWritable: true }): Promise<DataDir> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new SetupError(`data directory ${dir}: cannot create it (${codeOf(error)}); set dataDir in the configuration to a writable directory`);
  }
  try {
    const probe = join(dir, `.write-check-${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
    return { dir, unwritable: null };
  } catch (error) {
    if (options.requireWritable) {
      throw new SetupError(`data directory ${dir}: cannot write to it (${codeOf(error)}); set dataDir in the configuration to a writable directory`);
    }
    return { dir, unwritable: codeOf(error) };
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

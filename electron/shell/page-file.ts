import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { SetupError } from '../../drivers/setup-error.ts';

/**
 * How a host hands its page address, token included, to a shell that runs as another user (the installed
 * kiosk: docs/deployment.md "Installed services"). A file, not a command line or the journal: the file is
 * readable by its owner and its group only (the runtime directory's group is the kiosk session's user), and is
 * replaced whole on every start, so the shell never reads half of one.
 */
const pageFileSchema = z.strictObject({ url: z.url({ protocol: /^http$/ }) });

export async function writePageFile(path: string, url: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ url })}\n`, { mode: 0o600 });
  // Whatever the umask: the kiosk session reads it through the group.
  await chmod(temporary, 0o640);
  await rename(temporary, path);
}

export async function removePageFile(path: string): Promise<void> {
  await rm(path, { force: true });
}

/** The page address the host wrote; a SetupError naming the file when there is none or it is not one. */
export async function readPageFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SetupError(`${path}: no kiosk page address (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); is the host running?`);
  }
  const parsed = pageFileSchema.safeParse((() => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  })());
  if (!parsed.success) throw new SetupError(`${path}: not a kiosk page address file`);
  return parsed.data.url;
}

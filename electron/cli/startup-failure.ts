import { isSetupError } from '../../drivers/setup-error.ts';

/**
 * The one line `passage start` prints (after `passage: `) when the kiosk cannot start for a reason a person
 * must fix: a bad file, key, directory, font or port. Null for anything else, which is a bug and keeps its
 * stack trace.
 */
export function startupFailureLine(error: unknown): string | null {
  if (isSetupError(error)) return error.message;
  const e = error as Partial<NodeJS.ErrnoException> & { port?: number; address?: string };
  if (e?.syscall === 'listen' && e.code === 'EADDRINUSE') {
    return `port ${e.port ?? '?'} on ${e.address ?? '127.0.0.1'} is already in use (another kiosk running? choose another port with --port or in the configuration)`;
  }
  if (e?.syscall === 'listen' && e.code === 'EACCES') return `port ${e.port ?? '?'}: permission denied (ports below 1024 need privileges)`;
  return null;
}

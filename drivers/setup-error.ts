/**
 * The installation or the configuration is wrong in a way a person must fix: a missing font or library, an
 * unreadable file, a port already taken. The message names the file, key, port or package, so the kiosk's
 * start prints it as one line (`passage: …`) and exits with status 2 instead of a stack trace.
 * Errors that cross a worker thread lose their class; `isSetupError` also recognises them by name.
 */
export class SetupError extends Error {
  override readonly name: string = 'SetupError';
}

export function isSetupError(error: unknown): error is Error {
  return error instanceof SetupError || (error instanceof Error && (error as { setup?: unknown }).setup === true);
}

/** Marks an error that crossed a worker boundary as a setup error again (see `isSetupError`). */
export function asSetupError(message: string): Error {
  return Object.assign(new Error(message), { setup: true });
}

import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { SetupError } from '../../drivers/setup-error.ts';

/**
 * Secrets (the outbox key, API keys, client keys, the audit key, staff credentials) never live in the JSON
 * configuration: the configuration names where each one is, and this reads it.
 * - `{ "file": "/etc/passage/secrets/police-api-key" }`: a file only its owner may read (mode 0600 or 0400),
 *   owned by the user the kiosk runs as (or root);
 * - `{ "credential": "police-api-key" }`: a systemd credential (`LoadCredential=` / `SetCredential=`), read
 *   from `$CREDENTIALS_DIRECTORY`, which systemd makes private to the service.
 */
export const secretRefSchema = z.union([
  z.strictObject({ file: z.string().min(1).refine(isAbsolute, 'must be an absolute path') }),
  z.strictObject({ credential: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a systemd credential name: letters, digits, . _ -') }),
]);

export type SecretRef = z.infer<typeof secretRefSchema>;

export interface SecretEnv {
  readonly credentialsDirectory?: string | undefined;
  readonly uid?: number;
}

const largestSecret = 64 * 1024;

/** Where a secret is, for messages: never its contents. */
export function describeSecret(ref: SecretRef): string {
  return 'file' in ref ? ref.file : `systemd credential '${ref.credential}'`;
}

/**
 * The secret's bytes. Refuses (with a SetupError naming the file) a file others may read or that someone
 * else owns, an empty file, and one larger than any key or token (64 KB).
 */
export async function readSecret(ref: SecretRef, env: SecretEnv = { credentialsDirectory: process.env.CREDENTIALS_DIRECTORY, uid: process.getuid?.() }): Promise<Buffer> {
  let path: string;
  if ('file' in ref) {
    path = ref.file;
  } else {
    if (!env.credentialsDirectory) throw new SetupError(`${describeSecret(ref)}: $CREDENTIALS_DIRECTORY is not set (is the kiosk running under systemd with LoadCredential=?)`);
    path = join(env.credentialsDirectory, ref.credential);
  }
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new SetupError(`secret ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (!info.isFile()) throw new SetupError(`secret ${path}: not a file`);
  // systemd's credentials directory already restricts access; a plain file must do so itself.
  if ('file' in ref) {
    if ((info.mode & 0o077) !== 0) throw new SetupError(`secret ${path}: readable by others (mode ${(info.mode & 0o777).toString(8)}); chmod 600 it`);
    if (env.uid !== undefined && info.uid !== env.uid && info.uid !== 0) throw new SetupError(`secret ${path}: owned by uid ${info.uid}, not by the kiosk's user (${env.uid})`);
  }
  if (info.size === 0) throw new SetupError(`secret ${path}: empty`);
  if (info.size > largestSecret) throw new SetupError(`secret ${path}: larger than ${largestSecret} bytes, not a key`);
  return readFile(path);
}

/** A text secret (API key, token, PIN hash file): the bytes as UTF-8 without the trailing newline editors add. */
export async function readSecretText(ref: SecretRef, env?: SecretEnv): Promise<string> {
  return (await readSecret(ref, env)).toString('utf8').replace(/\r?\n$/, '');
}

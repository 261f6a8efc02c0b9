import { randomBytes } from 'node:crypto';
import { access, chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SetupError } from '../../drivers/setup-error.ts';
import { readSecret, type SecretEnv, type SecretRef } from '../secrets/secrets.ts';

/** Simulated mode only: the audit key kept in the data directory (docs/staff.md "The key"). */
export const developmentKeyFile = 'audit.dev-key';
const shortestKey = 32;

/**
 * The audit log's HMAC key. A configured secret (`audit.key`) always wins; without one a simulated kiosk makes
 * a development key in its data directory (mode 0600) on first start, and a real kiosk refuses to start.
 */
export async function loadAuditKey(options: {
  readonly ref: SecretRef | undefined;
  readonly dataDir: string;
  readonly mode: 'simulated' | 'real';
  readonly env?: SecretEnv;
}): Promise<Buffer> {
  if (options.ref) return checkedKey(await readSecret(options.ref, options.env), JSON.stringify(options.ref));
  if (options.mode === 'real') {
    throw new SetupError('audit.key is not set: a real kiosk needs the audit log\'s HMAC key as a secret file or systemd credential (docs/staff.md "The key")');
  }
  const path = join(options.dataDir, developmentKeyFile);
  const exists = await access(path).then(() => true, () => false);
  if (!exists) {
    await writeFile(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    await chmod(path, 0o600);
  }
  return checkedKey(await readSecret({ file: path }, options.env), path);
}

/** The key of an existing log, for `passage audit …`: never creates one. */
export async function findAuditKey(options: { readonly keyFile?: string; readonly ref?: SecretRef; readonly dataDir: string; readonly env?: SecretEnv }): Promise<Buffer> {
  if (options.keyFile) return checkedKey(await readSecret({ file: options.keyFile }, options.env), options.keyFile);
  if (options.ref) return checkedKey(await readSecret(options.ref, options.env), JSON.stringify(options.ref));
  const path = join(options.dataDir, developmentKeyFile);
  if (!(await access(path).then(() => true, () => false))) {
    throw new SetupError(`no audit key: pass --key-file, or --config with audit.key, or use a simulated kiosk's data directory (${path} is missing)`);
  }
  return checkedKey(await readSecret({ file: path }, options.env), path);
}

function checkedKey(bytes: Buffer, where: string): Buffer {
  // Editors add a newline; it is not part of the key.
  const key = bytes.at(-1) === 0x0a ? bytes.subarray(0, bytes.at(-2) === 0x0d ? -2 : -1) : bytes;
  if (key.length < shortestKey) throw new SetupError(`audit key ${where}: shorter than ${shortestKey} bytes`);
  return key;
}

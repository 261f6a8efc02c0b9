import { chmodSync, chownSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SetupError } from '../../drivers/setup-error.ts';
import { readSecret, readSecretText, secretRefSchema } from '../../electron/secrets/secrets.ts';

const dir = mkdtempSync(join(tmpdir(), 'passage-secrets-'));
function secretFile(name: string, contents: string, mode: number): string {
  const path = join(dir, name);
  writeFileSync(path, contents);
  chmodSync(path, mode);
  return path;
}
const uid = process.getuid?.() ?? 0;

describe('secrets', () => {
  it('reads an owner-only file, without the trailing newline', async () => {
    const file = secretFile('api-key', 'k3y-value\n', 0o600);
    expect(await readSecretText({ file }, { uid })).toBe('k3y-value');
    expect(await readSecret({ file: secretFile('ro-key', 'x', 0o400) }, { uid })).toEqual(Buffer.from('x'));
  });

  it('refuses a file others can read, naming it and its mode, never its contents', async () => {
    const file = secretFile('open-key', 'do-not-print', 0o644);
    const error = await readSecret({ file }, { uid }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SetupError);
    expect((error as Error).message).toBe(`secret ${file}: readable by others (mode 644); chmod 600 it`);
  });

  it('refuses a file owned by someone else, an empty file and a missing one', async () => {
    const file = secretFile('theirs', 'x', 0o600);
    // As root the test can hand the file to another user; otherwise it pretends to be one.
    if (uid === 0) chownSync(file, 4242, 4242);
    await expect(readSecret({ file }, { uid: uid === 0 ? 1000 : uid + 4242 })).rejects.toThrow(/owned by uid/);
    await expect(readSecret({ file: secretFile('empty', '', 0o600) }, { uid })).rejects.toThrow(/empty/);
    await expect(readSecret({ file: join(dir, 'absent') }, { uid })).rejects.toThrow(/cannot read it \(ENOENT\)/);
  });

  it('reads a systemd credential from $CREDENTIALS_DIRECTORY, and says so when it is not set', async () => {
    secretFile('outbox-key', 'ab'.repeat(32), 0o640);
    expect(await readSecretText({ credential: 'outbox-key' }, { credentialsDirectory: dir, uid })).toBe('ab'.repeat(32));
    await expect(readSecret({ credential: 'outbox-key' }, {})).rejects.toThrow(/\$CREDENTIALS_DIRECTORY is not set/);
  });

  it('takes an absolute file path or a credential name, nothing else', () => {
    expect(secretRefSchema.safeParse({ file: '/etc/passage/key' }).success).toBe(true);
    expect(secretRefSchema.safeParse({ file: 'relative/key' }).success).toBe(false);
    expect(secretRefSchema.safeParse({ credential: '../etc/shadow' }).success).toBe(false);
    expect(secretRefSchema.safeParse('a-key-in-the-json').success).toBe(false);
  });
});

import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPageFile, removePageFile, writePageFile } from '../../electron/shell/page-file.ts';

describe('page address file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passage-page-file-'));

  it('carries the address from host to shell, readable by owner and group only', async () => {
    const path = join(dir, 'page');
    await writePageFile(path, 'http://127.0.0.1:8080/#token=abc');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    await expect(readPageFile(path)).resolves.toBe('http://127.0.0.1:8080/#token=abc');
    await writePageFile(path, 'http://127.0.0.1:8080/#token=def');
    await expect(readPageFile(path)).resolves.toBe('http://127.0.0.1:8080/#token=def');
    await removePageFile(path);
    await expect(readPageFile(path)).rejects.toThrow(`${path}: no kiosk page address (ENOENT); is the host running?`);
  });

  it('refuses a file that is not one', async () => {
    const path = join(dir, 'other');
    writeFileSync(path, '{"url":"file:///etc/passwd"}');
    await expect(readPageFile(path)).rejects.toThrow('not a kiosk page address file');
    writeFileSync(path, 'http://127.0.0.1:8080/');
    await expect(readPageFile(path)).rejects.toThrow('not a kiosk page address file');
  });
});

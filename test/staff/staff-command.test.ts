import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { auditCommand, parseSince } from '../../electron/cli/audit-command.ts';
import { staffCommand } from '../../electron/cli/staff-command.ts';
import type { CliCommand } from '../../electron/cli/command.ts';
import { readAuditEntries } from '../../electron/audit/audit-verify.ts';

async function run(command: CliCommand, argv: string[], stdin = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  const status = await command.run(argv, { stdout, stderr, stdin: Readable.from([stdin]) });
  return { status, out, err };
}

describe('passage staff and passage audit', () => {
  // PINs hashed at the full cost: seconds on a busy machine.
  it('adds, changes, disables and lists accounts, each recorded in a log that verifies, and fails after one changed byte', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-staff-cli-'));
    const d = ['--data-dir', dir];
    expect(await run(staffCommand, ['add', 'zhang', '--role', 'technician', ...d], '580317\n')).toMatchObject({ status: 0, out: 'account zhang: added\n' });
    expect(await run(staffCommand, ['add', 'li', '--role', 'agent', '--badge', 'B-7', ...d], '123456\n')).toMatchObject({ status: 1, err: expect.stringMatching(/consecutive/) });
    expect(await run(staffCommand, ['add', 'zhang', '--role', 'agent', ...d], '580318\n')).toMatchObject({ status: 1, err: expect.stringMatching(/exists/) });
    expect(await run(staffCommand, ['passwd', 'zhang', ...d], '914725\n')).toMatchObject({ status: 0 });
    expect(await run(staffCommand, ['disable', 'zhang', ...d])).toMatchObject({ status: 0, out: 'account zhang: disabled\n' });
    const list = await run(staffCommand, ['list', '--json', ...d]);
    expect(JSON.parse(list.out)).toEqual({ accounts: [{ id: 'zhang', role: 'technician', disabled: true, badge: false }] });
    expect(readFileSync(join(dir, 'staff', 'accounts.json'), 'utf8')).not.toContain('914725');

    const entries = await readAuditEntries(join(dir, 'audit'));
    expect(entries.map((e) => [e.type, e.data.id ?? e.data.action])).toEqual([
      ['account.added', 'zhang'], ['account.added', 'li'], ['staff.actionFailed', 'staff add'], ['account.added', 'zhang'],
      ['staff.actionFailed', 'staff add'], ['account.pinChanged', 'zhang'], ['account.disabled', 'zhang'],
    ]);
    expect(entries[0]?.actor).toMatch(/^console:/);

    const ok = await run(auditCommand, ['verify', ...d, '--json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, entries: 7, problem: null });
    const shown = await run(auditCommand, ['show', ...d, '--since', '1h']);
    expect(shown.out.trim().split('\n')).toHaveLength(7);

    const file = join(dir, 'audit', 'audit-000001.jsonl');
    const bytes = readFileSync(file);
    bytes[bytes.indexOf('pinChanged')] = 'P'.charCodeAt(0);
    writeFileSync(file, bytes);
    const bad = await run(auditCommand, ['verify', ...d]);
    expect(bad.status).toBe(1);
    expect(bad.out).toMatch(/NOT intact: changed at audit-000001\.jsonl line 6 \(entry 6\)/);
  });

  it('reads --since as an age or an ISO time, and refuses anything else', () => {
    const now = Date.UTC(2026, 0, 5, 12);
    expect(parseSince('2h', now)).toBe(now - 7_200_000);
    expect(parseSince('2026-01-05T08:00Z', now)).toBe(Date.UTC(2026, 0, 5, 8));
    expect(parseSince('yesterday', now)).toBeNull();
  });

  it('refuses usage errors with status 2', async () => {
    expect((await run(staffCommand, ['add', 'x'])).status).toBe(2);
    expect((await run(staffCommand, ['remove', 'x'])).status).toBe(2);
    expect((await run(auditCommand, ['check'])).status).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'passage-audit-cli-'));
    expect(await run(auditCommand, ['verify', '--data-dir', dir])).toMatchObject({ status: 2, err: expect.stringMatching(/no audit key/) });
  });
});

import { appendFileSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/audit/audit-log.ts';
import { verifyAuditLog, readAuditEntries } from '../../electron/audit/audit-verify.ts';
import { configHash } from '../../electron/audit/config-hash.ts';

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);

async function logWith(count: number, options: { rotateBytes?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'passage-audit-'));
  let t = Date.UTC(2026, 0, 5, 8, 0, 0);
  const log = await AuditLog.open({ dir, key, now: () => (t += 1000), ...options });
  for (let i = 1; i <= count; i++) await log.append({ type: 'staff.login', actor: `agent${i}`, data: { n: i } });
  return { dir, log, file: join(dir, 'audit-000001.jsonl') };
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);
const writeLines = (file: string, list: string[]) => writeFileSync(file, `${list.join('\n')}\n`);

describe('audit log', () => {
  it('chains entries and verifies an intact log', async () => {
    const { dir, file } = await logWith(5);
    const entries = lines(file).map((l) => JSON.parse(l));
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[1].prev).toBe(entries[0].mac);
    expect(entries[0]).toMatchObject({ type: 'staff.login', actor: 'agent1', data: { n: 1 }, at: '2026-01-05T08:00:01.000Z' });
    await expect(verifyAuditLog(dir, key)).resolves.toMatchObject({ ok: true, entries: 5, problem: null });
  });

  it('detects one changed byte and names the entry', async () => {
    const { dir, file } = await logWith(4);
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('agent3');
    writeFileSync(file, `${text.slice(0, at)}bgent3${text.slice(at + 6)}`);
    const result = await verifyAuditLog(dir, key);
    expect(result).toMatchObject({ ok: false, entries: 2, problem: { kind: 'changed', file: 'audit-000001.jsonl', line: 3, seq: 3 } });
  });

  it('detects a change that keeps the JSON meaning (an added space)', async () => {
    const { dir, file } = await logWith(2);
    const list = lines(file);
    list[0] = list[0]!.replace('"actor":', '"actor": ');
    writeLines(file, list);
    await expect(verifyAuditLog(dir, key)).resolves.toMatchObject({ ok: false, problem: { kind: 'changed', line: 1 } });
  });

  it('detects a removed entry in the middle', async () => {
    const { dir, file } = await logWith(4);
    const list = lines(file);
    list.splice(1, 1);
    writeLines(file, list);
    await expect(verifyAuditLog(dir, key)).resolves.toMatchObject({ ok: false, problem: { kind: 'removed', line: 2, seq: 3 } });
  });

  it('detects entries removed from the end through the head record', async () => {
    const { dir, file } = await logWith(4);
    writeLines(file, lines(file).slice(0, 3));
    await expect(verifyAuditLog(dir, key)).resolves.toMatchObject({ ok: false, problem: { kind: 'removed', seq: 4 } });
  });

  it('detects reordered entries', async () => {
    const { dir, file } = await logWith(4);
    const list = lines(file);
    [list[1], list[2]] = [list[2]!, list[1]!];
    writeLines(file, list);
    await expect(verifyAuditLog(dir, key)).resolves.toMatchObject({ ok: false, problem: { kind: 'removed', line: 2, seq: 3 } });
    const dup = lines(file);
    writeLines(file, [dup[0]!, dup[0]!]);
    await expect(verifyAuditLog(dir, key)).resolves.toMatchObject({ ok: false, problem: { kind: 'reordered', line: 2, seq: 1 } });
  });

  it('refuses a log checked with another key', async () => {
    const { dir } = await logWith(1);
    await expect(verifyAuditLog(dir, otherKey)).resolves.toMatchObject({ ok: false, problem: { kind: 'head' } });
  });

  it('keeps the chain across rotated files and detects a removed file', async () => {
    const { dir } = await logWith(12, { rotateBytes: 600 });
    const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
    expect(files.length).toBeGreaterThan(2);
    const second = lines(join(dir, files[1]!)).map((l) => JSON.parse(l));
    const firstLast = JSON.parse(lines(join(dir, files[0]!)).at(-1)!);
    expect(second[0].prev).toBe(firstLast.mac);
    await expect(verifyAuditLog(dir, key)).resolves.toMatchObject({ ok: true, entries: 12 });
    expect((await readAuditEntries(dir)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

    rmSync(join(dir, files[1]!));
    await expect(verifyAuditLog(dir, key)).resolves.toMatchObject({ ok: false, problem: { kind: 'removed', file: files[1] } });
    // Renumbering the files to hide the gap breaks the chain instead.
    renameSync(join(dir, files[2]!), join(dir, files[1]!));
    await expect(verifyAuditLog(dir, key)).resolves.toMatchObject({ ok: false, problem: { kind: 'removed', file: files[1], line: 1 } });
  });

  it('carries on a log after a restart, from another writer too', async () => {
    const { dir } = await logWith(2);
    const again = await AuditLog.open({ dir, key, now: () => Date.UTC(2026, 0, 6) });
    await again.append({ type: 'kiosk.start', actor: 'kiosk', data: { configHash: 'x' } });
    await expect(verifyAuditLog(dir, key)).resolves.toMatchObject({ ok: true, entries: 3 });
  });

  it('keeps the order of concurrent appends', async () => {
    const { dir, log } = await logWith(0);
    await Promise.all(Array.from({ length: 10 }, (_, i) => log.append({ type: 'staff.login', actor: 'a', data: { i } })));
    expect((await readAuditEntries(dir)).map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await expect(verifyAuditLog(dir, key)).resolves.toMatchObject({ ok: true, entries: 10 });
  });

  it('after a crash cut a line short, drops it and records how much was dropped', async () => {
    const { dir, file } = await logWith(2);
    appendFileSync(file, '{"seq":3,"at":"2026-01-');
    await expect(verifyAuditLog(dir, key)).resolves.toMatchObject({ ok: false, problem: { kind: 'torn', line: 3 } });
    const reopened = await AuditLog.open({ dir, key, now: () => Date.UTC(2026, 0, 6) });
    await reopened.append({ type: 'staff.logout', actor: 'agent1' });
    const entries = await readAuditEntries(dir);
    expect(entries.map((e) => e.type)).toEqual(['staff.login', 'staff.login', 'audit.recovered', 'staff.logout']);
    expect(entries[2]!.data).toEqual({ droppedBytes: Buffer.byteLength('{"seq":3,"at":"2026-01-'), afterSeq: 2 });
    await expect(verifyAuditLog(dir, key)).resolves.toMatchObject({ ok: true, entries: 4 });
  });

  it('keeps a synced entry whose head update a crash prevented', async () => {
    const { dir, file } = await logWith(2);
    const head = readFileSync(join(dir, 'head.json'), 'utf8');
    const log = await AuditLog.open({ dir, key, now: () => Date.UTC(2026, 0, 6) });
    await log.append({ type: 'staff.logout', actor: 'agent1' });
    writeFileSync(join(dir, 'head.json'), head); // as if the crash came between the line's fsync and the head
    await expect(verifyAuditLog(dir, key)).resolves.toMatchObject({ ok: true, entries: 3 });
    const reopened = await AuditLog.open({ dir, key, now: () => Date.UTC(2026, 0, 7) });
    await reopened.append({ type: 'staff.login', actor: 'agent1' });
    expect(lines(file).map((l) => JSON.parse(l).seq)).toEqual([1, 2, 3, 4]);
    await expect(verifyAuditLog(dir, key)).resolves.toMatchObject({ ok: true, entries: 4 });
  });

  it('refuses to append to a log whose end was removed, and to a malformed entry', async () => {
    const { dir, file, log } = await logWith(3);
    await expect(log.append({ type: 'Bad Type', actor: 'a' })).rejects.toThrow(/dotted lower-camel/);
    writeLines(file, lines(file).slice(0, 2));
    await expect(log.append({ type: 'staff.login', actor: 'a' })).rejects.toThrow(/shorter than its head record/);
    await expect(AuditLog.open({ dir, key, now: Date.now })).rejects.toThrow(/passage audit verify/);
  });
});

describe('configuration hash', () => {
  it('does not depend on key order and changes with any value', () => {
    expect(configHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(configHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(configHash({ a: 1, b: { c: [1, 2], d: 'x' } })).not.toBe(configHash({ a: 1, b: { c: [2, 1], d: 'x' } }));
    expect(configHash({})).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

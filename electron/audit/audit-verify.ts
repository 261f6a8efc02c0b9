import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chainProblem, genesisMac, headIsSealed, openLine, type AuditHead, type AuditRecord } from './audit-chain.ts';
import { auditFileName, auditFileNumber, headFile, listAuditFiles, readHead, splitLines } from './audit-files.ts';

export type AuditProblemKind = 'changed' | 'removed' | 'reordered' | 'malformed' | 'torn' | 'head';

/** The first entry (or file) that breaks the log: where it is and what is wrong with it. */
export interface AuditProblem {
  readonly kind: AuditProblemKind;
  readonly file: string;
  /** 1-based line in `file`; 0 for a problem with the file as a whole. */
  readonly line: number;
  /** The sequence number the entry carries, when it can be read. */
  readonly seq: number | null;
  readonly message: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  /** Entries checked and found good, up to the first problem. */
  readonly entries: number;
  readonly files: readonly string[];
  readonly problem: AuditProblem | null;
  /** The last good entry. */
  readonly last: Pick<AuditRecord, 'seq' | 'at' | 'mac'> | null;
}

/**
 * Checks the whole log in `dir` with `key`: every line's MAC, the chain from the first entry of the first file
 * through every file to the last, the file numbering (a removed file leaves a gap, or the chain breaks at the
 * file after it), and the head record (entries removed from the end leave the head pointing past them).
 */
export async function verifyAuditLog(dir: string, key: Uint8Array): Promise<AuditVerification> {
  const files = await listAuditFiles(dir);
  let expectedSeq = 1;
  let prev = genesisMac;
  let last: AuditVerification['last'] = null;
  const result = (problem: AuditProblem | null): AuditVerification => ({ ok: problem === null, entries: expectedSeq - 1, files, problem, last });

  let head: AuditHead | null;
  try {
    head = await readHead(dir);
  } catch (error) {
    return result({ kind: 'head', file: headFile, line: 0, seq: null, message: (error as Error).message });
  }
  if (head !== null && !headIsSealed(key, head)) return result({ kind: 'head', file: headFile, line: 0, seq: head.seq, message: 'the head record was changed' });
  /** The entry the head names, as found in the files. */
  let named: { mac: string; file: string; bytes: number } | null = null;

  for (const [index, name] of files.entries()) {
    const expectedNumber = index + 1;
    if (auditFileNumber(name) !== expectedNumber) {
      return result({ kind: 'removed', file: auditFileName(expectedNumber), line: 0, seq: null, message: `${auditFileName(expectedNumber)} is missing: its entries were removed` });
    }
    const text = await readFile(join(dir, name), 'utf8');
    const { lines, torn } = splitLines(text);
    let offset = 0;
    for (const [i, line] of lines.entries()) {
      offset += Buffer.byteLength(line) + 1;
      const opened = openLine(key, line);
      if (!opened.ok) return result({ kind: opened.problem, file: name, line: i + 1, seq: seqOf(line), message: opened.message });
      const broken = chainProblem(opened.record, expectedSeq, prev);
      if (broken) return result({ kind: broken.problem, file: name, line: i + 1, seq: opened.record.seq, message: broken.message });
      prev = opened.record.mac;
      expectedSeq += 1;
      last = { seq: opened.record.seq, at: opened.record.at, mac: opened.record.mac };
      if (head?.seq === opened.record.seq) named = { mac: opened.record.mac, file: name, bytes: offset };
    }
    if (torn !== null) {
      return result({ kind: 'torn', file: name, line: lines.length + 1, seq: seqOf(torn), message: 'the last line is cut short (a write interrupted by a crash, or bytes removed)' });
    }
  }

  if (head === null) {
    return files.length === 0 ? result(null) : result({ kind: 'head', file: headFile, line: 0, seq: null, message: 'the head record is missing' });
  }
  if (head.seq > expectedSeq - 1) {
    return result({
      kind: 'removed',
      file: head.file,
      line: 0,
      seq: head.seq,
      message: `the log ends at entry ${expectedSeq - 1} but its head record says it reached entry ${head.seq} in ${head.file}: entries were removed from the end`,
    });
  }
  // Entries after the head's are allowed: written and synced, then a crash before the head was updated.
  if (head.seq > 0 && (named === null || named.mac !== head.mac || named.file !== head.file || named.bytes !== head.bytes)) {
    return result({ kind: 'head', file: head.file, line: 0, seq: head.seq, message: `entry ${head.seq} is not where and what the head record says` });
  }
  return result(null);
}

function seqOf(line: string): number | null {
  const match = /^\{"seq":(\d+),/.exec(line);
  return match ? Number(match[1]) : null;
}

/**
 * Entries in order, parsed but not checked (for `passage audit show` and the staff journal; `verify` is the
 * check). Lines that do not parse are skipped.
 */
export async function readAuditEntries(dir: string, filter: (record: AuditRecord) => boolean = () => true): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for (const name of await listAuditFiles(dir)) {
    const { lines } = splitLines(await readFile(join(dir, name), 'utf8'));
    for (const line of lines) {
      try {
        const record = JSON.parse(line) as AuditRecord;
        if (filter(record)) out.push(record);
      } catch {
        // not an entry; verify reports it
      }
    }
  }
  return out;
}

/**
 * Entries at or after `since` (by their time), in order, reading the newest files first and stopping at the
 * first file that starts before `since`: the day's journal does not read months of log.
 */
export async function readRecentAuditEntries(dir: string, since: number, filter: (record: AuditRecord) => boolean = () => true): Promise<AuditRecord[]> {
  const chunks: AuditRecord[][] = [];
  for (const name of (await listAuditFiles(dir)).reverse()) {
    const records: AuditRecord[] = [];
    for (const line of splitLines(await readFile(join(dir, name), 'utf8')).lines) {
      try {
        records.push(JSON.parse(line) as AuditRecord);
      } catch {
        // not an entry; verify reports it
      }
    }
    chunks.unshift(records.filter((r) => Date.parse(r.at) >= since && filter(r)));
    const first = records[0];
    if (first && Date.parse(first.at) < since) break;
  }
  return chunks.flat();
}

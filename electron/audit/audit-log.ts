import { mkdir, open, readFile, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic, syncDirectory } from '../store/atomic-file.ts';
import { chainProblem, genesisMac, headIsSealed, openLine, sealHead, sealLine, type AuditHead, type AuditRecord } from './audit-chain.ts';
import { auditFileName, auditFileNumber, headFile, listAuditFiles, lockFile, readHead, splitLines } from './audit-files.ts';
import { withLockFile, type LockDeps } from './audit-lock.ts';
import { AuditError, auditEntryProblem, type AuditEntry, type AuditTrail } from './audit-trail.ts';

export interface AuditLogOptions {
  /** `<dataDir>/audit`. */
  readonly dir: string;
  /** The HMAC key (docs/staff.md "The key"). */
  readonly key: Uint8Array;
  readonly now: () => number;
  /** A file is closed and the next one started once it would grow past this (default 4 MiB). */
  readonly rotateBytes?: number;
  readonly lock?: LockDeps;
}

const defaultRotateBytes = 4 * 1024 * 1024;

/**
 * The audit trail as JSON-lines files under `<dataDir>/audit/` (docs/staff.md "Audit trail"). Each append,
 * under the directory's lock file: reads the head record, checks that the last file still ends where the head
 * says, writes the sealed line with O_APPEND and fsyncs it, then replaces the head atomically. Several
 * processes may share a log; appends of one process run one at a time in call order.
 *
 * After a crash the last file may hold more than the head says: complete entries that chain on are kept (they
 * were synced, only the head was not updated), a cut-off last line is removed and an `audit.recovered` entry
 * says how many bytes were dropped (that write was never acknowledged). Anything else past the head, or a file
 * shorter than the head says, is refused: the log was changed, and a person must look (`passage audit verify`).
 */
export class AuditLog implements AuditTrail {
  readonly #o: AuditLogOptions;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(options: AuditLogOptions) {
    this.#o = options;
  }

  /** Opens (creating the directory) and checks that the log's end matches its head record. */
  static async open(options: AuditLogOptions): Promise<AuditLog> {
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    const log = new AuditLog(options);
    await log.#serial(() => log.#locked(async () => void (await log.#tail())));
    return log;
  }

  append(entry: AuditEntry): Promise<void> {
    const problem = auditEntryProblem(entry);
    if (problem) return Promise.reject(new AuditError(problem));
    return this.#serial(() => this.#locked(async () => void (await this.#write(await this.#tail(), entry))));
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #locked<T>(work: () => Promise<T>): Promise<T> {
    return withLockFile(join(this.#o.dir, lockFile), work, this.#o.lock);
  }

  /** The head to chain on, after recovering what a crash left past it. */
  async #tail(): Promise<AuditHead> {
    const { dir, key } = this.#o;
    const head = await readHead(dir).catch((error: unknown) => {
      throw new AuditError(`audit log ${dir}: ${(error as Error).message}`);
    });
    const files = await listAuditFiles(dir);
    if (head === null) {
      if (files.length > 0) throw new AuditError(`audit log ${dir}: ${headFile} is missing but entries exist; run passage audit verify`);
      return sealHead(key, { seq: 0, mac: genesisMac, file: auditFileName(1), bytes: 0 });
    }
    if (!headIsSealed(key, head)) throw new AuditError(`audit log ${dir}: ${headFile} was changed (or the key is not this log's); run passage audit verify`);
    const later = files.filter((f) => (auditFileNumber(f) ?? 0) > (auditFileNumber(head.file) ?? 0));
    if (later.length > 0) throw new AuditError(`audit log ${dir}: ${later[0]} lies past the head record; run passage audit verify`);
    const path = join(dir, head.file);
    const size = await stat(path).then((s) => s.size, (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' && head.bytes === 0) return 0;
      throw new AuditError(`audit log ${dir}: ${head.file} cannot be read (${error.code ?? error.message})`);
    });
    if (size === head.bytes) return head;
    if (size < head.bytes) throw new AuditError(`audit log ${dir}: ${head.file} is shorter than its head record says; run passage audit verify`);
    return this.#recover(head, path);
  }

  async #recover(head: AuditHead, path: string): Promise<AuditHead> {
    const { key } = this.#o;
    const bytes = await readFile(path);
    const { lines, torn } = splitLines(bytes.subarray(head.bytes).toString('utf8'));
    let current = head;
    for (const line of lines) {
      const opened = openLine(key, line);
      if (!opened.ok || chainProblem(opened.record, current.seq + 1, current.mac)) {
        throw new AuditError(`audit log ${this.#o.dir}: ${head.file} has entries past its head record that do not chain on; run passage audit verify`);
      }
      current = sealHead(key, { seq: opened.record.seq, mac: opened.record.mac, file: head.file, bytes: current.bytes + Buffer.byteLength(line) + 1 });
    }
    await writeFileAtomic(join(this.#o.dir, headFile), JSON.stringify(current));
    if (torn === null) return current;
    const dropped = Buffer.byteLength(torn);
    await truncate(path, current.bytes);
    return this.#write(current, { type: 'audit.recovered', actor: 'kiosk', data: { droppedBytes: dropped, afterSeq: current.seq } });
  }

  async #write(head: AuditHead, entry: AuditEntry): Promise<AuditHead> {
    const { dir, key } = this.#o;
    const seq = head.seq + 1;
    const { line, mac } = sealLine(key, { seq, at: new Date(this.#o.now()).toISOString(), type: entry.type, actor: entry.actor, data: entry.data ?? {}, prev: head.mac });
    const text = `${line}\n`;
    const length = Buffer.byteLength(text);
    const rotate = head.bytes > 0 && head.bytes + length > (this.#o.rotateBytes ?? defaultRotateBytes);
    const file = rotate ? auditFileName((auditFileNumber(head.file) ?? 0) + 1) : head.file;
    const start = rotate ? 0 : head.bytes;
    const handle = await open(join(dir, file), 'a', 0o600);
    try {
      await handle.write(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (start === 0) await syncDirectory(dir);
    const next = sealHead(key, { seq, mac, file, bytes: start + length });
    await writeFileAtomic(join(dir, headFile), JSON.stringify(next));
    return next;
  }
}

export type { AuditRecord };

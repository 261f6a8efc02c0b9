import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditHead } from './audit-chain.ts';

/**
 * The audit directory's layout: `audit-000001.jsonl`, `audit-000002.jsonl` ... (one JSON line per entry,
 * numbered in the order they were started), `head.json` (where the last acknowledged entry ended) and
 * `.lock` (held while one process appends).
 */
export const headFile = 'head.json';
export const lockFile = '.lock';
const filePattern = /^audit-(\d{6})\.jsonl$/;

export function auditFileName(n: number): string {
  return `audit-${String(n).padStart(6, '0')}.jsonl`;
}

export function auditFileNumber(name: string): number | null {
  const match = filePattern.exec(name);
  return match ? Number(match[1]) : null;
}

/** The log's files in order (by number). A missing directory has none. */
export async function listAuditFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.filter((n) => auditFileNumber(n) !== null).sort((a, b) => (auditFileNumber(a) as number) - (auditFileNumber(b) as number));
}

/** The head record as stored, or null when there is none; throws on one that is not a head record. */
export async function readHead(dir: string): Promise<AuditHead | null> {
  let text: string;
  try {
    text = await readFile(join(dir, headFile), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const head = JSON.parse(text) as Partial<AuditHead>;
  if (!Number.isSafeInteger(head.seq) || typeof head.mac !== 'string' || typeof head.file !== 'string' || !Number.isSafeInteger(head.bytes) || typeof head.headMac !== 'string') {
    throw new Error(`${join(dir, headFile)}: not an audit head record`);
  }
  return head as AuditHead;
}

/** Splits a file's text into lines; `torn` is a last line without its newline (a write a crash cut short). */
export function splitLines(text: string): { lines: string[]; torn: string | null } {
  const parts = text.split('\n');
  const last = parts.pop() as string;
  return { lines: parts, torn: last === '' ? null : last };
}

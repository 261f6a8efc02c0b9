import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditValue } from './audit-trail.ts';

/**
 * One audit entry as one line of JSON, sealed with HMAC-SHA256 (RFC 2104, FIPS 198-1) and chained to the entry
 * before it (docs/staff.md "Audit trail"). Pure: the key and every field are passed in.
 *
 * The line is `{"seq":…,"at":…,"type":…,"actor":…,"data":…,"prev":…,"mac":…}`. The MAC covers the exact bytes
 * of the line before `,"mac":"`, so any changed byte — including one that leaves the JSON meaning the same,
 * such as a space or an escape — fails the check. `prev` is the MAC of the entry before, so an entry removed,
 * inserted or moved breaks the chain even when each line is intact.
 */
export interface AuditRecord {
  readonly seq: number;
  /** ISO 8601 UTC. */
  readonly at: string;
  readonly type: string;
  readonly actor: string;
  readonly data: { readonly [key: string]: AuditValue };
  /** MAC of the entry before; `genesisMac` for the first entry of the log. */
  readonly prev: string;
  readonly mac: string;
}

export const genesisMac = '0'.repeat(64);
const lineDomain = 'passage-audit-line-v1\n';
const headDomain = 'passage-audit-head-v1\n';
const macMarker = ',"mac":"';
const hex64 = /^[0-9a-f]{64}$/;

function hmac(key: Uint8Array, domain: string, text: string): string {
  return createHmac('sha256', key).update(domain).update(text, 'utf8').digest('hex');
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The line for an entry (without the newline) and its MAC. */
export function sealLine(key: Uint8Array, entry: Omit<AuditRecord, 'mac'>): { line: string; mac: string } {
  const body = JSON.stringify({ seq: entry.seq, at: entry.at, type: entry.type, actor: entry.actor, data: entry.data, prev: entry.prev });
  const prefix = body.slice(0, -1); // without the closing brace
  const mac = hmac(key, lineDomain, prefix);
  return { line: `${prefix}${macMarker}${mac}"}`, mac };
}

export type OpenedLine =
  | { readonly ok: true; readonly record: AuditRecord }
  | { readonly ok: false; readonly problem: 'malformed' | 'changed'; readonly message: string };

/** Checks one line's MAC and shape. Says nothing of its place in the chain (see `chainProblem`). */
export function openLine(key: Uint8Array, line: string): OpenedLine {
  const at = line.lastIndexOf(macMarker);
  const mac = at === -1 ? '' : line.slice(at + macMarker.length, -2);
  if (at === -1 || !line.endsWith('"}') || !hex64.test(mac)) return { ok: false, problem: 'malformed', message: 'not an audit line (no MAC at its end)' };
  if (!sameHex(hmac(key, lineDomain, line.slice(0, at)), mac)) return { ok: false, problem: 'changed', message: 'MAC does not match: the entry was changed, or the key is not this log\'s' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'malformed', message: 'not JSON' };
  }
  const r = parsed as Partial<AuditRecord>;
  const shaped = typeof r === 'object' && r !== null && Number.isSafeInteger(r.seq) && typeof r.at === 'string' && typeof r.type === 'string'
    && typeof r.actor === 'string' && typeof r.data === 'object' && r.data !== null && typeof r.prev === 'string' && hex64.test(r.prev);
  if (!shaped) return { ok: false, problem: 'malformed', message: 'an audit field is missing or of the wrong type' };
  return { ok: true, record: r as AuditRecord };
}

/** Why `record` cannot follow an entry with `expectedSeq - 1` and MAC `prevMac`, or null when it can. */
export function chainProblem(record: AuditRecord, expectedSeq: number, prevMac: string): { problem: 'removed' | 'reordered'; message: string } | null {
  if (record.seq > expectedSeq) return { problem: 'removed', message: `expected entry ${expectedSeq}, found ${record.seq}: entries are missing before it` };
  if (record.seq < expectedSeq) return { problem: 'reordered', message: `expected entry ${expectedSeq}, found ${record.seq}: entries are out of order or repeated` };
  if (record.prev !== prevMac) return { problem: 'removed', message: `entry ${record.seq} does not follow the entry before it: an entry was removed or replaced` };
  return null;
}

/** Where the log ended after the last acknowledged append; sealed so it cannot be moved back unnoticed. */
export interface AuditHead {
  readonly seq: number;
  readonly mac: string;
  readonly file: string;
  /** Length of `file` after that entry. */
  readonly bytes: number;
  readonly headMac: string;
}

export function sealHead(key: Uint8Array, head: Omit<AuditHead, 'headMac'>): AuditHead {
  return { ...head, headMac: hmac(key, headDomain, `${head.seq}\n${head.mac}\n${head.file}\n${head.bytes}`) };
}

export function headIsSealed(key: Uint8Array, head: AuditHead): boolean {
  return hex64.test(head.headMac) && sameHex(sealHead(key, head).headMac, head.headMac);
}

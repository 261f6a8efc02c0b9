import { createHash } from 'node:crypto';

/**
 * `sha256:` and the SHA-256 of a parsed configuration, written with sorted keys so the same settings always give the same hash,
 * whatever the order in the file. Recorded in the audit trail at each start (docs/staff.md "Audit trail"), so a
 * changed configuration shows, and reported to the fleet. Call it where the configuration is loaded, before the
 * host starts: it reads every key.
 */
export function configHash(config: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(config)).digest('hex')}`;
}

/** JSON with object keys sorted at every level, so equal configurations serialise (and hash) equally. Pure. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

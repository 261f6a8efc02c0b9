import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal configurations serialise (and hash) equally. Pure. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The configuration hash the kiosk reports: `sha256:` and the hex digest of the canonical JSON. */
export function configHash(config: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(config)).digest('hex')}`;
}

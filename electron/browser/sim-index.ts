import { z } from 'zod';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';

/** One line of the simulation control's index (GET /sim/): what a tool or a person needs to call a route. */
export interface SimIndexEntry {
  readonly method: 'GET' | 'POST';
  /** The full path, `/sim/...`. */
  readonly path: string;
  readonly summary: string;
  /** The body the route accepts, as JSON Schema (what a caller sends, defaults included); null: no body. */
  readonly body: unknown;
}

/**
 * The index of the control routes, generated from the route table the handler serves, so that the list cannot
 * drift from what answers (docs/architecture.md "Simulation control"). Sorted by path, then method.
 */
export function simIndex(routes: readonly SimRoute[]): SimIndexEntry[] {
  return routes
    .map((r) => ({
      method: r.method,
      path: `/sim${r.path}`,
      summary: r.summary,
      body: r.body ? z.toJSONSchema(r.body, { io: 'input', unrepresentable: 'any' }) : null,
    }))
    .sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)));
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A JSON Schema in one line a person can read: `{ mrz: string[1..3], stayUnplugged?: boolean }`. */
export function describeSchema(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) return 'any';
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s['anyOf'])) {
    const parts = (s['anyOf'] as unknown[]).map(describeSchema).filter((p) => p !== 'null');
    return parts.join(' | ');
  }
  if (Array.isArray(s['oneOf'])) return (s['oneOf'] as unknown[]).map(describeSchema).join(' | ');
  if (Array.isArray(s['enum'])) return (s['enum'] as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  if ('const' in s) return JSON.stringify(s['const']);
  switch (s['type']) {
    case 'object': {
      const properties = (s['properties'] ?? {}) as Record<string, unknown>;
      const required = new Set((s['required'] ?? []) as string[]);
      const fields = Object.entries(properties).map(([k, v]) => `${k}${required.has(k) ? '' : '?'}: ${describeSchema(v)}`);
      return `{ ${fields.join(', ')} }`;
    }
    case 'array': {
      const range = s['minItems'] !== undefined || s['maxItems'] !== undefined ? `[${String(s['minItems'] ?? 0)}..${String(s['maxItems'] ?? '')}]` : '[]';
      return `${describeSchema(s['items'])}${range}`;
    }
    case 'integer':
    case 'number': {
      // Zod writes "no upper bound" on an integer as the largest safe integer.
      const max = typeof s['maximum'] === 'number' && s['maximum'] < Number.MAX_SAFE_INTEGER ? String(s['maximum']) : '';
      const bounds = s['minimum'] !== undefined || max !== '' ? ` ${String(s['minimum'] ?? '')}..${max}` : '';
      return `${String(s['type'])}${bounds}`;
    }
    case 'string':
    case 'boolean':
    case 'null':
      return String(s['type']);
    default:
      return 'any';
  }
}

/** The index as a page for a person at a browser: method, path, body and summary in a table. */
export function simIndexHtml(entries: readonly SimIndexEntry[]): string {
  const rows = entries
    .map(
      (e) =>
        `<tr><td>${e.method}</td><td><code>${escapeHtml(e.path)}</code></td><td><code>${escapeHtml(e.body === null ? '' : describeSchema(e.body))}</code></td><td>${escapeHtml(e.summary)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Passage simulation control</title>
<style>body{font-family:sans-serif;margin:1.5rem}table{border-collapse:collapse}td,th{border-bottom:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}code{font-size:.9em}</style>
</head><body>
<h1>Simulation control</h1>
<p>POST bodies are JSON with <code>content-type: application/json</code>. The same list as JSON: <code>curl http://127.0.0.1:PORT/sim/</code>.</p>
<table><thead><tr><th>method</th><th>path</th><th>body</th><th>what it does</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The import rules of docs/architecture.md ("Layers and the import rules"), checked on every `npm test` so that a
 * wrong import fails the build instead of waiting for a reviewer (the same section).
 */
const root = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|svelte)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** Relative imports of a file, resolved to repository paths. */
function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1] as string);
  return found.map((spec) => relative(root, resolve(dirname(join(root, file)), spec)));
}

function violations(files: string[], forbidden: (target: string) => boolean): string[] {
  return files.flatMap((file) => imports(file).filter(forbidden).map((target) => `${file} → ${target}`));
}

describe('layering', () => {
  it('finds the imports it checks (the rule cannot pass vacuously)', () => {
    expect(imports('electron/host/host.ts')).toContain('electron/session/session.ts');
    expect(sources('drivers').length).toBeGreaterThan(3);
  });

  it('drivers import nothing from electron/ or renderer/', () => {
    expect(violations(sources('drivers'), (t) => t.startsWith('electron/') || t.startsWith('renderer/'))).toEqual([]);
  });

  it('the renderer imports only the contract from the host side', () => {
    expect(
      violations(sources('renderer'), (t) => (t.startsWith('electron/') && !t.startsWith('electron/contract/')) || t.startsWith('drivers/')),
    ).toEqual([]);
  });

  it('the contract depends on nothing but itself', () => {
    expect(violations(sources('electron/contract'), (t) => !t.startsWith('electron/contract/'))).toEqual([]);
  });

  it('the session knows ports, never adapters', () => {
    const adapter = (t: string) =>
      /^drivers\/(reader|scanner|printer|ocr|framing)\/(?!document-reader|barcode-scanner|printer\.ts)/.test(t) ||
      t.startsWith('electron/browser/') ||
      t.startsWith('electron/host/') ||
      /\/sim\//.test(t);
    expect(violations(sources('electron/session'), adapter)).toEqual([]);
  });

  it('has no import cycle between folders (each folder a module: `electron/session`, `drivers/ocr` …)', () => {
    expect(folderCycles([...sources('electron'), ...sources('drivers'), ...sources('renderer')])).toEqual([]);
  });

  it('finds a cycle between folders when there is one (the check cannot pass vacuously)', () => {
    const graph = new Map([['a/x', new Set(['a/y'])], ['a/y', new Set(['a/z'])], ['a/z', new Set(['a/x'])], ['a/w', new Set(['a/x'])]]);
    expect(cyclesOf(graph)).toEqual(['a/x → a/y → a/z → a/x']);
  });
});

/** The module a file belongs to: its first two folders (`electron/session/airport/steps/x.ts` → `electron/session`). */
function moduleOf(file: string): string {
  return file.split('/').slice(0, 2).join('/');
}

function folderCycles(files: string[]): string[] {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = moduleOf(file);
    for (const target of imports(file)) {
      const to = moduleOf(target);
      if (to === from || !/^(electron|drivers|renderer)\//.test(target)) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)?.add(to);
    }
  }
  return cyclesOf(graph);
}

/** Each strongly connected group of modules (Tarjan), written as one cycle through it, in a stable order. */
function cyclesOf(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack.delete(member);
        group.push(member);
        if (member === node) break;
      }
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return groups.map((group) => cycleThrough(group, graph)).sort();
}

/** A path from the group's first module back to itself inside the group: what a reader follows to break it. */
function cycleThrough(group: readonly string[], graph: ReadonlyMap<string, ReadonlySet<string>>): string {
  const start = group[0] ?? '';
  const inGroup = new Set(group);
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() ?? '';
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (!inGroup.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, start].join(' → ');
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return group.join(' ↔ ');
}

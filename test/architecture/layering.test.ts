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
      /^drivers\/(reader|scanner|printer|ocr|framing|speech|headset)\/(?!document-reader|barcode-scanner|printer\.ts|speech-output\.ts|headset-jack\.ts)/.test(t) ||
      t.startsWith('electron/browser/') ||
      t.startsWith('electron/host/') ||
      /\/sim\//.test(t);
    expect(violations(sources('electron/session'), adapter)).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '../..');
const builder = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as {
  properties: Record<string, unknown>;
  definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
};

describe('electron-builder configuration', () => {
  it('flips the Electron fuses that close the binary to other uses', () => {
    expect(builder.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(builder.asar).toBe(true);
  });

  it('names only keys electron-builder knows (a typo would silently leave a fuse alone)', () => {
    for (const key of Object.keys(builder)) expect(schema.properties, key).toHaveProperty(key);
    for (const fuse of Object.keys(builder.electronFuses as object)) expect(schema.definitions.FuseOptionsV1.properties, fuse).toHaveProperty(fuse);
  });
});

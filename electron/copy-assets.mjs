// Build step of `npm run build:electron`: copies every non-TypeScript file the main process reads at run time
// (seeds, models, the OCR worker's boot file) next to the compiled JavaScript, keeping the source layout.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const out = 'dist-electron';
for (const root of ['electron', 'drivers']) {
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || /\.(ts|svelte)$/.test(entry.name) || entry.name === 'copy-assets.mjs') continue;
    const from = join(entry.parentPath, entry.name);
    cpSync(from, join(out, from));
  }
}

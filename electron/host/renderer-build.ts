import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time of any file below `dir`. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(entry.parentPath ?? dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/**
 * Builds the renderer when its output is missing or older than its sources, so `npm run start:browser`
 * works on a fresh clone and after an edit, without a separate build command.
 */
export async function ensureRendererBuilt(root: string, log: (line: string) => void): Promise<string> {
  const out = join(root, 'renderer', 'dist');
  const index = join(out, 'index.html');
  const sources = join(root, 'renderer', 'src');
  // An installed kiosk ships the built UI without its sources (docs/deployment.md "Debian package").
  if (!existsSync(sources) && existsSync(index)) return out;
  const stale = !existsSync(index) || newest(sources) > statSync(index).mtimeMs;
  if (stale) {
    log('building the kiosk UI…');
    const { build } = await import('vite');
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  }
  return out;
}

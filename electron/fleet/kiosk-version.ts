import { readFileSync } from 'node:fs';

/**
 * The software version the kiosk reports: package.json's, found next to the sources (tsx) or the compiled
 * output (dist-electron). Read once at start.
 */
export function kioskVersion(): string {
  for (const relative of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'passage-kiosk' && pkg.version) return pkg.version;
    } catch {
      // try the next place
    }
  }
  return 'unknown';
}

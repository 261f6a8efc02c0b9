import { mkdir, readFile } from 'node:fs/promises';
import { arch, platform, release, totalmem, freemem, uptime } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../store/atomic-file.ts';

/**
 * The diagnostics bundle a technician writes for support (docs/staff.md "Diagnostics"): one JSON file under
 * `<dataDir>/diagnostics/` (owner-only) with the recent log, the configuration without its secrets, the device
 * states, maintenance's view of the kiosk and the software versions. It holds what the log and the maintenance
 * panel hold, no more: no traveller data (the log censors it), no secret (removed here).
 */
export interface DiagnosticsSources {
  readonly dataDir: string;
  readonly now: () => number;
  readonly configuration: () => unknown;
  readonly configHash: string | null;
  readonly recentLog: () => readonly string[];
  /** Devices, alerts, self-tests, counters, consumables, queues: whatever the kiosk can say about itself. */
  readonly state: () => Record<string, unknown>;
}

/** Keys whose value is a secret when written inline (a `{file}` or `{credential}` reference is kept: it is only where the secret is). */
const secretKey = /(key|secret|token|password|passphrase|pin|credential)$/i;

export function withoutSecrets(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutSecrets(v));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const isReference = entries.length === 1 && (entries[0]?.[0] === 'file' || entries[0]?.[0] === 'credential');
    if (secretKey.test(key) && isReference) return value;
    return Object.fromEntries(entries.map(([k, v]) => [k, withoutSecrets(v, k)]));
  }
  return secretKey.test(key) && value !== undefined && value !== null ? '[removed]' : value;
}

async function packageVersion(): Promise<string | null> {
  // The sources run from the repository; the packaged app from dist-electron: look upwards for our package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const text = await readFile(join(dir, 'package.json'), 'utf8').catch(() => null);
    if (text) {
      const pkg = JSON.parse(text) as { name?: string; version?: string };
      if (pkg.name === 'passage-kiosk') return pkg.version ?? null;
    }
    dir = dirname(dir);
  }
  return null;
}

export async function writeDiagnostics(sources: DiagnosticsSources): Promise<string> {
  const at = new Date(sources.now());
  const bundle = {
    writtenAt: at.toISOString(),
    versions: {
      passage: await packageVersion(),
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      v8: process.versions.v8,
      openssl: process.versions.openssl,
    },
    system: { platform: platform(), release: release(), arch: arch(), uptimeSeconds: Math.round(uptime()), memory: { total: totalmem(), free: freemem() } },
    configHash: sources.configHash,
    configuration: withoutSecrets(sources.configuration()),
    kiosk: sources.state(),
    log: sources.recentLog(),
  };
  const dir = join(sources.dataDir, 'diagnostics');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `passage-diagnostics-${at.toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFileAtomic(path, `${JSON.stringify(bundle, null, 2)}\n`, 0o600);
  return path;
}

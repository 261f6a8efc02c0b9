import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../../..');

export interface KioskProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  readonly output: () => string;
  sim(path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  stop(): Promise<void>;
}

/**
 * Starts the kiosk exactly as a developer does (`passage start --browser`), on a free port, with a
 * configuration of the test's choosing, and waits for the line that announces its address.
 */
export async function startKiosk(config: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}): Promise<KioskProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'passage-e2e-'));
  const configPath = join(dir, 'kiosk.json');
  writeFileSync(configPath, JSON.stringify({ dataDir: join(dir, 'data'), ...config }));
  const child = spawn(process.execPath, [join(repoRoot, 'bin/passage.js'), 'start', '--browser', '--port', '0', '--config', configPath], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk did not start:\n${output}`)), 45_000);
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk exited with ${code}:\n${output}`));
    });
  });
  const port = Number(new URL(url).port);
  return {
    url,
    port,
    child,
    output: () => output,
    async sim(path, body) {
      const res = await fetch(`http://127.0.0.1:${port}/sim${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
      return { status: res.status, json: await res.json() };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

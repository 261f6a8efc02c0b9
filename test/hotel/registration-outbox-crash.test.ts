import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonServer } from '../../electron/hotel/json-http.ts';
import { PoliceSimulator, startPoliceServer } from '../../electron/hotel/police-simulator.ts';
import type { OutboxPoint } from '../../electron/store/outbox.ts';

/**
 * A crash at any point loses nothing and has no effect twice: a child process registers three guests and is
 * SIGKILLed at one outbox point while handling the second; a restart registers the guests whose check-in did
 * not complete and drains the outbox. The police simulator (in this process) counts effects per ID.
 */
const child = fileURLToPath(new URL('./fixtures/outbox-crash-child.ts', import.meta.url));
const key = 'a1'.repeat(32);
const ids = ['crash-r1', 'crash-r2', 'crash-r3'];

let police: PoliceSimulator;
let server: JsonServer;
let dir: string;

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly checkedIn: string[];
  readonly stdout: string;
  readonly stderr: string;
}

function run(registrations: string[], dbPath: string, kill?: { at: OutboxPoint; id: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child], {
      env: {
        ...process.env,
        OUTBOX_PATH: dbPath,
        OUTBOX_KEY: key,
        POLICE_URL: server.url,
        REGISTRATIONS: JSON.stringify(registrations),
        ...(kill ? { KILL_AT: kill.at, KILL_ID: kill.id } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    p.on('error', reject);
    p.on('close', (code, signal) => {
      const checkedIn = stdout.split('\n').filter((l) => l.startsWith('checked-in ')).map((l) => l.slice('checked-in '.length));
      resolve({ code, signal, checkedIn, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'outbox-crash-'));
  police = new PoliceSimulator({ now: () => Date.parse('2026-11-28T14:00:00Z') });
  server = await startPoliceServer(police);
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const points: { at: OutboxPoint; duplicates: number }[] = [
  { at: 'enqueue:before-commit', duplicates: 0 },
  { at: 'enqueue:after-commit', duplicates: 0 },
  { at: 'deliver:before-send', duplicates: 0 },
  // The one window the outbox cannot close alone: the police have it, the kiosk has not recorded the ack.
  // The redelivery is acknowledged as a no-op, so the effect stays single.
  { at: 'deliver:after-send', duplicates: 1 },
  { at: 'deliver:after-ack-record', duplicates: 0 },
];

describe('registration outbox across crashes', () => {
  it.each(points)('killed at $at, a restart delivers every registration with exactly one effect', async ({ at, duplicates }) => {
    const prefix = at.replace(/[^a-z]/g, '');
    const scenarioIds = ids.map((id) => `${prefix}-${id}`);
    const dbPath = join(dir, `${prefix}.db`);
    const before = police.stats().duplicates;

    const first = await run(scenarioIds, dbPath, { at, id: scenarioIds[1]! });
    expect(first.signal, first.stderr).toBe('SIGKILL');
    expect(first.stdout).not.toContain('drained');

    // what a crash leaves on disk (database, WAL, shared memory) holds no personal data in clear
    const leftovers = Buffer.concat(readdirSync(dir).filter((f) => f.startsWith(prefix)).map((f) => readFileSync(join(dir, f))));
    expect(leftovers.length).toBeGreaterThan(0);
    for (const secret of ['ERIKSSON', 'L898902C3', 'V1234567']) expect(leftovers.includes(Buffer.from(secret))).toBe(false);

    const remaining = scenarioIds.filter((id) => !first.checkedIn.includes(id));
    const second = await run(remaining, dbPath);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('drained');

    for (const id of scenarioIds) expect(police.deliveriesOf(id), id).toBe(id === scenarioIds[1] ? 1 + duplicates : 1);
    expect(police.stats().duplicates - before).toBe(duplicates);
  }, 60_000);
});

/**
 * `npm run bench -- soak`: does the kiosk run for weeks? Drives SOAK_SESSIONS (default 10,000) traveller sessions
 * through the real transport — the browser-mode WebSocket contract endpoint and the control API over HTTP, as
 * the kiosk page and a test use them, no Chromium needed — against the simulated devices and back-ends, and
 * samples the host process every SOAK_EVERY sessions, once its writes to disk have caught up: RSS, V8 heap after
 * a full collection, memory outside the heap, open handles and timers. Sessions alternate: read the document,
 * verify the holder (the platform simulator over mutual TLS), then cancel, or complete an airport check-in (DCS
 * simulator over HTTP, boarding pass and bag tag printed).
 *
 * Pass: after the warm-up (the first sample), RSS (its floor, see below) and heap grow by less than 10 MB and
 * the floor of handles and timers does not rise. docs/deployment.md "Runs for weeks" records a result.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WebSocket } from 'ws';
import { startBrowserServer } from '../../electron/browser/server.ts';
import type { SessionState } from '../../electron/contract/index.ts';
import { parseConfig } from '../../electron/host/config.ts';
import { startHost } from '../../electron/host/host.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import seed from '../../electron/platform/sim/seed.json' with { type: 'json' };

const sessions = Number(process.env.SOAK_SESSIONS ?? 10_000);
// Twenty samples: the floors of RSS and handles (see the verdict below) want several on each side.
const every = Number(process.env.SOAK_EVERY ?? 500);
const limitBytes = 10 * 1024 * 1024;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Sample {
  readonly sessions: number;
  readonly rss: number;
  readonly heap: number;
  /** Memory of Buffers and other objects outside the V8 heap (TLS, sockets, file writes). */
  readonly external: number;
  readonly handles: number;
  readonly timers: number;
}

function sample(done: number): Sample {
  gc();
  gc();
  const resources = process.getActiveResourcesInfo();
  const timers = resources.filter((r) => r === 'Timeout' || r === 'Immediate').length;
  const { rss, heapUsed, external } = process.memoryUsage();
  return { sessions: done, rss, heap: heapUsed, external, handles: resources.length - timers, timers };
}

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);

/**
 * Waits until no file-system request has been in flight for `quietMs`. The kiosk writes its maintenance state
 * and an audit entry through to disk at once after each session, one write at a time (docs/staff.md "Audit
 * trail"); driven a thousand times faster than travellers come, those writes queue up, and a queue that drains
 * is not a leak. Sampling once it has drained measures what the kiosk keeps, and keeps a request in flight from
 * counting as a handle.
 */
async function writesSettled(quietMs = 200, timeoutMs = 120_000): Promise<void> {
  const start = performance.now();
  let quietSince = performance.now();
  while (performance.now() - quietSince < quietMs) {
    if (performance.now() - start > timeoutMs) throw new Error(`the kiosk's writes did not settle within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (process.getActiveResourcesInfo().some((r) => r.startsWith('FSReq'))) quietSince = performance.now();
  }
}

/** What a traveller taps next on `state`, or null to wait for the next state. */
function nextCommand(state: SessionState, complete: boolean): object | null {
  const screen = state.screen;
  switch (screen.name) {
    case 'holder':
      return complete && screen.verification === 'verified' ? { type: 'continue' } : { type: 'cancel' };
    case 'airport': {
      const view = screen.view;
      const act = (action: object) => ({ type: 'airport', action });
      switch (view.step) {
        case 'booking':
          return act({ type: 'continue' });
        case 'chooseBooking':
          return act({ type: 'chooseBooking', pnr: view.bookings[0]?.pnr ?? '' });
        case 'passengers':
        case 'seats':
        case 'bags':
          return 'busy' in view && view.busy ? null : act({ type: 'continue' });
        case 'dangerousGoods':
          return act({ type: 'acknowledgeDangerousGoods' });
        case 'confirm':
          return act({ type: 'confirm' });
        case 'done':
          return act({ type: 'finish' });
        case 'searching':
        case 'checkingIn':
        case 'printing':
          return null;
        default:
          return { type: 'cancel' }; // refused, lookup: not what this soak is about
      }
    }
    case 'document':
    case 'verifying':
    case 'attract':
      return null;
    default:
      return { type: 'cancel' };
  }
}

/**
 * Measures the host as the kiosk's service runs it: with MALLOC_ARENA_MAX=2 (docs/deployment.md "Runs for
 * weeks": without it glibc's per-thread arenas let RSS ratchet up). The variable is read when the process
 * starts, so without it the bench runs itself again in a child that has it.
 */
export async function run(): Promise<void> {
  if (process.env.MALLOC_ARENA_MAX === undefined) {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], { env: { ...process.env, MALLOC_ARENA_MAX: '2' }, stdio: 'inherit' });
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) process.exitCode = 1;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'passage-soak-'));
  const config = parseConfig({
    dataDir: join(dir, 'data'),
    services: ['checkIn'],
    language: { default: 'en' },
    ocr: { enabled: false },
    log: { level: 'silent' },
  });
  const host = await startHost(config, { logger: silentLogger() });
  const server = await startBrowserServer({ host, port: 0, staticDir: dir, logger: silentLogger() });
  const anna = seed.identities.find((i) => i.id === 'uto-specimen-match')?.mrz;
  if (!anna) throw new Error('the platform seed has no uto-specimen-match');

  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });

  let complete = false;
  let lastActed = '';
  let sessionStarted = false;
  let ended: (() => void) | null = null;
  const outcomes = { completed: 0, cancelled: 0 };
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; state?: SessionState };
    if (message.type !== 'state' || !message.state) return;
    const state = message.state;
    if (state.screen.name === 'attract') {
      if (sessionStarted) {
        sessionStarted = false;
        lastActed = '';
        ended?.();
      }
      return;
    }
    sessionStarted = true;
    const key = state.screen.name === 'airport' ? `airport:${state.screen.view.step}:${'busy' in state.screen.view ? state.screen.view.busy : ''}` : state.screen.name;
    if (key === lastActed) return;
    const command = nextCommand(state, complete);
    if (!command) return;
    lastActed = key;
    if (state.screen.name === 'airport' && state.screen.view.step === 'done') outcomes.completed += 1;
    else if ((command as { type: string }).type === 'cancel') outcomes.cancelled += 1;
    ws.send(JSON.stringify({ type: 'command', command }));
  });

  const samples: Sample[] = [];
  const started = performance.now();
  try {
    for (let i = 1; i <= sessions; i++) {
      complete = i % 2 === 0;
      const over = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`session ${i} did not end within 30 s`)), 30_000);
        ended = () => {
          clearTimeout(timer);
          ended = null;
          resolve();
        };
      });
      const res = await fetch(`http://127.0.0.1:${server.port}/sim/reader/document`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mrz: anna }),
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`control API answered ${res.status}`);
      await over;
      if (i % every === 0) {
        await writesSettled();
        const s = sample(i);
        samples.push(s);
        const rate = i / ((performance.now() - started) / 1000);
        console.log(`${String(i).padStart(6)} sessions  rss ${mb(s.rss)} MB  heap ${mb(s.heap)} MB  external ${mb(s.external)} MB  handles ${s.handles}  timers ${s.timers}  (${rate.toFixed(0)}/s)`);
      }
    }
  } finally {
    ws.close();
    await server.close();
    await host.stop();
  }

  const warm = samples[0];
  const last = samples.at(-1);
  if (!warm || !last || samples.length < 2) {
    console.log('too few samples for a verdict (SOAK_SESSIONS must be at least twice SOAK_EVERY)');
    return;
  }
  const after = samples.slice(1);
  // RSS swings by tens of MB from one sample to the next as the C allocator keeps and hands back memory
  // (TLS, zlib); what a leak raises is the floor. So RSS growth is the lowest RSS of the second half of the
  // samples against the lowest of the first half (the warm-up sample included); the peak is reported too.
  // Handles swing too: the keep-alive connections to the simulators (TCP sockets, both ends in this process) are
  // open or already closed when a sample is taken. A leak raises their floor as well, so handles and timers are
  // judged the same way; their maximum is reported.
  const half = Math.ceil(samples.length / 2);
  const floor = (list: readonly Sample[], of: (s: Sample) => number) => Math.min(...list.map(of));
  const floorGrowth = (of: (s: Sample) => number) => floor(samples.slice(half), of) - floor(samples.slice(0, half), of);
  const rssGrowth = floorGrowth((s) => s.rss);
  const rssPeak = Math.max(...after.map((s) => s.rss)) - warm.rss;
  const heapGrowth = last.heap - warm.heap;
  const handleGrowth = floorGrowth((s) => s.handles);
  const timerGrowth = floorGrowth((s) => s.timers);
  const handles = Math.max(...after.map((s) => s.handles));
  const timers = Math.max(...after.map((s) => s.timers));
  const pass = rssGrowth < limitBytes && heapGrowth < limitBytes && handleGrowth <= 0 && timerGrowth <= 0;
  const signed = (bytes: number) => `${bytes >= 0 ? '+' : ''}${mb(bytes)} MB`;
  console.log(
    `after warm-up (${warm.sessions} → ${last.sessions} sessions; ${outcomes.completed} check-ins completed, ${outcomes.cancelled} cancelled): ` +
      `RSS floor ${signed(rssGrowth)} (peak ${signed(rssPeak)}), heap ${signed(heapGrowth)}, handles floor ${handleGrowth >= 0 ? '+' : ''}${handleGrowth} ` +
      `(${warm.handles} at warm-up, max ${handles}), timers floor ${timerGrowth >= 0 ? '+' : ''}${timerGrowth} (max ${timers}): ` +
      `${pass ? 'PASS' : 'FAIL'} (limit 10 MB, no rise in the floor of handles or timers)`,
  );
  if (!pass) process.exitCode = 1;
}

// Run directly (the child started above): the bench itself.
if (process.argv[1] === fileURLToPath(import.meta.url)) await run();

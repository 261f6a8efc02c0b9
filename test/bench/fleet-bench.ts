/**
 * Fleet load on this machine (docs/fleet.md "Measured"): N simulated kiosks (`passage fleet sim`, one process,
 * N TLS connections with client certificates) on one Mosquitto with the fleet ACL, and one console connection.
 * Reports: time for all kiosks to connect and be seen online by the console, the retained-state burst a console
 * gets on login, state fan-out latency to the console under churn, and the resident memory of broker and agents.
 * BENCH_FLEET_KIOSKS (default 1000), BENCH_FLEET_SECONDS of churn (default 20), BENCH_FLEET_CHURN_MS (default 50).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevBroker } from '../../electron/fleet/dev-broker.ts';
import { simulatedKioskIds } from '../../electron/cli/fleet/cli-support.ts';
import { connectWatcher } from '../fleet/support/watcher.ts';
import { repoRoot } from '../e2e/support/kiosk-process.ts';

const kiosks = Number(process.env.BENCH_FLEET_KIOSKS ?? 1000);
const churnSeconds = Number(process.env.BENCH_FLEET_SECONDS ?? 20);
const churnMs = Number(process.env.BENCH_FLEET_CHURN_MS ?? 50);
const site = 'bench-site';

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? NaN) / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'passage-fleet-bench-'));
  const broker = await startDevBroker({ dir, staff: [{ user: 'ops', password: 'bench', role: 'operator' }] });
  const t0 = performance.now();
  for (const id of simulatedKioskIds('kiosk', kiosks)) await broker.issueKiosk(id);
  console.log(`issued ${kiosks} kiosk certificates in ${((performance.now() - t0) / 1000).toFixed(1)} s; broker idle RSS ${rssMb(broker.pid).toFixed(1)} MB`);
  const console1 = await connectWatcher(broker.staffUrl, broker.paths.caCert, { user: 'ops', password: 'bench' });
  const online = new Set<string>();
  const offline = new Set<string>();
  const latencies: number[] = [];
  const sizes: number[] = [];
  let measuring = false;
  console1.client.on('message', (topic, payload) => {
    if (!topic.endsWith('/state')) return;
    const state = JSON.parse(payload.toString('utf8')) as { kioskId: string; online: boolean; at: number };
    if (state.online) online.add(state.kioskId);
    else offline.add(state.kioskId);
    sizes.push(payload.length);
    if (measuring) latencies.push(Date.now() - state.at);
  });
  const started = Date.now();
  const sim = spawn(
    process.execPath,
    [join(repoRoot, 'bin/passage.js'), 'fleet', 'sim', '--broker', broker.kioskUrl, '--site', site, '--kiosks', String(kiosks), '--ca', broker.paths.caCert, '--certs', dir, '--debounce-ms', '0', '--churn-ms', String(churnMs)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let simOut = '';
  sim.stdout.on('data', (c) => (simOut += String(c)));
  sim.stderr.on('data', (c) => (simOut += String(c)));
  try {
    while (online.size < kiosks) {
      if (Date.now() - started > 300_000) throw new Error(`only ${online.size} of ${kiosks} online after 300 s\n${simOut.slice(-2000)}`);
      if (sim.exitCode !== null) throw new Error(`sim exited ${sim.exitCode}\n${simOut.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const connectMs = Date.now() - started;
    while (!simOut.includes('"connected"') && Date.now() - started < 300_000) await new Promise((r) => setTimeout(r, 50));
    console.log(`${kiosks} kiosks connected and seen online by the console in ${(connectMs / 1000).toFixed(1)} s (process start included; sim says ${simOut.split('\n')[0]})`);

    // A console logging in gets every kiosk's retained state at once.
    const loginStart = Date.now();
    const late = await connectWatcher(broker.staffUrl, broker.paths.caCert, { user: 'ops', password: 'bench' });
    while (new Set(late.received.filter((m) => m.topic.endsWith('/state')).map((m) => m.topic)).size < kiosks) await new Promise((r) => setTimeout(r, 20));
    console.log(`a console logging in received ${kiosks} retained states in ${Date.now() - loginStart} ms`);
    await late.close();

    measuring = true;
    await new Promise((r) => setTimeout(r, churnSeconds * 1000));
    measuring = false;
    latencies.sort((a, b) => a - b);
    console.log(
      `state fan-out to the console under churn (one change every ${churnMs} ms, ${latencies.length} states): median ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms`,
    );
    console.log(`memory with ${kiosks} kiosks connected: broker RSS ${rssMb(broker.pid).toFixed(1)} MB, agents' process RSS ${rssMb(sim.pid as number).toFixed(1)} MB (${((rssMb(sim.pid as number) * 1024) / kiosks).toFixed(0)} KB per agent)`);
    console.log(`state message size: median ${percentile([...sizes].sort((a, b) => a - b), 50)} bytes`);

    // Every agent dies at once (SIGKILL): the broker sees the sockets close and publishes every last will.
    const killed = Date.now();
    sim.kill('SIGKILL');
    while (offline.size < kiosks && Date.now() - killed < 120_000) await new Promise((r) => setTimeout(r, 20));
    console.log(`${offline.size} of ${kiosks} last wills (offline) reached the console ${Date.now() - killed} ms after the agents' process was killed`);
  } finally {
    if (sim.exitCode === null && sim.signalCode === null) {
      const exited = new Promise((r) => sim.once('exit', r));
      sim.kill('SIGTERM');
      await exited;
    }
    await console1.close();
    await broker.stop();
  }
}

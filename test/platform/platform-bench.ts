/**
 * Latency of one document check through the real HTTPS client against the simulator on loopback (mutual TLS,
 * signed request, verified response), per signature suite: cold (first call: TLS handshake) and warm (pooled
 * connection), median and p95. Not a test: run with `npx tsx test/platform/platform-bench.ts`, or move it to
 * test/bench/ (it exports run()) to have `npm run bench` sequence it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { silentLogger } from '../../electron/log/logger.ts';
import { createPlatformClient } from '../../electron/platform/create-platform-client.ts';
import { platformConfigSchema } from '../../electron/platform/platform-config.ts';
import { startPlatformSimulator } from '../../electron/platform/sim/start-platform-simulator.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 50);
const specimen = { documentType: 'P', documentNumber: 'L898902C3', issuer: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', birthDate: '1974-08-12', expiryDate: '2034-04-15' };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'passage-platform-bench-'));
  const started = performance.now();
  const sim = await startPlatformSimulator({ dataDir: dir, logger: silentLogger() });
  console.log(`simulator start with PKI generation: ${(performance.now() - started).toFixed(0)} ms`);
  try {
    for (const signer of ['ecdsa-p256', 'sm2'] as const) {
      const client = await createPlatformClient(sim.connection(platformConfigSchema.parse({ signer })), { logger: silentLogger() });
      const t0 = performance.now();
      const first = await client.verifyDocument(specimen);
      const cold = performance.now() - t0;
      if (first.outcome !== 'verified') throw new Error(`expected verified, got ${first.outcome}`);
      const samples: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const t = performance.now();
        await client.verifyDocument(specimen);
        samples.push(performance.now() - t);
      }
      samples.sort((a, b) => a - b);
      console.log(`${signer}: cold ${cold.toFixed(1)} ms; warm median ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms (${rounds} checks)`);
      await client.close?.();
    }
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();

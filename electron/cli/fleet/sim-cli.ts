import { readFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliIo } from '../command.ts';
import { parseArgs } from '../args.ts';
import { createLogger } from '../../log/logger.ts';
import { systemClock } from '../../../drivers/clock.ts';
import { startSimFleet } from '../../fleet/sim-fleet.ts';
import { intFlag, simulatedKioskIds, stringFlag, usageError } from './cli-support.ts';

export const simUsage = `usage: passage fleet sim --broker URL --kiosks N [--site S] [--prefix P] [--ca FILE --certs DIR] [--keepalive S] [--fleet-key FILE] [--churn-ms MS] [--debounce-ms MS]

Runs N fleet agents (no UI, no devices) against a broker until interrupted, for load tests and demos.
Kiosk ids are P-0001 … (prefix default 'kiosk'); with mqtts:// each uses DIR/kiosk-ID.pem and
DIR/kiosk-ID-key.pem (as 'passage fleet broker' issues them). Prints one JSON line once all are connected.
  --churn-ms MS     every MS milliseconds one random kiosk's printer runs out of paper or comes back
  --debounce-ms MS  state changes closer than this are sent as one (default 250)`;

export async function runSim(argv: readonly string[], io: CliIo, stopped: Promise<void>): Promise<number> {
  const args = parseArgs(argv, { values: ['broker', 'kiosks', 'site', 'prefix', 'ca', 'certs', 'keepalive', 'fleet-key', 'churn-ms', 'debounce-ms'], booleans: [] });
  if (!args.ok) return usageError(io, 'sim', args.error, simUsage);
  const url = stringFlag(args.flags.get('broker'));
  if (!url || !/^mqtts?:\/\//.test(url)) return usageError(io, 'sim', '--broker mqtt[s]://host:port is required', simUsage);
  const count = intFlag(args.flags.get('kiosks'), 'kiosks', 1, [1, 100_000]);
  const keepAlive = intFlag(args.flags.get('keepalive'), 'keepalive', 30, [2, 600]);
  const churn = intFlag(args.flags.get('churn-ms'), 'churn-ms', 0, [0, 3_600_000]);
  const debounce = intFlag(args.flags.get('debounce-ms'), 'debounce-ms', 250, [0, 10_000]);
  for (const v of [count, keepAlive, churn, debounce]) if (typeof v === 'string') return usageError(io, 'sim', v, simUsage);
  const ca = stringFlag(args.flags.get('ca'));
  const certs = stringFlag(args.flags.get('certs'));
  if (url.startsWith('mqtts:') && (!ca || !certs)) return usageError(io, 'sim', 'mqtts:// needs --ca and --certs', simUsage);
  const site = stringFlag(args.flags.get('site')) ?? 'sim-site';
  const ids = simulatedKioskIds(stringFlag(args.flags.get('prefix')) ?? 'kiosk', count as number);
  const kiosks = ids.map((kioskId) =>
    ca && certs ? { kioskId, caPath: resolve(ca), certPath: join(resolve(certs), `kiosk-${kioskId}.pem`), keyPath: join(resolve(certs), `kiosk-${kioskId}-key.pem`) } : { kioskId },
  );
  const keyPath = stringFlag(args.flags.get('fleet-key'));
  const logger = createLogger({ level: 'warn', destination: io.stderr as unknown as import('pino').DestinationStream, name: 'passage-fleet-sim' });
  const fleet = await startSimFleet({
    url,
    site,
    kiosks,
    dataDir: mkdtempSync(join(tmpdir(), 'passage-fleet-sim-')),
    clock: systemClock,
    logger,
    keepAliveSeconds: keepAlive as number,
    stateDebounceMs: debounce as number,
    configKey: keyPath ? await readFile(keyPath, 'utf8') : null,
  });
  const started = Date.now();
  while (fleet.kiosks.some((k) => !k.agent.connected) && Date.now() - started < 120_000) await new Promise((r) => setTimeout(r, 100));
  const connected = fleet.kiosks.filter((k) => k.agent.connected).length;
  io.stdout.write(`${JSON.stringify({ site, kiosks: ids.length, connected, ms: Date.now() - started, pid: process.pid })}\n`);
  const timer = (churn as number) > 0 ? setInterval(() => {
    const pick = fleet.kiosks[Math.floor(Math.random() * fleet.kiosks.length)];
    if (!pick) return;
    const printer = pick.kiosk.parts().devices.find((d) => d.id === 'printer');
    if (printer?.state === 'unavailable') pick.kiosk.setDevice('printer', 'available');
    else pick.kiosk.setDevice('printer', 'unavailable', { reason: 'paper out', code: 'MEDIA_EMPTY' });
  }, churn as number) : null;
  await stopped;
  if (timer) clearInterval(timer);
  await fleet.stop();
  return 0;
}

import { createHttpDcs } from '../../electron/airline/http-dcs.ts';
import { AirlineSimulator } from '../../electron/airline/sim/airline-simulator.ts';
import { loadAirlineSeed } from '../../electron/airline/sim/seed.ts';
import { startAirlineSimulator } from '../../electron/airline/sim/start-simulator.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { contractStart, describeAirlineDcsContract } from './airline-dcs.contract.ts';

describeAirlineDcsContract('in-process simulator', async () => {
  let now = contractStart;
  const sim = new AirlineSimulator({ seed: await loadAirlineSeed(), now: () => now });
  return { dcs: sim, advanceMinutes: (m) => (now += m * 60_000), close: async () => undefined };
});

describeAirlineDcsContract('HTTP adapter against the loopback simulator', async () => {
  let now = contractStart;
  const logger = silentLogger();
  const running = await startAirlineSimulator({ now: () => now, logger });
  const dcs = createHttpDcs({ baseUrl: running.url, timeoutMs: 2000, retries: 0, logger });
  return { dcs, advanceMinutes: (m) => (now += m * 60_000), close: running.close };
});

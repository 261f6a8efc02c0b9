import { randomBytes } from 'node:crypto';
import type { ChipReader } from '../../drivers/chip/chip-reader.ts';
import { PcscChipReader } from '../../drivers/chip/pcsc/pcsc-chip-reader.ts';
import { SimulatedChipReader } from '../../drivers/chip/sim/simulated-chip-reader.ts';
import { typicalContactless } from '../../drivers/chip/sim/emulator-transport.ts';
import { loadTrustStore } from '../../drivers/chip/trust/load-trust-store.ts';
import { emptyTrustStore, type TrustStore } from '../../drivers/chip/trust/trust-store.ts';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import { SetupError } from '../../drivers/setup-error.ts';
import type { Logger } from '../log/logger.ts';
import type { Clock } from '../../drivers/clock.ts';
import type { ChipStep } from './chip-step.ts';
import { chipStepReader } from './chip-step-reader.ts';
import type { ChipConfig } from './chip-config.ts';
import { chipSimRoutes } from './chip-sim-routes.ts';

/**
 * Builds the chip step: a PC/SC reader on a real kiosk, the simulated reader (with the
 * emulator and its control routes) on a simulated one, and the venue's trust store. `off`: nothing is built.
 */
export async function buildChipStep(config: ChipConfig, deps: { mode: 'simulated' | 'real'; clock: Clock; logger: Logger }): Promise<ChipStep> {
  const random = (n: number) => Uint8Array.from(randomBytes(n));
  const trust: { current: TrustStore } = { current: emptyTrustStore };
  if (config.trustStore) {
    const loaded = await loadTrustStore(config.trustStore);
    trust.current = loaded.store;
    for (const r of loaded.rejected) deps.logger.warn({ file: r.file, reason: r.reason }, 'trust store file not used');
    deps.logger.info({ cscas: loaded.store.cscas.length, crls: loaded.store.crls.length }, 'chip trust store loaded');
  }
  // Fail closed: a real kiosk that reads chips with nothing to trust would refuse every chip as untrusted.
  if (deps.mode === 'real' && trust.current.cscas.length === 0) {
    throw new SetupError(
      config.trustStore
        ? `chip.trustStore ${config.trustStore}: no usable CSCA certificate or master list in it (docs/chip.md "Passive authentication and the trust store")`
        : `chip.policy is '${config.policy}' but chip.trustStore is not set (docs/chip.md "Passive authentication and the trust store")`,
    );
  }
  let reader: ChipReader;
  let simRoutes: SimRoute[] = [];
  if (deps.mode === 'simulated') {
    const sim = new SimulatedChipReader('chip', { random, timing: typicalContactless, delay: (ms) => new Promise((r) => setTimeout(r, ms)) });
    simRoutes = chipSimRoutes(sim, trust, () => new Date(deps.clock.now()));
    reader = sim;
  } else {
    reader = new PcscChipReader('chip', config.readerName ? { readerName: config.readerName } : {});
  }
  await reader.start();
  deps.logger.info({ policy: config.policy, reader: reader.status().state }, 'chip reader started');
  return {
    readChip: chipStepReader({ reader, trust: () => trust.current, clock: deps.clock, logger: deps.logger, waitForCardMs: config.waitForCardSeconds * 1000, random }),
    simRoutes,
    stop: () => reader.stop(),
  };
}

import type { Logger } from '../log/logger.ts';
import type { Clock } from '../../drivers/clock.ts';
import type { ReadDocumentChip } from '../session/chip-step.ts';
import type { SimRoute } from '../../drivers/sim/sim-route.ts';
import type { ChipConfig } from './chip-config.ts';

export interface ChipStep {
  readonly readChip?: ReadDocumentChip;
  readonly simRoutes: readonly SimRoute[];
  stop(): Promise<void>;
}

/**
 * The chip step for the composition root. With the policy `off` nothing of the chip code is even loaded (it
 * brings the PC/SC binding, sharp and the curve arithmetic), so a kiosk without chips starts as fast as before.
 */
export async function startChipStep(config: ChipConfig, deps: { mode: 'simulated' | 'real'; clock: Clock; logger: Logger }): Promise<ChipStep> {
  if (config.policy === 'off') return { simRoutes: [], stop: async () => {} };
  return (await import('./start-chip.ts')).buildChipStep(config, deps);
}

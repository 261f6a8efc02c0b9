import type { Unsubscribe } from '../../drivers/device.ts';
import type { Consumable } from './messages.ts';

/**
 * Paper, card stock and ribbon levels, for the state the fleet sees. Implemented by the consumables tracking
 * when it is wired; until then `noConsumables` reports none (the console then shows paper from the printer's
 * own status: MEDIA_EMPTY).
 */
export interface ConsumablesSource {
  list(): readonly Consumable[];
  subscribe(listener: () => void): Unsubscribe;
}

export const noConsumables: ConsumablesSource = {
  list: () => [],
  subscribe: () => () => undefined,
};

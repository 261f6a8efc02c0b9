import type { ConsumableKind, ConsumableView } from '../contract/index.ts';

/**
 * Stock the kiosk uses up: receipt paper (one document per print) and key cards (one per card encoded). The
 * level is counted down by what the kiosk did, set to zero when the device itself reports it empty, and set back
 * to the capacity when staff refill (docs/staff.md "Consumables"). Until the first refill the level is unknown.
 */
export interface ConsumableSettings {
  /** What a full roll or a full card hopper holds. */
  readonly capacity: number;
  /** At or below this, staff are alerted. */
  readonly low: number;
}

export type ConsumableLevels = Readonly<Record<ConsumableKind, number | null>>;

/** The level after using `count`, and whether that crossed the low mark or reached zero. */
export function consume(level: number | null, count: number, settings: ConsumableSettings): { level: number | null; crossed: 'low' | 'empty' | null } {
  if (level === null) return { level: null, crossed: null };
  const next = Math.max(0, level - count);
  if (next === 0 && level > 0) return { level: next, crossed: 'empty' };
  if (next <= settings.low && level > settings.low) return { level: next, crossed: 'low' };
  return { level: next, crossed: null };
}

export function consumableViews(levels: ConsumableLevels, settings: Readonly<Record<ConsumableKind, ConsumableSettings>>, offered: readonly ConsumableKind[]): ConsumableView[] {
  return offered.map((kind) => ({ kind, level: levels[kind], capacity: settings[kind].capacity, low: settings[kind].low }));
}

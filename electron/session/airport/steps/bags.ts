import type { AirportAction } from '../../../contract/airport.ts';
import { go, stay, type AirportState, type AirportStep } from '../airport-state.ts';

/** The dangerous-goods notice (docs/airline.md §5), then how many bags each passenger checks, within the allowance. */

export function onDangerousGoodsAction(state: AirportState, action: AirportAction): AirportStep {
  return action.type === 'acknowledgeDangerousGoods' ? go({ ...state, dangerousGoodsAcknowledged: true }, { name: 'bags', notice: null }) : stay(state);
}

export function onBagsAction(state: AirportState, action: AirportAction): AirportStep {
  if (action.type === 'continue') return go(state, { name: 'confirm' });
  if (action.type !== 'setBags' || !state.included.some((i) => i.passengerId === action.passengerId)) return stay(state);
  const passenger = state.booking?.passengers.find((p) => p.id === action.passengerId);
  if (!passenger) return stay(state);
  if (action.bags > passenger.bagAllowance.pieces) return go(state, { name: 'bags', notice: 'bagAllowanceExceeded' });
  return go({ ...state, bags: { ...state.bags, [action.passengerId]: action.bags } }, { name: 'bags', notice: null });
}

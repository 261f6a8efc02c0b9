import { z } from 'zod';
import { simRoute, type SimRoute } from '../../drivers/sim/sim-route.ts';
import type { OutboxStats } from '../store/outbox.ts';
import type { HotelSimulators } from './hotel-simulators.ts';

/**
 * Control API for the hotel simulators (docs/architecture.md "Simulation control"), mounted by the host under
 * /sim/. Nothing here returns personal data: counts, statuses and fault settings only.
 *
 *   POST /hotel/police/down | /hotel/police/up
 *   POST /hotel/police/reject-next   { code?, reason?, count? }
 *   POST /hotel/police/latency       { ms }
 *   POST /hotel/police/error-rate    { rate }   0..1
 *   POST /hotel/keys/empty | /hotel/keys/refill { cards? }
 *   POST /hotel/payment/decline-next { reason? } | /hotel/payment/timeout-next
 *   GET  /hotel/state
 */
export function hotelSimRoutes(simulators: HotelSimulators, outbox?: { stats(): OutboxStats }): SimRoute[] {
  const { police, keyEncoder, payment, pms } = simulators.sims;
  return [
    simRoute({ method: 'POST', path: '/hotel/police/down', handle: () => ({ faults: police.setFaults({ down: true }) }) }),
    simRoute({ method: 'POST', path: '/hotel/police/up', handle: () => ({ faults: police.setFaults({ down: false }) }) }),
    simRoute({
      method: 'POST',
      path: '/hotel/police/reject-next',
      body: z.strictObject({
        code: z.string().regex(/^[a-z0-9-]{1,40}$/).optional(),
        reason: z.string().min(1).max(200).optional(),
        count: z.number().int().min(1).max(100).optional(),
      }),
      handle: (body) => {
        police.rejectNext(body.code, body.reason, body.count);
        return { rejectQueued: police.stats().rejectQueued };
      },
    }),
    simRoute({
      method: 'POST',
      path: '/hotel/police/latency',
      body: z.strictObject({ ms: z.number().int().min(0).max(120_000) }),
      handle: (body) => ({ faults: police.setFaults({ latencyMs: body.ms }) }),
    }),
    simRoute({
      method: 'POST',
      path: '/hotel/police/error-rate',
      body: z.strictObject({ rate: z.number().min(0).max(1) }),
      handle: (body) => ({ faults: police.setFaults({ errorRate: body.rate }) }),
    }),
    simRoute({ method: 'POST', path: '/hotel/keys/empty', handle: () => { keyEncoder.empty(); return keyEncoder.state(); } }),
    simRoute({
      method: 'POST',
      path: '/hotel/keys/refill',
      body: z.strictObject({ cards: z.number().int().min(1).max(10_000).optional() }),
      handle: (body) => { keyEncoder.refill(body.cards); return keyEncoder.state(); },
    }),
    simRoute({
      method: 'POST',
      path: '/hotel/payment/decline-next',
      body: z.strictObject({ reason: z.string().min(1).max(200).optional() }),
      handle: (body) => { payment.declineNext(body.reason); return payment.state(); },
    }),
    simRoute({ method: 'POST', path: '/hotel/payment/timeout-next', handle: () => { payment.timeoutNext(); return payment.state(); } }),
    simRoute({
      method: 'GET',
      path: '/hotel/state',
      handle: () => {
        const p = police.stats();
        return {
          police: { received: p.received, delivered: p.distinctAccepted, duplicates: p.duplicates, rejected: p.rejected, failedInjected: p.failedInjected, faults: p.faults, rejectQueued: p.rejectQueued },
          outbox: outbox ? outbox.stats() : null,
          keys: keyEncoder.state(),
          payment: payment.state(),
          pms: { ...pms.stats(), businessDate: pms.businessDate() },
        };
      },
    }),
  ];
}

import { z } from 'zod';
import { holdRoutes } from '../../../drivers/sim/sim-hold.ts';
import { simRoute, type SimRoute } from '../../../drivers/sim/sim-route.ts';
import type { PlatformSimulator } from './platform-simulator.ts';
import { seedFileSchema } from './seed-schema.ts';

export const faultsBody = z.strictObject({
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  hang: z.boolean().optional(),
  malformed: z.boolean().optional(),
  badSignature: z.boolean().optional(),
  reset: z.boolean().optional(),
  count: z.number().int().min(1).nullable().optional(),
});

/**
 * Control-API routes of the platform simulator, mounted by the host under /sim/ (drivers/sim/sim-route.ts):
 * - GET  /platform              URL, active faults, request count
 * - GET  /platform/identities   the seeded identities (fictitious), for tests to pick a document
 * - POST /platform/faults       merge faults: { latencyMs, errorRate, hang, malformed, badSignature, reset, count }
 * - POST /platform/faults/clear remove every fault
 * - POST /platform/seed         replace the seed (same JSON as seed.json)
 * - POST /platform/hold         { hold, releaseWaiting? }: document and face requests wait until released
 * - GET  /platform/hold         whether requests are held, and how many wait
 */
export function platformSimRoutes(sim: PlatformSimulator): SimRoute[] {
  return [
    simRoute({ method: 'GET', path: '/platform', summary: 'The platform simulator\'s address, faults, hold and request counts.', handle: () => ({ url: sim.url, faults: sim.faults, requests: sim.requestCount, faceReferences: sim.faceReferenceCount, hold: sim.hold.state() }) }),
    simRoute({
      method: 'GET',
      path: '/platform/identities',
      summary: 'The seeded identities and the answer each gets (no names).',
      handle: () => ({ identities: sim.seed.identities.map((i) => ({ id: i.id, outcome: i.outcome, face: i.face.result, documentType: i.document.documentType, issuer: i.document.issuer, documentNumber: i.document.documentNumber, mrz: i.mrz })) }),
    }),
    simRoute({ method: 'POST', path: '/platform/faults', summary: 'Injects platform faults: latency, error rate, hang, malformed answers, bad signatures, connection resets, for count requests.', body: faultsBody, handle: (body) => ({ faults: sim.setFaults(withoutUndefined(body)) }) }),
    simRoute({ method: 'POST', path: '/platform/faults/clear', summary: 'Clears every injected platform fault.', handle: () => ({ faults: sim.clearFaults() }) }),
    ...holdRoutes('/platform', sim.hold),
    simRoute({
      method: 'POST',
      path: '/platform/seed',
      summary: 'Replaces the platform\'s seeded identities with this seed file.',
      body: seedFileSchema,
      handle: (seed) => {
        sim.loadSeed(seed);
        return { identities: seed.identities.length };
      },
    }),
  ];
}

function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

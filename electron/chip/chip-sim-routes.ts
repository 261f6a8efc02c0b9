import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SimulatedChipReader } from '../../drivers/chip/sim/simulated-chip-reader.ts';
import { specimenChip, specimenFace } from '../../drivers/chip/sim/specimen.ts';
import type { FaceSource } from '../../drivers/chip/sim/lds-builder.ts';
import { simRoute, type SimRoute } from '../../drivers/sim/sim-route.ts';
import { trustStore, type TrustStore } from '../../drivers/chip/trust/trust-store.ts';
import { parseMrz } from '../../drivers/mrz/index.ts';
import { mrzKeyOf } from './chip-step-reader.ts';

const chipDocumentBody = z.strictObject({
  mrz: z.array(z.string()).min(2).max(3),
  kind: z.enum(['genuine', 'altered-photo', 'cloned', 'untrusted-issuer']).default('genuine'),
});

/**
 * Simulation control for the chip reader: lay a document's emulated chip in the field (`/chip/document`, made
 * with a fresh test PKI whose CSCA the simulated kiosk then trusts), or take it away (`/chip/remove`).
 */
export function chipSimRoutes(reader: SimulatedChipReader, trust: { current: TrustStore }, now: () => Date): SimRoute[] {
  const random = (n: number) => Uint8Array.from(randomBytes(n));
  let face: Promise<FaceSource> | undefined;
  return [
    simRoute({
      method: 'POST',
      path: '/chip/document',
      body: chipDocumentBody,
      handle: async (b) => {
        const parsed = parseMrz(b.mrz);
        const key = mrzKeyOf(parsed);
        if (!key) return { accepted: false, reason: 'the MRZ gives no access key' };
        face ??= specimenFace();
        const specimen = await specimenChip(b.mrz, key, b.kind, now(), random, await face);
        // The simulated venue trusts the specimen's issuer (for `untrusted-issuer`, another CSCA of the same name).
        trust.current = trustStore([...trust.current.cscas, ...specimen.trust.cscas]);
        reader.present(specimen.chip);
        return { accepted: true };
      },
    }),
    simRoute({ method: 'POST', path: '/chip/remove', handle: () => (reader.remove(), { accepted: true }) }),
  ];
}

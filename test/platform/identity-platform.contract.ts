import { describe, expect, it } from 'vitest';
import { parseMrz } from '../../drivers/mrz/index.ts';
import { documentVerificationRequest, type IdentityPlatform } from '../../electron/platform/identity-platform.ts';
import type { SeedFile, SeedIdentity } from '../../electron/platform/sim/seed-schema.ts';

/** A tiny JPEG-framed image (SOI, APP0 marker, EOI): the platform checks framing, not content. */
export const liveJpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9]);

export interface ContractSubject {
  readonly platform: IdentityPlatform;
  readonly seed: SeedFile;
}

const expectedReason: Record<SeedIdentity['outcome'], string | null> = { MATCH: null, MISMATCH: 'MISMATCH', NOT_FOUND: 'NOT_FOUND', EXPIRED: 'EXPIRED', INVALIDATED: 'INVALIDATED' };

/**
 * The IdentityPlatform contract (doc comment of electron/platform/identity-platform.ts), run against every
 * adapter. `subject()` returns a working adapter over the bundled seed; `fresh()` one this suite may close.
 */
export function describeIdentityPlatformContract(name: string, subject: () => ContractSubject, fresh: () => Promise<IdentityPlatform>): void {
  describe(`IdentityPlatform contract: ${name}`, () => {
    it('answers every seeded identity with its documented outcome', async () => {
      const { platform, seed } = subject();
      for (const identity of seed.identities) {
        const result = await platform.verifyDocument(identity.document);
        const reason = expectedReason[identity.outcome];
        if (reason === null) {
          expect(result, identity.id).toMatchObject({ outcome: 'verified' });
        } else {
          expect(result, identity.id).toMatchObject({ outcome: 'not_verified', reason });
          expect(result.outcome === 'not_verified' && result.staffDetail).toBeTruthy();
        }
      }
    });

    it('names the mismatching fields and the invalidation reason, and gives the traveller only a class', async () => {
      const { platform, seed } = subject();
      const mismatch = seed.identities.find((i) => i.id === 'uto-mismatch-birth-date')!;
      const stolen = seed.identities.find((i) => i.id === 'prc-stolen')!;
      expect(await platform.verifyDocument(mismatch.document)).toMatchObject({ reason: 'MISMATCH', fields: ['birthDate'], traveller: 'details_do_not_match' });
      expect(await platform.verifyDocument(stolen.document)).toMatchObject({ reason: 'INVALIDATED', invalidation: 'stolen', traveller: 'document_not_accepted' });
    });

    it('verifies the documents built from the parsed MRZ lines of the seed', async () => {
      const { platform, seed } = subject();
      for (const identity of seed.identities.filter((i) => i.outcome === 'MATCH')) {
        const request = documentVerificationRequest(parseMrz(identity.mrz, { now: new Date('2026-11-28') }));
        expect(request.ok, identity.id).toBe(true);
        if (!request.ok) continue;
        expect(await platform.verifyDocument(request.request), identity.id).toMatchObject({ outcome: 'verified' });
      }
    });

    it('compares the face with consent and answers the seeded decision', async () => {
      const { platform, seed } = subject();
      for (const id of ['uto-specimen-match', 'uto-face-no-match']) {
        const identity = seed.identities.find((i) => i.id === id)!;
        const document = await platform.verifyDocument(identity.document);
        if (document.outcome !== 'verified') throw new Error(`${id} should verify`);
        const face = await platform.verifyFace({ documentRef: document.documentRef, image: liveJpeg, consent: true });
        if (identity.face.result === 'MATCH') expect(face).toMatchObject({ outcome: 'verified', score: identity.face.score });
        else expect(face).toMatchObject({ outcome: 'not_verified', reason: 'NO_MATCH', traveller: 'face_not_matched' });
      }
    });

    it("takes the chip's photo as a reference with the capture, and refuses to send one that is not a JPEG", async () => {
      const { platform, seed } = subject();
      const identity = seed.identities.find((i) => i.id === 'uto-specimen-match')!;
      const document = await platform.verifyDocument(identity.document);
      if (document.outcome !== 'verified') throw new Error('uto-specimen-match should verify');
      expect(await platform.verifyFace({ documentRef: document.documentRef, image: liveJpeg, consent: true, referenceImage: liveJpeg })).toMatchObject({ outcome: 'verified' });
      const notJpeg = Uint8Array.from([0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50]); // a JPEG 2000 signature box
      expect(await platform.verifyFace({ documentRef: document.documentRef, image: liveJpeg, consent: true, referenceImage: notJpeg })).toMatchObject({ outcome: 'unavailable', reason: 'rejected' });
    });

    it('refuses a face check without consent', async () => {
      const { platform, seed } = subject();
      const document = await platform.verifyDocument(seed.identities[0]!.document);
      if (document.outcome !== 'verified') throw new Error('first seed identity should verify');
      const face = await platform.verifyFace({ documentRef: document.documentRef, image: liveJpeg, consent: false });
      expect(face).toMatchObject({ outcome: 'not_verified', reason: 'CONSENT_REQUIRED', traveller: 'consent_required' });
    });

    it('answers UNKNOWN_REFERENCE for a face check against a reference it never issued', async () => {
      const { platform } = subject();
      expect(await platform.verifyFace({ documentRef: 'dref_never_issued_0000', image: liveJpeg, consent: true })).toMatchObject({ outcome: 'not_verified', reason: 'UNKNOWN_REFERENCE' });
    });

    it('resolves with unavailable/rejected, never rejects, for a request it cannot send', async () => {
      const { platform, seed } = subject();
      const bad = { ...seed.identities[0]!.document, documentNumber: 'L89 8902/C3' };
      await expect(platform.verifyDocument(bad)).resolves.toMatchObject({ outcome: 'unavailable', reason: 'rejected', traveller: 'service_unavailable' });
      await expect(platform.verifyFace({ documentRef: 'dref_never_issued_0000', image: Uint8Array.from([1, 2, 3, 4, 5]), consent: true })).resolves.toMatchObject({ outcome: 'unavailable', reason: 'rejected' });
    });

    it('answers unavailable/aborted, never verified, when the caller has already aborted', async () => {
      const { platform, seed } = subject();
      const controller = new AbortController();
      controller.abort();
      expect(await platform.verifyDocument(seed.identities[0]!.document, { signal: controller.signal })).toMatchObject({ outcome: 'unavailable', reason: 'aborted' });
    });

    it('reports available while healthy', () => {
      expect(subject().platform.status()).toEqual({ state: 'available' });
    });

    it('after close answers unavailable and reports unavailable', async () => {
      const { seed } = subject();
      const platform = await fresh();
      await platform.close?.();
      expect(await platform.verifyDocument(seed.identities[0]!.document)).toMatchObject({ outcome: 'unavailable', reason: 'closed' });
      expect(platform.status().state).toBe('unavailable');
    });
  });
}

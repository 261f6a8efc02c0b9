import { describe, expect, it } from 'vitest';
import { platformFaceComparison, platformStatusSource, platformVerifier } from '../../electron/host/verify-holder.ts';
import type { DocumentVerification, DocumentVerificationRequest, FaceVerification, PlatformStatus } from '../../electron/platform/identity-platform.ts';
import { fakeDocument } from '../support/documents.ts';

function platformAnswering(answer: DocumentVerification) {
  const requests: DocumentVerificationRequest[] = [];
  return {
    requests,
    verifyDocument: async (request: DocumentVerificationRequest) => {
      requests.push(request);
      return answer;
    },
  };
}

const signal = new AbortController().signal;

describe('platformVerifier', () => {
  it('passes a holder only when the platform answers verified', async () => {
    const platform = platformAnswering({ outcome: 'verified', requestId: 'r1', documentRef: 'ref' });
    await expect(platformVerifier(platform)(fakeDocument(), signal)).resolves.toEqual({ outcome: 'verified' });
    expect(platform.requests[0]).toMatchObject({ documentType: 'P', documentNumber: 'L898902C3', issuer: 'UTO', surname: 'ERIKSSON' });
  });

  it.each([
    ['MISMATCH', 'mismatch'],
    ['NOT_FOUND', 'notFound'],
    ['EXPIRED', 'expired'],
    ['INVALIDATED', 'invalidated'],
  ] as const)('maps %s to the traveller reason %s', async (reason, expected) => {
    const platform = platformAnswering({ outcome: 'not_verified', requestId: 'r', reason, staffDetail: '', traveller: 'document_not_accepted' });
    await expect(platformVerifier(platform)(fakeDocument(), signal)).resolves.toEqual({ outcome: 'not_verified', reason: expected });
  });

  it('reports an unavailable platform as unavailable', async () => {
    const platform = platformAnswering({ outcome: 'unavailable', reason: 'timeout', staffDetail: 'x', traveller: 'service_unavailable', requestId: 'r' });
    await expect(platformVerifier(platform)(fakeDocument(), signal)).resolves.toEqual({ outcome: 'unavailable', reason: 'timeout' });
  });

  it('does not ask the platform about a document missing what the check needs', async () => {
    const platform = platformAnswering({ outcome: 'verified', requestId: 'r', documentRef: 'x' });
    const answer = await platformVerifier(platform)(fakeDocument({ birthDate: null }), signal);
    expect(answer.outcome).toBe('unavailable');
    expect(platform.requests).toEqual([]);
  });
});

describe('platformStatusSource', () => {
  it('shows staff the platform unavailable while its circuit is open, and back', () => {
    let listener: ((s: PlatformStatus) => void) | undefined;
    let current: PlatformStatus = { state: 'available' };
    const source = platformStatusSource({
      verifyDocument: async () => ({ outcome: 'verified', requestId: 'r', documentRef: 'x' }),
      verifyFace: async () => ({ outcome: 'verified', requestId: 'r', score: 1 }),
      status: () => current,
      subscribe: (l) => {
        listener = l;
        return () => undefined;
      },
    });
    const seen: unknown[] = [];
    source.subscribe((e) => seen.push(e.status));
    expect(source.status()).toEqual({ state: 'available' });
    current = { state: 'unavailable', reason: 'circuit open', since: 1 };
    listener?.(current);
    expect(source.status()).toMatchObject({ state: 'unavailable', code: 'NOT_RESPONDING' });
    expect(seen).toEqual([{ state: 'unavailable', reason: 'identity platform: circuit open', code: 'NOT_RESPONDING' }]);
  });
});

describe('platformFaceComparison', () => {
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff]);
  function platform(face: FaceVerification, document: DocumentVerification = { outcome: 'verified', requestId: 'r', documentRef: 'ref-1' }) {
    const faces: { documentRef: string; consent: boolean; image: Uint8Array }[] = [];
    return {
      faces,
      verifyDocument: async () => document,
      verifyFace: async (request: { documentRef: string; consent: boolean; image: Uint8Array }) => {
        faces.push(request);
        return face;
      },
    };
  }

  it('compares the capture with the photo of the document the platform just verified, with consent', async () => {
    const p = platform({ outcome: 'verified', requestId: 'r', score: 0.93 });
    await expect(platformFaceComparison(p)(fakeDocument(), jpeg, signal)).resolves.toEqual({ ok: true, value: { match: true } });
    expect(p.faces).toEqual([{ documentRef: 'ref-1', image: jpeg, consent: true }]);
  });

  it('reports a platform no-match as a comparison that did not match', async () => {
    const p = platform({ outcome: 'not_verified', requestId: 'r', reason: 'NO_MATCH', staffDetail: '', traveller: 'face_not_matched' });
    await expect(platformFaceComparison(p)(fakeDocument(), jpeg, signal)).resolves.toEqual({ ok: true, value: { match: false } });
  });

  it('never compares a face against a document the platform did not verify', async () => {
    const p = platform({ outcome: 'verified', requestId: 'r', score: 1 }, { outcome: 'not_verified', requestId: 'r', reason: 'NOT_FOUND', staffDetail: '', traveller: 'document_not_accepted' });
    await expect(platformFaceComparison(p)(fakeDocument(), jpeg, signal)).resolves.toMatchObject({ ok: false });
    expect(p.faces).toEqual([]);
  });

  it('answers could-not-compare when the platform is unavailable', async () => {
    const p = platform({ outcome: 'unavailable', reason: 'timeout', staffDetail: '', traveller: 'service_unavailable', requestId: 'r' });
    await expect(platformFaceComparison(p)(fakeDocument(), jpeg, signal)).resolves.toEqual({ ok: false, error: { reason: 'timeout' } });
  });
});

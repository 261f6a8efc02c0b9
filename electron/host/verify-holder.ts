import { available, unavailable, type DeviceStatus } from '../../drivers/device.ts';
import type { MrzResult } from '../../drivers/mrz/index.ts';
import type { StatusSource } from '../devices/device-manager.ts';
import type { FaceComparison } from './flow-services.ts';
import { documentVerificationRequest, type IdentityPlatform, type PlatformStatus, type NotVerifiedReason as PlatformReason } from '../platform/identity-platform.ts';
import type { NotVerifiedReason, VerifyHolder } from '../session/verification.ts';

const reasons: Record<PlatformReason, NotVerifiedReason> = {
  MISMATCH: 'mismatch',
  NOT_FOUND: 'notFound',
  EXPIRED: 'expired',
  INVALIDATED: 'invalidated',
};

/**
 * Adapts the identity platform to what the session asks: "is this the holder?". Only the platform's own
 * `verified` becomes `verified`; a document the platform cannot be asked about is `unavailable`, never a pass.
 */
export function platformVerifier(platform: Pick<IdentityPlatform, 'verifyDocument'>): VerifyHolder {
  return async (document: MrzResult, signal: AbortSignal) => {
    const built = documentVerificationRequest(document);
    if (!built.ok) return { outcome: 'unavailable', reason: `document lacks ${built.missing.join(', ')}` };
    const answer = await platform.verifyDocument(built.request, { signal });
    switch (answer.outcome) {
      case 'verified':
        return { outcome: 'verified' };
      case 'not_verified':
        return { outcome: 'not_verified', reason: reasons[answer.reason] };
      case 'unavailable':
        return { outcome: 'unavailable', reason: answer.reason };
    }
  };
}

/**
 * The platform as a status source for staff (maintenance's device list): `unavailable` while the client's
 * circuit breaker is open, so staff see that travellers are being sent to the counter and why.
 */
export function platformStatusSource(platform: IdentityPlatform): StatusSource {
  const toDevice = (status: PlatformStatus): DeviceStatus =>
    status.state === 'available' ? available : unavailable(`identity platform: ${status.reason}`, 'NOT_RESPONDING');
  return {
    id: 'identity-platform',
    status: () => toDevice(platform.status()),
    subscribe: (listener) => platform.subscribe?.((status) => listener({ type: 'status', status: toDevice(status) })) ?? (() => undefined),
  };
}

/**
 * The hotel's face check on the platform (docs/china-rules.md §3): the document is verified again to
 * obtain the platform's reference for its photo, then the live capture is compared with it, consent given.
 * The image is sent once and kept nowhere. Anything but a platform MATCH or NO_MATCH is "could not compare".
 */
export function platformFaceComparison(platform: Pick<IdentityPlatform, 'verifyDocument' | 'verifyFace'>): FaceComparison {
  return async (document, image, signal) => {
    const built = documentVerificationRequest(document);
    if (!built.ok) return { ok: false, error: { reason: `document lacks ${built.missing.join(', ')}` } };
    const verified = await platform.verifyDocument(built.request, { signal });
    if (verified.outcome !== 'verified') return { ok: false, error: { reason: `document not verified (${verified.reason})` } };
    const face = await platform.verifyFace({ documentRef: verified.documentRef, image, consent: true }, { signal });
    if (face.outcome === 'verified') return { ok: true, value: { match: true } };
    if (face.outcome === 'not_verified' && face.reason === 'NO_MATCH') return { ok: true, value: { match: false } };
    return { ok: false, error: { reason: face.reason } };
  };
}

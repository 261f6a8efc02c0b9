import type { Unsubscribe } from '../../drivers/device.ts';
import type {
  CallOptions,
  DocumentVerification,
  DocumentVerificationRequest,
  FaceVerification,
  FaceVerificationRequest,
  IdentityPlatform,
  PlatformStatus,
  UnavailableReason,
} from './identity-platform.ts';
import { decideDocument, indexRecords } from './sim/seed-decision.ts';
import { isJpeg } from './wire.ts';
import type { SeedFile, SeedIdentity } from './sim/seed-schema.ts';
import { documentRequestBody, documentWireFields } from './wire.ts';

/**
 * In-process IdentityPlatform for session and UI tests that need no HTTPS: the same seed and the same
 * decisions as the simulator (sim/seed-decision.ts), no network. `failWith` makes it answer `unavailable`
 * like the real client does when the platform is down. Passes the same contract suite as the HTTPS client.
 */
export class FakeIdentityPlatform implements IdentityPlatform {
  #records: Map<string, SeedIdentity>;
  readonly #references = new Map<string, SeedIdentity>();
  readonly #listeners = new Set<(status: PlatformStatus) => void>();
  readonly #now: () => number;
  #failure: UnavailableReason | null = null;
  #closed = false;
  #counter = 0;
  /** Requests seen, without images: tests assert what was (not) sent. */
  readonly sent: { kind: 'document' | 'face'; fields: readonly string[] }[] = [];

  constructor(seed: SeedFile, now: () => number = () => Date.now()) {
    this.#records = indexRecords(seed.identities);
    this.#now = now;
  }

  /** Every later call answers `unavailable` with this reason (null: back to normal). */
  failWith(reason: UnavailableReason | null): void {
    this.#failure = reason;
    const status = this.status();
    for (const l of this.#listeners) l(status);
  }

  async verifyDocument(request: DocumentVerificationRequest, options: CallOptions = {}): Promise<DocumentVerification> {
    const requestId = this.#id();
    const unavailable = this.#unavailable(requestId, options);
    if (unavailable) return unavailable;
    const wire = documentRequestBody.safeParse(documentWireFields(request));
    if (!wire.success) return { outcome: 'unavailable', reason: 'rejected', staffDetail: 'request not sent: invalid fields', traveller: 'service_unavailable', requestId };
    this.sent.push({ kind: 'document', fields: Object.keys(wire.data) });
    const decision = decideDocument(this.#records, wire.data, new Date(this.#now()).toISOString().slice(0, 10));
    switch (decision.result) {
      case 'MATCH': {
        const documentRef = `fake_${requestId}`;
        this.#references.set(documentRef, decision.identity);
        return { outcome: 'verified', requestId, documentRef };
      }
      case 'MISMATCH':
        return { outcome: 'not_verified', requestId, reason: 'MISMATCH', fields: decision.fields, staffDetail: `details differ (${decision.fields.join(', ')})`, traveller: 'details_do_not_match' };
      case 'INVALIDATED':
        return { outcome: 'not_verified', requestId, reason: 'INVALIDATED', invalidation: decision.invalidation, staffDetail: `document reported ${decision.invalidation}`, traveller: 'document_not_accepted' };
      case 'EXPIRED':
        return { outcome: 'not_verified', requestId, reason: 'EXPIRED', staffDetail: 'document expired', traveller: 'document_not_accepted' };
      case 'NOT_FOUND':
        return { outcome: 'not_verified', requestId, reason: 'NOT_FOUND', staffDetail: 'no such document on record', traveller: 'document_not_accepted' };
    }
  }

  async verifyFace(request: FaceVerificationRequest, options: CallOptions = {}): Promise<FaceVerification> {
    const requestId = this.#id();
    if (request.consent !== true) return { outcome: 'not_verified', requestId, reason: 'CONSENT_REQUIRED', staffDetail: 'no consent to a face check: offer the staff desk', traveller: 'consent_required' };
    const unavailable = this.#unavailable(requestId, options);
    if (unavailable) return unavailable;
    if (!isJpeg(request.image)) {
      return { outcome: 'unavailable', reason: 'rejected', staffDetail: 'request not sent: the live image is not a JPEG', traveller: 'service_unavailable', requestId };
    }
    if (request.referenceImage && !isJpeg(request.referenceImage)) {
      return { outcome: 'unavailable', reason: 'rejected', staffDetail: 'request not sent: the chip photo is not a JPEG', traveller: 'service_unavailable', requestId };
    }
    this.sent.push({ kind: 'face', fields: ['documentRef', 'consent', 'image', ...(request.referenceImage ? ['referenceImage'] : [])] });
    const identity = this.#references.get(request.documentRef);
    if (!identity) return { outcome: 'not_verified', requestId, reason: 'UNKNOWN_REFERENCE', staffDetail: 'document reference unknown; verify the document again', traveller: 'service_unavailable' };
    const { result, score } = identity.face;
    return result === 'MATCH'
      ? { outcome: 'verified', requestId, score }
      : { outcome: 'not_verified', requestId, reason: 'NO_MATCH', score, staffDetail: `face does not match (score ${score.toFixed(2)})`, traveller: 'face_not_matched' };
  }

  status(): PlatformStatus {
    if (this.#closed) return { state: 'unavailable', reason: 'platform client closed', since: 0 };
    return this.#failure ? { state: 'unavailable', reason: `fake failure: ${this.#failure}`, since: this.#now() } : { state: 'available' };
  }

  subscribe(listener: (status: PlatformStatus) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #id(): string {
    return `fake-${++this.#counter}`;
  }

  #unavailable(requestId: string, options: CallOptions): Extract<DocumentVerification, { outcome: 'unavailable' }> | null {
    const reason: UnavailableReason | null = this.#closed ? 'closed' : options.signal?.aborted ? 'aborted' : this.#failure;
    if (!reason) return null;
    return { outcome: 'unavailable', reason, staffDetail: `fake platform: ${reason}`, traveller: 'service_unavailable', requestId };
  }
}

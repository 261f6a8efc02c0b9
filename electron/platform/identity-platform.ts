import type { MrzResult } from '../../drivers/mrz/types.ts';
import type { Unsubscribe } from '../../drivers/device.ts';

/**
 * The entry-exit identity authentication platform (docs/china-rules.md §4: NIA 实名认证 / 实人认证),
 * as the kiosk sees it. The wire protocol is docs/platform-api.yaml; docs/platform.md explains the choices.
 *
 * Guarantees every adapter keeps (test/platform/identity-platform.contract.ts):
 * - The methods never reject. Every failure is a typed `unavailable` result with a `staffDetail` a member of
 *   staff can act on; the traveller is shown only the `traveller` reason class.
 * - `verified` is returned only when the platform itself answered MATCH in a response whose signature was
 *   checked. Timeouts, 5xx, malformed or unsigned answers, TLS failures never become `verified`.
 * - Only the fields a check needs leave the kiosk; names and numbers are never logged (request id and outcome
 *   only); face images are never stored, only sent.
 * - `verifyFace` refuses locally, without any network traffic, unless `consent` is `true` (docs/china-rules.md §3: face only with
 *   informed consent, and a non-face alternative — the staff desk — must be offered).
 * - `status()` is `unavailable` while the circuit breaker is open and returns to `available` once a probe
 *   succeeds; `subscribe` reports every change.
 */
export interface IdentityPlatform {
  verifyDocument(request: DocumentVerificationRequest, options?: CallOptions): Promise<DocumentVerification>;
  verifyFace(request: FaceVerificationRequest, options?: CallOptions): Promise<FaceVerification>;
  status(): PlatformStatus;
  subscribe?(listener: (status: PlatformStatus) => void): Unsubscribe;
  /** Stops probe timers and closes pooled connections. Later calls answer `unavailable`. */
  close?(): Promise<void>;
}

export interface CallOptions {
  /** Aborting ends the call with `unavailable`/`aborted` (the session ended); it is not a platform failure. */
  readonly signal?: AbortSignal;
}

/** Document type as the platform knows it: the MRZ document code, or the Chinese permit codes. */
export type PlatformDocumentType = string;

/** What the real-name check needs (docs/china-rules.md §4 实名认证: name, number, birth date; plus expiry to catch renewals). */
export interface DocumentVerificationRequest {
  /** MRZ document code, e.g. `P`, `PO`, `I`, `CS`, `CR` (fillers stripped). */
  readonly documentType: PlatformDocumentType;
  readonly documentNumber: string;
  /** ICAO issuing state, e.g. `CHN`, `UTO`. */
  readonly issuer: string;
  /** Absent for documents whose printed MRZ carries no name (the `CS` one-liner, docs/mrz-formats.md §3.3). */
  readonly surname?: string;
  readonly givenNames?: string;
  /** ISO `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly expiryDate: string;
}

export interface FaceVerificationRequest {
  /** `documentRef` from a `verified` document result: the face is compared with that document's photo. */
  readonly documentRef: string;
  /** A live capture, JPEG. Sent once, never stored or logged. */
  readonly image: Uint8Array;
  /** The traveller explicitly agreed to a face comparison on this screen. Anything but `true` is refused. */
  readonly consent: boolean;
}

export type MismatchField = 'surname' | 'givenNames' | 'birthDate' | 'expiryDate' | 'documentType' | 'issuer';
export type NotVerifiedReason = 'MISMATCH' | 'NOT_FOUND' | 'EXPIRED' | 'INVALIDATED';
export type InvalidationReason = 'lost' | 'stolen' | 'cancelled';

export type UnavailableReason =
  | 'timeout' // no complete answer within the configured total time
  | 'network' // connection refused or reset, also after the one retry
  | 'server_error' // 5xx
  | 'bad_response' // not the JSON the protocol defines
  | 'bad_signature' // response unsigned, signed with another key, or not bound to our request
  | 'tls' // certificate or handshake failure (wrong CA, our client certificate refused)
  | 'rejected' // the platform refused the request itself (clock skew, unknown kiosk, validation): fix the kiosk
  | 'circuit_open' // repeated failures: not asking until a probe succeeds
  | 'aborted' // the caller gave up (session ended)
  | 'closed'; // the client was closed

/**
 * What the traveller may be told (the UI maps these to its own wording). Never says more than the class:
 * "details do not match" does not name the field, "document not accepted" does not say stolen.
 */
export type TravellerReason =
  | 'service_unavailable'
  | 'details_do_not_match'
  | 'document_not_accepted'
  | 'face_not_matched'
  | 'consent_required';

export interface Unavailable {
  readonly outcome: 'unavailable';
  readonly reason: UnavailableReason;
  /** For staff and the kiosk log: no names, no document numbers, no images. */
  readonly staffDetail: string;
  readonly traveller: 'service_unavailable';
  /** The id our request carried (X-Request-Id), for matching with the platform's records. */
  readonly requestId: string;
}

export type DocumentVerification =
  | { readonly outcome: 'verified'; readonly requestId: string; readonly documentRef: string }
  | {
      readonly outcome: 'not_verified';
      readonly requestId: string;
      readonly reason: NotVerifiedReason;
      /** MISMATCH only: which submitted fields disagree with the platform's record. */
      readonly fields?: readonly MismatchField[];
      /** INVALIDATED only. */
      readonly invalidation?: InvalidationReason;
      readonly staffDetail: string;
      readonly traveller: 'details_do_not_match' | 'document_not_accepted';
    }
  | Unavailable;

export type FaceVerification =
  | { readonly outcome: 'verified'; readonly requestId: string; readonly score: number }
  | {
      readonly outcome: 'not_verified';
      readonly requestId: string;
      /** NO_MATCH: the platform compared and said no. CONSENT_REQUIRED: refused without asking the platform.
       * UNKNOWN_REFERENCE: the documentRef expired or was never issued (verify the document again). */
      readonly reason: 'NO_MATCH' | 'CONSENT_REQUIRED' | 'UNKNOWN_REFERENCE';
      readonly score?: number;
      readonly staffDetail: string;
      readonly traveller: 'face_not_matched' | 'consent_required' | 'service_unavailable';
    }
  | Unavailable;

export type PlatformStatus =
  | { readonly state: 'available' }
  | { readonly state: 'unavailable'; readonly reason: string; readonly since: number };

/** The parsed-document fields the request is built from (a structural subset of the MRZ engine's result). */
export type ParsedDocumentFields = Pick<MrzResult, 'documentCode' | 'documentNumber' | 'issuer' | 'surname' | 'givenNames' | 'birthDate' | 'expiryDate'>;

export type RequestFromDocument =
  | { readonly ok: true; readonly request: DocumentVerificationRequest }
  | { readonly ok: false; readonly missing: readonly (keyof ParsedDocumentFields)[] };

/**
 * Builds the real-name check request from a parsed MRZ. Sends only what the check needs (no sex, nationality,
 * personal number — the PRC passport's personal number is a name code anyway, docs/mrz-formats.md §3.2).
 * Chinese exit-entry cards carry no issuer in their one-line MRZ; the issuer is China (docs/mrz-formats.md §3.3).
 */
export function documentVerificationRequest(doc: ParsedDocumentFields): RequestFromDocument {
  const documentType = doc.documentCode?.replace(/</g, '') ?? '';
  const issuer = doc.issuer ?? (/^C[SDRT]?$/.test(documentType) ? 'CHN' : null);
  const missing: (keyof ParsedDocumentFields)[] = [];
  if (!documentType) missing.push('documentCode');
  if (!doc.documentNumber) missing.push('documentNumber');
  if (!issuer) missing.push('issuer');
  if (!doc.birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(doc.birthDate)) missing.push('birthDate');
  if (!doc.expiryDate || !/^\d{4}-\d{2}-\d{2}$/.test(doc.expiryDate)) missing.push('expiryDate');
  if (missing.length > 0 || !issuer || !doc.documentNumber || !doc.birthDate || !doc.expiryDate) return { ok: false, missing };
  const request: { -readonly [K in keyof DocumentVerificationRequest]: DocumentVerificationRequest[K] } = {
    documentType,
    documentNumber: doc.documentNumber,
    issuer,
    birthDate: doc.birthDate,
    expiryDate: doc.expiryDate,
  };
  if (doc.surname) request.surname = doc.surname;
  if (doc.givenNames) request.givenNames = doc.givenNames;
  return { ok: true, request };
}

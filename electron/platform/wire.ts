import { z } from 'zod';

/**
 * Request and response bodies as they travel (docs/platform-api.yaml components.schemas; test/platform/
 * openapi.test.ts checks that the document and these schemas agree). Shared by the client and the simulator.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** MRZ character set (docs/mrz-formats.md §1.1) with spaces between name parts. */
const mrzName = z.string().min(1).max(64).regex(/^[A-Z][A-Z ]*$/);

export const documentRequestBody = z.strictObject({
  documentType: z.string().regex(/^[A-Z]{1,2}$/),
  documentNumber: z.string().regex(/^[A-Z0-9]{1,20}$/),
  issuer: z.string().regex(/^[A-Z]{1,3}$/),
  surname: mrzName.optional(),
  givenNames: mrzName.optional(),
  birthDate: isoDate,
  expiryDate: isoDate,
});
export type DocumentRequestBody = z.infer<typeof documentRequestBody>;

/** Only the fields the check needs leave the kiosk, whatever else the caller's object carries. */
export function documentWireFields(r: {
  readonly documentType: string;
  readonly documentNumber: string;
  readonly issuer: string;
  readonly surname?: string | undefined;
  readonly givenNames?: string | undefined;
  readonly birthDate: string;
  readonly expiryDate: string;
}): Record<string, string> {
  const out: Record<string, string> = { documentType: r.documentType, documentNumber: r.documentNumber, issuer: r.issuer, birthDate: r.birthDate, expiryDate: r.expiryDate };
  if (r.surname) out.surname = r.surname;
  if (r.givenNames) out.givenNames = r.givenNames;
  return out;
}

export const mismatchFields = ['surname', 'givenNames', 'birthDate', 'expiryDate', 'documentType', 'issuer'] as const;

export const documentResponseBody = z.discriminatedUnion('result', [
  z.strictObject({ result: z.literal('MATCH'), documentRef: z.string().min(8).max(128) }),
  z.strictObject({ result: z.literal('MISMATCH'), fields: z.array(z.enum(mismatchFields)).min(1) }),
  z.strictObject({ result: z.literal('NOT_FOUND') }),
  z.strictObject({ result: z.literal('EXPIRED') }),
  z.strictObject({ result: z.literal('INVALIDATED'), invalidation: z.enum(['lost', 'stolen', 'cancelled']) }),
]);
export type DocumentResponseBody = z.infer<typeof documentResponseBody>;

/** Largest live image accepted, base64 characters (about 1.5 MB of JPEG). */
export const maxImageBase64 = 2_000_000;

export const faceRequestBody = z.strictObject({
  documentRef: z.string().min(8).max(128),
  consent: z.boolean(),
  image: z.string().min(4).max(maxImageBase64).regex(/^[A-Za-z0-9+/]+=*$/),
});
export type FaceRequestBody = z.infer<typeof faceRequestBody>;

export const faceResponseBody = z.strictObject({
  result: z.enum(['MATCH', 'NO_MATCH']),
  score: z.number().min(0).max(1),
});
export type FaceResponseBody = z.infer<typeof faceResponseBody>;

export const errorCodes = [
  'INVALID_REQUEST',
  'CONSENT_REQUIRED',
  'UNKNOWN_REFERENCE',
  'BAD_SIGNATURE',
  'BAD_DIGEST',
  'STALE_TIMESTAMP',
  'REPLAYED_NONCE',
  'UNKNOWN_CLIENT',
  'IDEMPOTENCY_CONFLICT',
  'NOT_FOUND',
  'INTERNAL',
  'UNAVAILABLE',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorResponseBody = z.strictObject({
  error: z.strictObject({ code: z.enum(errorCodes), message: z.string().max(500) }),
});
export type ErrorResponseBody = z.infer<typeof errorResponseBody>;

export const healthResponseBody = z.strictObject({ status: z.literal('ok') });

export const paths = {
  verifyDocument: '/v1/verify/document',
  verifyFace: '/v1/verify/face',
  health: '/v1/health',
} as const;

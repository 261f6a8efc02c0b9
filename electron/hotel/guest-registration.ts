import { z } from 'zod';
import { maskDocumentNumber, maskName } from '../log/mask.ts';

/**
 * The guest registration the hotel reports to public security (docs/china-rules.md §1–§2: 旅馆业治安管理办法
 * and 出境入境管理法 art. 39 — name, sex, nationality, birth date, document type and number, issuer, validity,
 * room, check-in and planned departure; for foreigners the visa/permit and entry; operator/kiosk ID;
 * one person, one document). The local PSB interface spec is not public (docs/china-rules.md §2), so this is our canonical
 * record and the real adapter maps it.
 */

/** The document types of docs/china-rules.md §2. */
export const registrationDocumentTypes = [
  'resident-id-card', // 居民身份证
  'passport',
  'hk-macao-permit', // 港澳居民来往内地通行证 (回乡证)
  'taiwan-permit', // 台湾居民来往大陆通行证
  'hmt-residence-permit', // 港澳台居民居住证
  'foreign-permanent-residence', // 外国人永久居留身份证
  'other',
] as const;
export type RegistrationDocumentType = (typeof registrationDocumentTypes)[number];

/**
 * Which reporting rule applies. `overseas` covers foreigners and HK/Macao/Taiwan residents, who fill in the
 * 临时住宿登记表 that must reach the police within 24 h (docs/china-rules.md §1); `mainland` covers PRC citizens on a resident ID
 * or PRC passport.
 */
export type GuestCategory = 'mainland' | 'overseas';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const isoDateTime = z.string().datetime({ offset: true });
const countryCode = z.string().regex(/^[A-Z<]{3}$/, 'expected an ICAO 9303 three-letter code');

export const guestRegistrationSchema = z.strictObject({
  /** Idempotency key end to end: the outbox row, the police submission and its acknowledgement. */
  registrationId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/),
  hotelId: z.string().min(1),
  kioskId: z.string().min(1),
  reservation: z.strictObject({
    confirmationNumber: z.string().min(1),
    roomNumber: z.string().min(1),
    /** Actual check-in time at the kiosk. */
    arrival: isoDateTime,
    plannedDeparture: isoDate,
  }),
  guest: z.strictObject({
    surname: z.string().min(1),
    givenNames: z.string(),
    /** Decoded from the document (PRC passport GBK name, permit chip) when available. */
    nameChinese: z.string().min(1).nullable(),
    sex: z.enum(['M', 'F', 'X']),
    birthDate: isoDate,
    /** Nationality or, for HK/Macao/Taiwan residents, the region code the document gives (e.g. CHN + region). */
    nationality: countryCode,
    region: z.enum(['HKG', 'MAC', 'TWN']).nullable(),
  }),
  document: z.strictObject({
    type: z.enum(registrationDocumentTypes),
    number: z.string().min(1),
    /** Issuing state (ICAO code) or authority. */
    issuer: z.string().min(1),
    expiryDate: isoDate.nullable(),
  }),
  /** Foreigners: visa or residence permit, entry date and port (出境入境管理法 art. 39). */
  visa: z
    .strictObject({
      type: z.string().min(1),
      number: z.string().min(1).nullable(),
      validUntil: isoDate.nullable(),
      entryDate: isoDate.nullable(),
      entryPort: z.string().min(1).nullable(),
    })
    .nullable(),
  verification: z.strictObject({
    /** How the holder was matched to the document; face only with consent, never the only method (docs/china-rules.md §3). */
    method: z.enum(['document-only', 'face-match', 'staff']),
    faceConsent: z.boolean().nullable(),
    /** 人证合一 result when a face check was done. */
    faceMatch: z.boolean().nullable(),
  }),
});

export type GuestRegistration = z.infer<typeof guestRegistrationSchema>;

export function guestCategory(registration: Pick<GuestRegistration, 'guest' | 'document'>): GuestCategory {
  const { guest, document } = registration;
  if (document.type === 'resident-id-card') return 'mainland';
  if (document.type === 'passport' && guest.nationality === 'CHN' && guest.region === null) return 'mainland';
  return 'overseas';
}

/** What staff and logs see of a registration: no full name or number in clear. */
export interface RegistrationSummary {
  readonly registrationId: string;
  readonly confirmationNumber: string;
  readonly roomNumber: string;
  readonly category: GuestCategory;
  readonly guestName: string;
  readonly documentType: RegistrationDocumentType;
  readonly documentRef: string;
  readonly arrival: string;
}

export function summarizeRegistration(registration: GuestRegistration): RegistrationSummary {
  return {
    registrationId: registration.registrationId,
    confirmationNumber: registration.reservation.confirmationNumber,
    roomNumber: registration.reservation.roomNumber,
    category: guestCategory(registration),
    guestName: maskName(`${registration.guest.surname} ${registration.guest.givenNames}`.trim()),
    documentType: registration.document.type,
    documentRef: maskDocumentNumber(registration.document.number),
    arrival: registration.reservation.arrival,
  };
}

import type { Result } from '../../../drivers/result.ts';
import type { MrzResult } from '../../../drivers/mrz/index.ts';
import type { GuestRegistration, RegistrationDocumentType } from '../../hotel/guest-registration.ts';
import type { Reservation, ReservationGuest } from '../../hotel/hotel-pms.ts';

/**
 * Builds the police registration of one guest (docs/china-rules.md §2 "What a registration holds":
 * document type and number, names incl. Chinese, sex, birth date, nationality/region, issuer and validity, room,
 * check-in time, planned departure, verification and consent, kiosk ID). The document read at the kiosk is
 * the source; the PMS profile only fills what the MRZ does not carry (the CS/CR permits have no sex or name
 * in the MRZ, docs/mrz-formats.md §3.3, §3.7).
 */
export interface RegistrationInput {
  readonly registrationId: string;
  readonly kioskId: string;
  readonly reservation: Reservation;
  readonly roomNumber: string;
  /** Epoch ms of the check-in at the kiosk. */
  readonly arrivalAt: number;
  readonly document: MrzResult;
  readonly profile: ReservationGuest | null;
  readonly verification: GuestRegistration['verification'];
}

export type RegistrationBuild = Result<GuestRegistration, { readonly missing: readonly string[] }>;

/** MRZ document code → docs/china-rules.md §2 document type (docs/mrz-formats.md §3.0: CR/C< home return permit, CT Taiwan permit). */
export function registrationDocumentType(document: MrzResult): RegistrationDocumentType {
  const code = (document.documentCode ?? '').toUpperCase();
  if (code.startsWith('P')) return 'passport';
  if (code === 'CR' || code === 'C<' || code === 'C') return 'hk-macao-permit';
  if (code === 'CT') return 'taiwan-permit';
  return 'other';
}

/** HK/Macao/Taiwan residents are reported with their region (docs/china-rules.md §2). */
function region(type: RegistrationDocumentType, document: MrzResult): 'HKG' | 'MAC' | 'TWN' | null {
  const number = (document.documentNumber ?? '').toUpperCase();
  if (type === 'hk-macao-permit') return number.startsWith('M') ? 'MAC' : number.startsWith('H') ? 'HKG' : null;
  if (type === 'taiwan-permit') return 'TWN';
  if (document.documentKind === 'hksar-passport') return 'HKG';
  return null;
}

/** ICAO codes shorter than three letters are filler-padded in the MRZ (`D<<`). */
function countryCode(value: string | null | undefined): string | null {
  const v = (value ?? '').toUpperCase().replace(/<+$/, '');
  return /^[A-Z]{1,3}$/.test(v) ? v.padEnd(3, '<') : null;
}

export function buildRegistration(input: RegistrationInput): RegistrationBuild {
  const { document: doc, profile, reservation } = input;
  const missing: string[] = [];
  const surname = doc.surname?.trim() || profile?.surname || '';
  if (!surname) missing.push('surname');
  const sex = doc.sex === 'M' || doc.sex === 'F' || doc.sex === 'X' ? doc.sex : profile?.sex ?? null;
  if (!sex) missing.push('sex');
  const birthDate = doc.birthDate ?? profile?.birthDate ?? null;
  if (!birthDate) missing.push('birthDate');
  const nationality = countryCode(doc.nationality) ?? countryCode(profile?.nationality) ?? countryCode(doc.issuer);
  if (!nationality) missing.push('nationality');
  const number = (doc.documentNumber ?? '').replace(/<+$/, '');
  if (!number) missing.push('documentNumber');
  const issuer = countryCode(doc.issuer) ?? profile?.document?.issuer ?? null;
  if (!issuer) missing.push('issuer');
  if (missing.length > 0 || !sex || !birthDate || !nationality || !issuer) return { ok: false, error: { missing } };
  const type = profile?.document && profile.document.number.toUpperCase() === number.toUpperCase()
    ? profile.document.type
    : registrationDocumentType(doc);
  return {
    ok: true,
    value: {
      registrationId: input.registrationId,
      hotelId: reservation.hotelId,
      kioskId: input.kioskId,
      reservation: {
        confirmationNumber: reservation.confirmationNumber,
        roomNumber: input.roomNumber,
        arrival: new Date(input.arrivalAt).toISOString(),
        plannedDeparture: reservation.departureDate,
      },
      guest: {
        surname,
        givenNames: doc.givenNames?.trim() || (doc.surname ? '' : profile?.givenNames ?? ''),
        nameChinese: doc.nameChinese ?? profile?.nameChinese ?? null,
        sex,
        birthDate,
        nationality,
        region: region(type, doc),
      },
      document: { type, number, issuer, expiryDate: doc.expiryDate ?? null },
      // A passport's MRZ carries no visa; the visa page is not read yet (docs/china-rules.md §2: foreigners' visa type, validity,
      // entry date) — recorded as absent so staff complete it, never invented.
      visa: null,
      verification: input.verification,
    },
  };
}

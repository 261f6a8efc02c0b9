import type { MrzResult } from '../../drivers/mrz/index.ts';
import type { TravelDocument } from './dcs-wire.ts';

export type TravelDocumentResult =
  | { readonly ok: true; readonly document: TravelDocument }
  | { readonly ok: false; readonly reason: 'unreadable' | 'invalid-check-digits' | 'missing-field'; readonly field?: string };

/**
 * The APIS data a check-in needs, from a parsed MRZ. Only a valid MRZ (every check digit passes) is used:
 * the airline receives what the document says, never a guess. `holderVerified` comes from the identity
 * platform's answer for this holder, not from the MRZ.
 */
export function travelDocumentFromMrz(mrz: MrzResult, holderVerified: boolean): TravelDocumentResult {
  if (!mrz.ok) return { ok: false, reason: 'unreadable' };
  if (!mrz.valid) return { ok: false, reason: 'invalid-check-digits' };
  const required = { documentCode: mrz.documentCode, documentNumber: mrz.documentNumber, issuer: mrz.issuer, birthDate: mrz.birthDate, expiryDate: mrz.expiryDate, sex: mrz.sex } as const;
  for (const [field, value] of Object.entries(required)) if (!value) return { ok: false, reason: 'missing-field', field };
  return {
    ok: true,
    document: {
      documentCode: (mrz.documentCode as string).replace(/<+$/, ''),
      documentNumber: mrz.documentNumber as string,
      issuer: mrz.issuer as string,
      nationality: mrz.nationality ?? (mrz.issuer as string),
      surname: mrz.surname ?? '',
      givenNames: mrz.givenNames ?? '',
      nameTruncated: mrz.nameMayBeTruncated,
      birthDate: mrz.birthDate as string,
      sex: mrz.sex as TravelDocument['sex'],
      expiryDate: mrz.expiryDate as string,
      holderVerified,
    },
  };
}

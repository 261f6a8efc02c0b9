import type { MrzResult } from '../../../drivers/mrz/index.ts';
import type { TravelDocument } from '../../airline/dcs-wire.ts';
import type { DocumentName } from '../../airline/name-match.ts';

/** The name as the MRZ gives it, for name matching (mrz-formats.md §1.3: a full field may be truncated). */
export function documentName(document: MrzResult): DocumentName {
  return { surname: document.surname ?? '', givenNames: document.givenNames ?? '', truncated: document.nameMayBeTruncated };
}

/**
 * The advance passenger information (APIS) the DCS receives for one passenger, from the document as read.
 * Null when the read lacks a field APIS needs (a one-line permit has no name or nationality): such a
 * document cannot be used to check in and the traveller is sent to the counter.
 */
export function travelDocument(document: MrzResult, holderVerified: boolean): TravelDocument | null {
  const code = (document.documentCode ?? '').replace(/<+$/, '');
  const { documentNumber, issuer, birthDate, expiryDate, surname, sex } = document;
  const nationality = document.nationality ?? issuer;
  if (!code || !documentNumber || !issuer || !nationality || !birthDate || !expiryDate || !surname || !sex) return null;
  return {
    documentCode: code.slice(0, 2),
    documentNumber: documentNumber.replace(/<+$/, ''),
    issuer,
    nationality,
    surname,
    givenNames: document.givenNames ?? '',
    nameTruncated: document.nameMayBeTruncated,
    birthDate,
    sex,
    expiryDate,
    holderVerified,
  };
}

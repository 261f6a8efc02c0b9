import type { MrzResult } from '../../../drivers/mrz/index.ts';
import type { TravelDocument } from '../../airline/dcs-wire.ts';
import type { DocumentName } from '../../airline/name-match.ts';
import { travelDocumentFromMrz } from '../../airline/travel-document.ts';

/** The name as the MRZ gives it, for name matching (docs/mrz-formats.md §1.3: a full field may be truncated). */
export function documentName(document: MrzResult): DocumentName {
  return { surname: document.surname ?? '', givenNames: document.givenNames ?? '', truncated: document.nameMayBeTruncated };
}

/**
 * The advance passenger information (APIS) the DCS receives for one passenger, from the document as read
 * (the airline module's `travelDocumentFromMrz`: only a valid MRZ, never a guess). Null when the read lacks
 * what APIS needs, or a name to match the booking with (a one-line permit carries none): such a document
 * cannot be used to check in and the traveller is sent to the counter.
 */
export function travelDocument(document: MrzResult, holderVerified: boolean): TravelDocument | null {
  const built = travelDocumentFromMrz(document, holderVerified);
  return built.ok && built.document.surname ? built.document : null;
}

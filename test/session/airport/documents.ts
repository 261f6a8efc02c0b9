import { formatMrz, type MrzResult } from '../../../drivers/mrz/index.ts';
import type { TravelDocument } from '../../../electron/airline/dcs-wire.ts';
import { readDocument as parseLines } from '../../support/documents.ts';

/** The MRZ lines of a seeded traveller's passport (TD3), as the reader would deliver them. */
export function mrzLines(doc: TravelDocument, overrides: { expiryDate?: string; givenNames?: string; surname?: string } = {}): string[] {
  const built = formatMrz({
    format: 'TD3',
    documentCode: doc.documentCode,
    issuer: doc.issuer,
    documentNumber: doc.documentNumber,
    nationality: doc.nationality,
    birthDate: doc.birthDate,
    sex: doc.sex,
    expiryDate: overrides.expiryDate ?? doc.expiryDate,
    surname: overrides.surname ?? doc.surname,
    givenNames: overrides.givenNames ?? doc.givenNames,
  });
  if (!built.ok) throw new Error(`cannot build the MRZ of ${doc.surname}: ${built.error}`);
  return [...built.lines];
}

/** The parsed document the session hands the flow. */
export function readDocument(doc: TravelDocument, overrides: Parameters<typeof mrzLines>[1] = {}, now = new Date('2026-11-28T02:00:00Z')): MrzResult {
  const result = parseLines(mrzLines(doc, overrides), now);
  if (!result.valid) throw new Error(`test document does not parse: ${result.error?.message ?? 'invalid'}`);
  return result;
}

import type { DocumentRequestBody, DocumentResponseBody } from '../wire.ts';
import type { SeedIdentity } from './seed-schema.ts';

export type DocumentDecision = Exclude<DocumentResponseBody, { result: 'MATCH' }> | { readonly result: 'MATCH'; readonly identity: SeedIdentity };

/** Key of the platform's record index: issuer and number (the same number may exist in two states). */
export function recordKey(issuer: string, documentNumber: string): string {
  return `${issuer}/${documentNumber}`;
}

export function indexRecords(identities: readonly SeedIdentity[]): Map<string, SeedIdentity> {
  return new Map(identities.filter((i) => i.record !== null).map((i) => [recordKey(i.document.issuer, i.document.documentNumber), i]));
}

/**
 * The platform's real-name decision (docs/china-rules.md §4 实名认证) against a seeded record. Pure.
 * Order: no record → NOT_FOUND; reported lost/stolen/cancelled → INVALIDATED; ended early or past expiry →
 * EXPIRED; then every submitted field is compared (names only when the document carries them).
 */
export function decideDocument(records: ReadonlyMap<string, SeedIdentity>, r: DocumentRequestBody, today: string): DocumentDecision {
  const identity = records.get(recordKey(r.issuer, r.documentNumber));
  const record = identity?.record;
  if (!identity || !record) return { result: 'NOT_FOUND' };
  if (record.status === 'lost' || record.status === 'stolen' || record.status === 'cancelled') return { result: 'INVALIDATED', invalidation: record.status };
  if (record.status === 'expired' || record.expiryDate < today) return { result: 'EXPIRED' };
  const fields: ('surname' | 'givenNames' | 'birthDate' | 'expiryDate' | 'documentType')[] = [];
  // PRC passports read as P or PO (docs/mrz-formats.md §3.2): the platform compares the document category only.
  if (r.documentType[0] !== record.documentType[0]) fields.push('documentType');
  if (r.surname !== undefined && record.surname !== undefined && normaliseName(r.surname) !== normaliseName(record.surname)) fields.push('surname');
  if (r.givenNames !== undefined && record.givenNames !== undefined && normaliseName(r.givenNames) !== normaliseName(record.givenNames)) fields.push('givenNames');
  if (r.birthDate !== record.birthDate) fields.push('birthDate');
  if (r.expiryDate !== record.expiryDate) fields.push('expiryDate');
  if (fields.length > 0) return { result: 'MISMATCH', fields };
  return { result: 'MATCH', identity };
}

function normaliseName(name: string): string {
  return name.trim().replace(/[\s<]+/g, ' ').toUpperCase();
}

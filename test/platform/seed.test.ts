import { describe, expect, it } from 'vitest';
import { formatMrz, parseMrz, type MrzFormat } from '../../drivers/mrz/index.ts';
import { documentVerificationRequest } from '../../electron/platform/identity-platform.ts';
import { decideDocument, indexRecords } from '../../electron/platform/sim/seed-decision.ts';
import seedJson from '../../electron/platform/sim/seed.json' with { type: 'json' };
import { parseSeed } from '../../electron/platform/sim/seed-schema.ts';
import { documentRequestBody, documentWireFields } from '../../electron/platform/wire.ts';

const loaded = parseSeed(seedJson, 'seed.json');
if (!loaded.ok) throw new Error(loaded.error);
const seed = loaded.seed;
const now = new Date('2026-11-28T09:00:00Z');

describe('seed identities (electron/platform/sim/seed.json)', () => {
  it('cover every outcome, the ICAO specimen, a PRC passport and a CS permit', () => {
    expect(new Set(seed.identities.map((i) => i.outcome))).toEqual(new Set(['MATCH', 'MISMATCH', 'NOT_FOUND', 'EXPIRED', 'INVALIDATED']));
    expect(seed.identities.find((i) => i.document.documentNumber === 'L898902C3')).toMatchObject({ outcome: 'MATCH', document: { issuer: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA' } });
    expect(seed.identities.some((i) => i.outcome === 'MATCH' && i.document.issuer === 'CHN' && i.document.documentType === 'PO')).toBe(true);
    expect(seed.identities.some((i) => i.outcome === 'MATCH' && i.document.documentType === 'CS')).toBe(true);
    expect(seed.identities.some((i) => i.face.result === 'NO_MATCH')).toBe(true);
  });

  for (const identity of seed.identities) {
    it(`${identity.id}: MRZ lines are what the MRZ engine formats and parses back to the document`, () => {
      const d = identity.document;
      const formatted = formatMrz({
        format: identity.mrzFormat as MrzFormat,
        documentCode: d.documentType,
        issuer: identity.mrzFormat === 'CN_EEP_1LINE' ? null : d.issuer,
        documentNumber: d.documentNumber,
        nationality: d.nationality ?? null,
        birthDate: d.birthDate,
        sex: d.sex ?? null,
        expiryDate: d.expiryDate,
        surname: d.surname ?? null,
        givenNames: d.givenNames ?? null,
        optionalData: d.optionalData ?? null,
      });
      expect(formatted).toEqual({ ok: true, lines: identity.mrz });
      const parsed = parseMrz(identity.mrz, { now });
      expect(parsed.valid).toBe(true);
      const request = documentVerificationRequest(parsed);
      expect(request).toEqual({ ok: true, request: documentWireFields(d) });
    });

    it(`${identity.id}: the platform decision is ${identity.outcome}`, () => {
      expect(decideDocument(indexRecords(seed.identities), documentRequestBody.parse(documentWireFields(identity.document)), '2026-11-28').result).toBe(identity.outcome);
    });
  }

  it('refuses a seed with the same document twice', () => {
    const twice = { identities: [seed.identities[0], seed.identities[0]] };
    expect(parseSeed(twice, 'x.json')).toMatchObject({ ok: false, error: expect.stringContaining('appears twice') });
  });

  it('refuses a seed that does not match the schema, naming the field', () => {
    expect(parseSeed({ identities: [{ ...seed.identities[0], outcome: 'MAYBE' }] }, 'x.json')).toMatchObject({ ok: false, error: expect.stringContaining('identities.0.outcome') });
  });
});

describe('documentVerificationRequest', () => {
  it('sends only type, number, issuer, names, birth and expiry dates', () => {
    const parsed = parseMrz(seed.identities[0]!.mrz, { now });
    const result = documentVerificationRequest(parsed);
    if (!result.ok) throw new Error('should build');
    expect(Object.keys(result.request).sort()).toEqual(['birthDate', 'documentNumber', 'documentType', 'expiryDate', 'givenNames', 'issuer', 'surname']);
  });

  it('gives a CS permit the issuer CHN and no names (its MRZ has none)', () => {
    const cs = seed.identities.find((i) => i.document.documentType === 'CS')!;
    const result = documentVerificationRequest(parseMrz(cs.mrz, { now }));
    expect(result).toMatchObject({ ok: true, request: { documentType: 'CS', issuer: 'CHN' } });
    expect(result.ok && 'surname' in result.request).toBe(false);
  });

  it('lists what is missing instead of sending a partial request', () => {
    expect(documentVerificationRequest({ documentCode: 'P<', documentNumber: null, issuer: 'UTO', surname: null, givenNames: null, birthDate: '1974-08-12', expiryDate: null })).toEqual({ ok: false, missing: ['documentNumber', 'expiryDate'] });
  });
});

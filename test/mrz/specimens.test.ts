// Every specimen of docs/mrz-formats.md §5 with its expected result (§5.2, §5.3). Sources per fixture are in §5.1.
import { describe, expect, it } from 'vitest';
import { checkDigit, parseMrz, type MrzResult } from '../../drivers/mrz/index.ts';

const NOW = new Date('2026-11-28T12:00:00Z');

interface Expected {
  lines: string[];
  format: MrzResult['format'];
  documentCode: string;
  issuer: string | null;
  surname?: string | null;
  givenNames?: string | null;
  documentNumber: string;
  nationality?: string | null;
  birthDate?: string | null;
  sex?: MrzResult['sex'];
  expiryDate?: string | null;
  optionalData?: string | null;
  optionalData2?: string | null;
  valid: boolean;
  checks: Record<string, 'valid' | 'invalid' | 'absent'>;
  warnings?: string[];
  extra?: Partial<MrzResult>;
}

const UTO_NAME = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
const ALL_VALID_TD3 = { documentNumber: 'valid', birthDate: 'valid', expiryDate: 'valid', optionalData: 'valid', composite: 'valid' } as const;
const ALL_VALID_TD1 = { documentNumber: 'valid', birthDate: 'valid', expiryDate: 'valid', composite: 'valid' } as const;

const SPECIMENS: Record<string, Expected> = {
  // §5.2 — cheminfo/mrz td3.test.ts (ICAO specimen)
  S1: {
    lines: [UTO_NAME, 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'],
    format: 'TD3', documentCode: 'P', issuer: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'L898902C3',
    nationality: 'UTO', birthDate: '1974-08-12', sex: 'F', expiryDate: '2012-04-15', optionalData: 'ZE184226B', valid: true,
    checks: ALL_VALID_TD3, warnings: ['specimen-state'], extra: { expired: true },
  },
  // JMRTD MRZInfoTest (older specimen, short number)
  S2: {
    lines: [UTO_NAME, 'L898902C<3UTO6908061F9406236ZE184226B<<<<<14'],
    format: 'TD3', documentCode: 'P', issuer: 'UTO', documentNumber: 'L898902C', birthDate: '1969-08-06', expiryDate: '1994-06-23',
    optionalData: 'ZE184226B', valid: true, checks: ALL_VALID_TD3,
  },
  // cheminfo td3.test.ts: wrong personal-number check digit
  S3: {
    lines: [UTO_NAME, 'L898902C36UTO7408122F1204159ZE184226B<<<<<20'],
    format: 'TD3', documentCode: 'P', issuer: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'L898902C3',
    nationality: 'UTO', birthDate: '1974-08-12', sex: 'F', expiryDate: '2012-04-15', optionalData: 'ZE184226B', valid: false,
    checks: { documentNumber: 'valid', birthDate: 'valid', expiryDate: 'valid', optionalData: 'invalid', composite: 'invalid' },
  },
  // cheminfo td3.test.ts: German D<<
  S4: {
    lines: ['P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<', 'C01X0006H1D<<6408125F1710319<<<<<<<<<<<<<<<0'],
    format: 'TD3', documentCode: 'P', issuer: 'D', surname: 'MUSTERMANN', givenNames: 'ERIKA', documentNumber: 'C01X0006H', nationality: 'D',
    birthDate: '1964-08-12', sex: 'F', expiryDate: '2017-10-31', optionalData: null, valid: true, checks: ALL_VALID_TD3,
  },
  // cheminfo td3.test.ts: no primary identifier
  S5: {
    lines: ['P<IND<<FIRST<NAME<<<<<<<<<<<<<<<<<<<<<<<<<<<', 'C01X0006H1D<<6408125F1710319<<<<<<<<<<<<<<<0'],
    format: 'TD3', documentCode: 'P', issuer: 'IND', surname: '', givenNames: 'FIRST NAME', documentNumber: 'C01X0006H', nationality: 'D',
    valid: true, checks: ALL_VALID_TD3,
  },
  // JMRTD: PN check digit printed as 0
  S6: {
    lines: ['P<NLDMEULENDIJK<<LOES<ALBERTINE<<<<<<<<<<<<<', 'XX00000000NLD7110195F1108280123456782<<<<<02'],
    format: 'TD3', documentCode: 'P', issuer: 'NLD', surname: 'MEULENDIJK', givenNames: 'LOES ALBERTINE', documentNumber: 'XX0000000',
    birthDate: '1971-10-19', expiryDate: '2011-08-28', optionalData: '123456782', valid: true, checks: ALL_VALID_TD3,
  },
  // JMRTD: same PN, check digit printed as <
  S7: {
    lines: ['P<NLDMEULENDIJK<<LOES<ALBERTINE<<<<<<<<<<<<<', 'XX00000000NLD7110195F1108280123456782<<<<<<2'],
    format: 'TD3', documentCode: 'P', issuer: 'NLD', documentNumber: 'XX0000000', optionalData: '123456782', valid: true, checks: ALL_VALID_TD3,
  },
  // JMRTD: HKSAR-style (CHN issuer, K number)
  S8: {
    lines: ['P<CHNCHUNG<<KWOK<SUM<<<<<<<<<<<<<<<<<<<<<<<<', 'K123455994CHN8008080F1702057HK8888888<<<<<36'],
    format: 'TD3', documentCode: 'P', issuer: 'CHN', surname: 'CHUNG', givenNames: 'KWOK SUM', documentNumber: 'K12345599', nationality: 'CHN',
    birthDate: '1980-08-08', sex: 'F', expiryDate: '2017-02-05', optionalData: 'HK8888888', valid: true, checks: ALL_VALID_TD3,
    extra: { documentKind: 'hksar-passport', nameChinese: null },
  },
  // cheminfo td3.test.ts "CHN PO" (real passport photo)
  S9: {
    lines: ['POCHNABULIKEMU<<ABULA<<<<<<<<<<<<<<<<<<<<<<<', 'E596593216CHN9701078M2510077LAKCLCLMMBKGG932'],
    format: 'TD3', documentCode: 'PO', issuer: 'CHN', surname: 'ABULIKEMU', givenNames: 'ABULA', documentNumber: 'E59659321', nationality: 'CHN',
    birthDate: '1997-01-07', sex: 'M', expiryDate: '2025-10-07', optionalData: 'LAKCLCLMMBKGG9', valid: true, checks: ALL_VALID_TD3,
    warnings: ['personal-number-is-chinese-name'], extra: { documentKind: 'prc-passport', nameChinese: '阿布力', nameChineseOmitted: 6, expired: true },
  },
  // cheminfo td3.test.ts "CHN PT" (Wikimedia specimen)
  S10: {
    lines: ['PTCHNCESHI<<YANGBEN<<<<<<<<<<<<<<<<<<<<<<<<<', 'G622925996CHN8310291F1904220LCOCMKNENBPJB984'],
    format: 'TD3', documentCode: 'PT', issuer: 'CHN', surname: 'CESHI', givenNames: 'YANGBEN', documentNumber: 'G62292599', nationality: 'CHN',
    birthDate: '1983-10-29', sex: 'F', expiryDate: '2019-04-22', optionalData: 'LCOCMKNENBPJB9', valid: true, checks: ALL_VALID_TD3,
    extra: { documentKind: 'prc-passport', nameChinese: '测试样', nameChineseOmitted: 1 },
  },
  // PassportEye testdata 100_pass-chn.jpg (ROC passport)
  S11: {
    lines: ['P<TWNLIN<<MEI<HUA<<<<<<<<<<<<<<<<<<<<<<<<<<<', '0000000000TWN7601015F1404018A234567893<<<<18'],
    format: 'TD3', documentCode: 'P', issuer: 'TWN', surname: 'LIN', givenNames: 'MEI HUA', documentNumber: '000000000', nationality: 'TWN',
    birthDate: '1976-01-01', sex: 'F', expiryDate: '2014-04-01', optionalData: 'A234567893', valid: true, checks: ALL_VALID_TD3,
    extra: { documentKind: 'roc-passport' },
  },
  // PassportEye testdata 43_pass-twn.jpg
  S12: {
    lines: ['P<TWNLIN<<CHIEN<SHENG<<<<<<<<<<<<<<<<<<<<<<<', 'M000004264TWN6803029M9801048F122187664<<<<66'],
    format: 'TD3', documentCode: 'P', issuer: 'TWN', surname: 'LIN', givenNames: 'CHIEN SHENG', documentNumber: 'M00000426', nationality: 'TWN',
    birthDate: '1968-03-02', sex: 'M', expiryDate: '1998-01-04', optionalData: 'F122187664', valid: true, checks: ALL_VALID_TD3,
  },
  // Arg0s1080/mrz td2_uto.py
  S13: {
    lines: ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'],
    format: 'TD2', documentCode: 'I', issuer: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'D23145890', nationality: 'UTO',
    birthDate: '1974-08-12', sex: 'F', expiryDate: '2012-04-15', optionalData: null, valid: true, checks: ALL_VALID_TD1,
  },
  // §5.3 — cheminfo/mrz td1.test.ts
  S14: {
    lines: ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'],
    format: 'TD1', documentCode: 'I', issuer: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'D23145890', nationality: 'UTO',
    birthDate: '1974-08-12', sex: 'F', expiryDate: '2012-04-15', optionalData: null, optionalData2: null, valid: true, checks: ALL_VALID_TD1,
  },
  S15: {
    lines: ['I<UTOD231458907ABC<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<1', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'],
    format: 'TD1', documentCode: 'I', issuer: 'UTO', documentNumber: 'D23145890', optionalData: 'ABC', valid: true, checks: ALL_VALID_TD1,
  },
  S16: {
    lines: ['I<UTOD23145890<7349<<<<<<<<<<<', '3407127M9507122UTO<<<<<<<<<<<2', 'STEVENSON<<PETER<JOHN<<<<<<<<<'],
    format: 'TD1', documentCode: 'I', issuer: 'UTO', surname: 'STEVENSON', givenNames: 'PETER JOHN', documentNumber: 'D23145890734',
    birthDate: '1934-07-12', sex: 'M', expiryDate: '1995-07-12', optionalData: null, valid: true, checks: ALL_VALID_TD1,
  },
  S17: {
    lines: ['I<CHED231458907ABC<<<<<<<<<<<<', '7408122F1204159CHE<<<<<<<<<<<1', '<<ANNA<MARIA<<<<<<<<<<<<<<<<<<'],
    format: 'TD1', documentCode: 'I', issuer: 'CHE', surname: '', givenNames: 'ANNA MARIA', documentNumber: 'D23145890', optionalData: 'ABC',
    valid: true, checks: ALL_VALID_TD1,
  },
  S18: {
    lines: ['IDCHEA1234567<6<<<<<<<<<<<<<<<', '7510256M2009018CHE<<<<<<<<<<<8', 'SMITH<<JOHN<ALBERT<<<<<<<<<<<<'],
    format: 'TD1', documentCode: 'ID', issuer: 'CHE', surname: 'SMITH', givenNames: 'JOHN ALBERT', documentNumber: 'A1234567',
    birthDate: '1975-10-25', sex: 'M', expiryDate: '2020-09-01', valid: true, checks: ALL_VALID_TD1,
  },
  S19: {
    lines: ['I<PRT007777779<ZZ92<<<<<<<<<<<', '8303143M3405282PRT<<<<<<<<<<<2', 'CACADOR<DE<ARAUJO<<ANDRE<ESTEV'],
    format: 'TD1', documentCode: 'I', issuer: 'PRT', surname: 'CACADOR DE ARAUJO', givenNames: 'ANDRE ESTEV', documentNumber: '007777779ZZ9',
    birthDate: '1983-03-14', sex: 'M', expiryDate: '2034-05-28', valid: true, checks: ALL_VALID_TD1,
    warnings: ['name-may-be-truncated'], extra: { nameMayBeTruncated: true, expired: false },
  },
  S20: {
    lines: ['IDBEL000590240<6013<<<<<<<<<<<', '8512017F1311048BEL851201002007', 'REINARTZ<<ULRIKE<KATIA<E<<<<<<'],
    format: 'TD1', documentCode: 'ID', issuer: 'BEL', surname: 'REINARTZ', givenNames: 'ULRIKE KATIA E', documentNumber: '000590240601',
    birthDate: '1985-12-01', sex: 'F', expiryDate: '2013-11-04', optionalData2: '85120100200', valid: true, checks: ALL_VALID_TD1,
    warnings: ['non-compliant-check-digit'],
  },
  // Arg0s1080/mrz visa_mrva_uto.py, visa_mrvb_uto.py
  S21: {
    lines: ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L8988901C4XXX4009078F96121096ZE184226B<<<<<<'],
    format: 'MRVA', documentCode: 'V', issuer: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', documentNumber: 'L8988901C', nationality: 'XXX',
    birthDate: '1940-09-07', sex: 'F', expiryDate: '1996-12-10', optionalData: '6ZE184226B', valid: true,
    checks: { documentNumber: 'valid', birthDate: 'valid', expiryDate: 'valid', composite: 'absent' },
  },
  S22: {
    lines: ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'L8988901C4XXX4009078F9612109<<<<<<<<'],
    format: 'MRVB', documentCode: 'V', issuer: 'UTO', documentNumber: 'L8988901C', nationality: 'XXX', birthDate: '1940-09-07', expiryDate: '1996-12-10',
    optionalData: null, valid: true, checks: { documentNumber: 'valid', birthDate: 'valid', expiryDate: 'valid', composite: 'absent' },
  },
  // Alibaba Cloud vendor sample: only the number check digit holds
  S23: {
    lines: ['CSC886084772<2800800<8200000<6'],
    format: 'CN_EEP_1LINE', documentCode: 'CS', issuer: 'CHN', documentNumber: 'C88608477', birthDate: null, expiryDate: null, valid: false,
    checks: { documentNumber: 'valid', birthDate: 'invalid', expiryDate: 'invalid', composite: 'invalid' },
    warnings: ['invalid-date'], extra: { layoutVerified: true, documentKind: 'cn-exit-entry-permit-hk-macao', surname: null, sex: null },
  },
};

describe('docs/mrz-formats.md §5 specimens (strict)', () => {
  for (const [id, e] of Object.entries(SPECIMENS)) {
    it(`${id}: ${e.format} ${e.documentNumber} parses to the §5 expected result`, () => {
      const r = parseMrz(e.lines, { now: NOW });
      expect(r.ok).toBe(true);
      expect(r.format).toBe(e.format);
      expect(r.documentCode).toBe(e.documentCode);
      expect(r.issuer).toBe(e.issuer);
      expect(r.documentNumber).toBe(e.documentNumber);
      for (const key of ['surname', 'givenNames', 'nationality', 'birthDate', 'sex', 'expiryDate', 'optionalData', 'optionalData2'] as const) {
        if (e[key] !== undefined) expect(r[key], key).toBe(e[key]);
      }
      expect(r.valid).toBe(e.valid);
      const statuses = Object.fromEntries(r.checks.map((c) => [c.field, c.status]));
      expect(statuses).toEqual(e.checks);
      const codes = r.warnings.map((w) => w.code);
      for (const w of e.warnings ?? []) expect(codes).toContain(w);
      for (const [k, v] of Object.entries(e.extra ?? {})) expect(r[k as keyof MrzResult], k).toEqual(v);
      expect(r.namesVerified).toBe(false);
      expect(r.lines).toEqual(e.lines);
    });
  }

  it('the same specimens parse identically from one newline-joined string with surrounding whitespace', () => {
    for (const e of Object.values(SPECIMENS)) {
      const a = parseMrz(e.lines, { now: NOW });
      const b = parseMrz(`\n  ${e.lines.join('  \r\n ')}  \n`, { now: NOW });
      expect(b).toEqual(a);
    }
  });

  it('S3 still reports every field although two check digits fail (§6 trap 4)', () => {
    const r = parseMrz(SPECIMENS['S3']!.lines, { now: NOW });
    const pn = r.checks.find((c) => c.field === 'optionalData')!;
    expect(pn).toMatchObject({ expected: '1', actual: '2', line: 2, column: 43 });
    expect(r.checks.find((c) => c.field === 'composite')).toMatchObject({ expected: '1', actual: '0' });
    expect(r.fields['optionalData']).toMatchObject({ value: 'ZE184226B', line: 2, start: 29, end: 42, check: 'invalid' });
  });

  it('S20 matches only with the older check-digit computation, and says so', () => {
    const r = parseMrz(SPECIMENS['S20']!.lines, { now: NOW });
    expect(r.checks.find((c) => c.field === 'documentNumber')).toMatchObject({ variant: 'includes-filler', expected: '3' });
    expect(checkDigit('000590240601')).toBe(1); // the ICAO computation would give 1 (§2.3)
  });

  it('S16 finds the long-number check digit at L1 position 19 and keeps the number overflow field', () => {
    const r = parseMrz(SPECIMENS['S16']!.lines, { now: NOW });
    expect(r.checks.find((c) => c.field === 'documentNumber')).toMatchObject({ line: 1, column: 19, variant: 'icao' });
    expect(r.fields['documentNumberOverflow']).toMatchObject({ raw: '734', start: 16, end: 18 });
  });

  it('S1 field details give 1-based positions as in §2.1', () => {
    const r = parseMrz(SPECIMENS['S1']!.lines, { now: NOW });
    expect(r.fields['documentNumber']).toEqual({ value: 'L898902C3', raw: 'L898902C3', line: 2, start: 1, end: 9, check: 'valid' });
    expect(r.fields['birthDate']).toEqual({ value: '1974-08-12', raw: '740812', line: 2, start: 14, end: 19, check: 'valid' });
    expect(r.fields['issuer']).toMatchObject({ value: 'UTO', raw: 'UTO', line: 1, start: 3, end: 5 });
    expect(r.fields['name']).toMatchObject({ line: 1, start: 6, end: 44 });
  });

  it('the worked check-digit example of §1.2 gives 2', () => {
    expect(checkDigit('BNO257453')).toBe(2);
  });
});

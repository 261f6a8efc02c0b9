// Rules of docs/mrz-formats.md §1 (dates, sex, states, names), §3 (Chinese documents), §4 (dispatch) and the
// failure paths: every non-MRZ input is a value, never an exception.
import { describe, expect, it } from 'vitest';
import { checkDigit, decodeGbkName, formatMrz, generateMrz, parseMrz, seededRng } from '../../drivers/mrz/index.ts';
import { parseMrzDate } from '../../drivers/mrz/dates.ts';

const NOW = new Date('2026-11-28T12:00:00Z');
const S1 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

function td3(overrides: Record<string, string>): string[] {
  const r = formatMrz({ format: 'TD3', documentCode: 'P', issuer: 'UTO', documentNumber: 'L898902C3', nationality: 'UTO', birthDate: '740812', sex: 'F', expiryDate: '301231', surname: 'ERIKSSON', givenNames: 'ANNA', ...overrides });
  if (!r.ok) throw new Error(r.error);
  return r.lines;
}

describe('century rule (§1.4)', () => {
  it('birth dates take the latest century that is not in the future', () => {
    expect(parseMrzDate('300101', 'birth', NOW).iso).toBe('1930-01-01');
    expect(parseMrzDate('261128', 'birth', NOW).iso).toBe('2026-11-28');
    expect(parseMrzDate('261129', 'birth', NOW).iso).toBe('1926-11-29');
    expect(parseMrzDate('000229', 'birth', NOW).iso).toBe('2000-02-29');
  });
  it('expiry dates take the century nearest to now: 30 → 2030, 94 → 1994', () => {
    expect(parseMrzDate('300101', 'expiry', NOW).iso).toBe('2030-01-01');
    expect(parseMrzDate('940623', 'expiry', NOW).iso).toBe('1994-06-23');
    expect(parseMrzDate('760101', 'expiry', NOW).iso).toBe('2076-01-01');
    expect(parseMrzDate('770101', 'expiry', NOW).iso).toBe('1977-01-01');
    expect(parseMrzDate('940623', 'expiry', new Date('2070-01-01')).iso).toBe('2094-06-23');
  });
  it('impossible and unreadable dates are invalid; << month/day is partial, not an error', () => {
    expect(parseMrzDate('741312', 'birth', NOW).state).toBe('invalid');
    expect(parseMrzDate('010229', 'birth', NOW).state).toBe('invalid');
    expect(parseMrzDate('7408O2', 'birth', NOW).state).toBe('invalid');
    expect(parseMrzDate('74<<<<', 'birth', NOW)).toEqual({ iso: null, year: 1974, state: 'partial' });
    expect(parseMrzDate('7408<<', 'birth', NOW).state).toBe('partial');
    expect(parseMrzDate('74<<01', 'birth', NOW).state).toBe('invalid');
  });
  it('expired is relative to the injected now and false on the expiry day itself', () => {
    const lines = td3({ expiryDate: '261128' });
    expect(parseMrz(lines, { now: NOW }).expired).toBe(false);
    expect(parseMrz(lines, { now: new Date('2026-11-29T00:00:01Z') }).expired).toBe(true);
    expect(parseMrz(lines, { now: new Date('2026-11-27T23:59:59Z') }).expired).toBe(false);
  });
  it('a document with an unknown birth month/day stays valid with birthDate null and a warning', () => {
    const r = parseMrz(td3({ birthDate: '74<<<<' }), { now: NOW });
    expect(r.valid).toBe(true);
    expect(r.birthDate).toBeNull();
    expect(r.fields['birthDate']?.raw).toBe('74<<<<');
    expect(r.warnings.map((w) => w.code)).toContain('date-partially-unknown');
  });
  it('a check-digit-valid but impossible date makes the result invalid', () => {
    const r = parseMrz(td3({ birthDate: '741332' }), { now: NOW });
    expect(r.checks.every((c) => c.status === 'valid')).toBe(true);
    expect(r.valid).toBe(false);
    expect(r.warnings.map((w) => w.code)).toContain('invalid-date');
  });
});

describe('sex, states and names (§1.3, §1.5, §1.6)', () => {
  it('accepts X with a warning and < as unspecified', () => {
    const x = parseMrz(td3({ sex: 'X' }), { now: NOW });
    expect(x).toMatchObject({ valid: true, sex: 'X' });
    expect(x.warnings.map((w) => w.code)).toContain('sex-x');
    expect(parseMrz(td3({ sex: '<' }), { now: NOW })).toMatchObject({ valid: true, sex: '<' });
  });
  it('an invalid sex character is a warning and sex null', () => {
    const lines = td3({});
    const bad = [lines[0]!, lines[1]!.slice(0, 20) + 'Q' + lines[1]!.slice(21)];
    const r = parseMrz(bad, { now: NOW });
    expect(r.sex).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('invalid-sex');
  });
  it('an unknown state code is a warning on that field, not a failure', () => {
    const r = parseMrz(td3({ issuer: 'ZZZ', nationality: 'XXB' }), { now: NOW });
    expect(r).toMatchObject({ ok: true, valid: true, issuer: 'ZZZ', nationality: 'XXB' });
    expect(r.warnings.filter((w) => w.code === 'unknown-state').map((w) => w.field)).toEqual(['issuer']);
  });
  it('knows the ICAO additions: EUE, UNO, XXA, GBD, and flags deprecated ANT', () => {
    for (const code of ['EUE', 'UNO', 'XXA', 'XXC', 'XXX', 'GBD', 'RKS']) {
      expect(parseMrz(td3({ issuer: code }), { now: NOW }).warnings.map((w) => w.code)).not.toContain('unknown-state');
    }
    expect(parseMrz(td3({ issuer: 'ANT' }), { now: NOW }).warnings.map((w) => w.code)).toContain('deprecated-state');
  });
  it('splits names on <<, keeps multi-word surnames, and says names are unverified', () => {
    const r = parseMrz(td3({ surname: 'VAN DER BERG', givenNames: 'JAN PIETER' }), { now: NOW });
    expect(r).toMatchObject({ surname: 'VAN DER BERG', givenNames: 'JAN PIETER', namesVerified: false, nameMayBeTruncated: false });
    expect(r.warnings.map((w) => w.code)).toContain('names-unverified');
  });
  it('a letter in the last name position raises nameMayBeTruncated', () => {
    const r = parseMrz(td3({ nameField: 'A'.repeat(20) + '<<' + 'B'.repeat(17) }), { now: NOW });
    expect(r.nameMayBeTruncated).toBe(true);
    expect(r.warnings.map((w) => w.code)).toContain('name-may-be-truncated');
  });
});

describe('Chinese documents (§3)', () => {
  it('decodes GBK letter codes and reports failures as values (§3.1)', () => {
    expect(decodeGbkName('LCOCMKNENBPJ')).toEqual({ name: '测试样', letters: 12, failed: false });
    expect(decodeGbkName('NGKE')).toMatchObject({ name: '证' });
    expect(decodeGbkName('LAKCLCLMMBKGG9').name).toBe('阿布力');
    expect(decodeGbkName('PPPP')).toMatchObject({ name: null, failed: true });
    expect(decodeGbkName('9ABC')).toEqual({ name: null, letters: 0, failed: false });
  });
  it('a CHN passport whose personal-number code does not decode warns instead of throwing', () => {
    const r = parseMrz(td3({ documentCode: 'PO', issuer: 'CHN', nationality: 'CHN', documentNumber: 'E12345678', optionalData: 'PPPPPPPPPPPPA9' }), { now: NOW });
    expect(r.ok).toBe(true);
    expect(r.nameChinese).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('gbk-decode-failed');
  });
  it('a CHN passport failing only the personal-number check digit gets the dedicated warning (§3.2)', () => {
    // S9 with the PN check digit changed 3 → 4 and the composite recomputed, so only the PN digit fails.
    const head = 'E596593216CHN9701078M2510077LAKCLCLMMBKGG94';
    const composite = checkDigit(head.slice(0, 10) + head.slice(13, 20) + head.slice(21, 43));
    const lines = ['POCHNABULIKEMU<<ABULA<<<<<<<<<<<<<<<<<<<<<<<', head + composite];
    const r = parseMrz(lines, { now: NOW });
    expect(r.checks.find((c) => c.field === 'composite')?.status).toBe('valid');
    expect(r.checks.find((c) => c.field === 'optionalData')?.status).toBe('invalid');
    expect(r.warnings.map((w) => w.code)).toContain('cn-personal-number-check-failed');
  });
  it('reads C5 / C$ / C8 as CS in strict mode, with a warning (§3.3)', () => {
    for (const code of ['C5', 'C$', 'C8']) {
      const r = parseMrz(code + 'C886084772<2800800<8200000<6', { now: NOW });
      expect(r).toMatchObject({ format: 'CN_EEP_1LINE', documentCode: 'CS', documentNumber: 'C88608477' });
      expect(r.warnings.map((w) => w.code)).toContain('document-code-confusion');
    }
  });
  it('CD uses the CS layout but is reported unverified (§3.4)', () => {
    const f = formatMrz({ format: 'CN_EEP_1LINE', documentCode: 'CD', documentNumber: 'C12345678', expiryDate: '2030-01-02', birthDate: '1990-03-04' });
    expect(f.ok).toBe(true);
    const r = parseMrz(f.ok ? f.lines : [], { now: NOW });
    expect(r).toMatchObject({ valid: true, layoutVerified: false, documentKind: 'cn-exit-entry-permit-taiwan', expiryDate: '2030-01-02', birthDate: '1990-03-04', issuer: 'CHN' });
    expect(r.warnings.map((w) => w.code)).toContain('layout-unverified');
  });
  it('a CS chip DG1 (90 characters) is read with the §3.3 DG1 layout, not as TD1', () => {
    const tail = 'LCOCMKNENBPJ' + 'CESHI<<YANGBEN<<<<' + 'F' + '<'.repeat(29);
    const f = formatMrz({ format: 'CN_EEP_1LINE', documentCode: 'CS', documentNumber: 'C12345678', expiryDate: '300102', birthDate: '900304', dg1Tail: tail });
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    const r = parseMrz(f.lines.join(''), { now: NOW });
    expect(r).toMatchObject({ format: 'CN_EEP_1LINE', valid: true, nameChinese: '测试样', surname: 'CESHI', givenNames: 'YANGBEN', sex: 'F', layoutVerified: false });
  });
  it('CR/CT/C< permits keep raw lines, validate the located number check digit, map no other fields (§3.7)', () => {
    const rng = seededRng(3);
    for (let i = 0; i < 20; i++) {
      const g = generateMrz(rng, { format: 'CN_PERMIT_3LINE' });
      const r = parseMrz(g.lines, { now: NOW });
      expect(r).toMatchObject({ format: 'CN_PERMIT_3LINE', layoutVerified: false, valid: true, issuer: 'CHN', lines: g.lines });
      expect(r.documentNumber).toBe(g.input.documentNumber);
      expect(r.birthDate).toBeNull();
      expect(r.surname).toBeNull();
      expect(r.fields['line2']?.raw).toBe(g.lines[1]);
      expect(r.checks.find((c) => c.field === 'documentNumber')).toMatchObject({ status: 'valid', line: 1, column: 15 });
    }
  });
  it('a CR permit with a wrong number check digit is invalid, and date-like runs are diagnostics only', () => {
    const lines = ['CRCHNH123456780<<<<<<<<<<<<<<<', '<<<<<<<<<<9001012<<<<<<<<<<<<<', 'ABC<<<<<<<<<<<<<<<<<<<<<<<<<<<'];
    const r = parseMrz(lines, { now: NOW });
    expect(r.valid).toBe(false);
    expect(r.checks.find((c) => c.field === 'documentNumber')).toMatchObject({ status: 'invalid', expected: '3', actual: '0' });
    const candidate = r.checks.find((c) => c.field.startsWith('candidate:'));
    expect(candidate).toMatchObject({ field: 'candidate:L2:11-16', status: 'unchecked', expected: '1', actual: '2' });
    expect(parseMrz([lines[0]!.replace('H123456780', 'H123456783'), ...lines.slice(1)], { now: NOW }).valid).toBe(true);
  });
  it('C< is a 1999 Home Return Permit only with CHN at L1 3–5; otherwise it is an ordinary TD1 (§4)', () => {
    const f = formatMrz({ format: 'TD1', documentCode: 'C', issuer: 'FRA', documentNumber: 'X1234567', nationality: 'FRA', birthDate: '800101', sex: 'F', expiryDate: '300101', surname: 'A' });
    expect(f.ok).toBe(true);
    if (f.ok) expect(parseMrz(f.lines, { now: NOW })).toMatchObject({ format: 'TD1', valid: true, documentCode: 'C' });
    expect(formatMrz({ format: 'CN_PERMIT_3LINE', documentCode: 'C', documentNumber: '', lines: ['C<FRAX12345678<<<<<<<<<<<<<<<<', '<'.repeat(30), '<'.repeat(30)] })).toMatchObject({ ok: false });
  });

  it('lenient mode never repairs by a check digit whose position is not verified (§3.7)', () => {
    const read = ['CRCHNH1234567B3<<<<<<<<<<<<<<<', '<'.repeat(30), 'ABC'.padEnd(30, '<')];
    const r = parseMrz(read, { mode: 'lenient', now: NOW });
    expect(r).toMatchObject({ valid: false, documentNumber: 'H1234567B', corrections: [] });
    // The same read with a verified layout would be repaired: B→8 gives H12345678, whose digit is 3.
    expect(parseMrz(['CRCHNH123456783<<<<<<<<<<<<<<<', read[1]!, read[2]!], { now: NOW }).checks[0]?.status).toBe('valid');
  });

  it('a C< permit without a digit at position 15 has no located check and is not valid', () => {
    const r = parseMrz(['C<CHNH1234567801<<<<<<<<<<<<<<'.slice(0, 14) + '<' + '1'.repeat(15), '<'.repeat(30), '<'.repeat(30)], { now: NOW });
    expect(r).toMatchObject({ format: 'CN_PERMIT_3LINE', valid: false, documentKind: 'cn-home-return-permit-1999' });
    expect(r.checks.filter((c) => !c.field.startsWith('candidate:'))).toEqual([]);
  });
});

describe('dispatch and failures (§4)', () => {
  it.each([
    ['', 'empty-input'],
    ['   \n \t ', 'empty-input'],
    ['hello world', 'unrecognised-shape'],
    ['P<UTO\nL898', 'line-length'],
    [['a'.repeat(44), 'b'.repeat(43)], 'line-length'],
    ['IDFRAMARTIN<<<<<<<<<<<<<<<<<<<<<<<<<\n' + '8806923102858CORINNE<<<<<<<6512068F6', 'unsupported-format'],
    ['IDXXX' + '<'.repeat(25), 'unsupported-format'],
    [['x'.repeat(30), 'y'.repeat(30), 'z'.repeat(30), 'w'.repeat(30)], 'unrecognised-shape'],
  ] as const)('%j → ok false (%s)', (input, code) => {
    const r = parseMrz(input as string | string[], { now: NOW });
    expect(r.ok).toBe(false);
    expect(r.valid).toBe(false);
    expect(r.error?.code).toBe(code);
    expect(r.error?.message.length).toBeGreaterThan(5);
  });
  it('non-string input is a value, never an exception', () => {
    for (const bad of [null, undefined, 42, {}, [1, 2], ['ok', 5]]) {
      const r = parseMrz(bad as unknown as string);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
  });
  it('an invalid `now` falls back to the clock instead of throwing', () => {
    expect(parseMrz(S1, { now: new Date('nope') }).ok).toBe(true);
  });
  it('reader padding (_) is kept as an unread character so covering check digits fail visibly', () => {
    const padded = [S1[0]!, 'L898902C36UTO7408122F1204159ZE184226B<<<<<1_'];
    const r = parseMrz(padded, { now: NOW });
    expect(r.ok).toBe(true);
    expect(r.valid).toBe(false);
    expect(r.checks.find((c) => c.field === 'composite')?.status).toBe('invalid');
    expect(r.warnings.map((w) => w.code)).toContain('invalid-characters');
    const inName = parseMrz(['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<_', S1[1]!], { now: NOW });
    expect(inName.checks.every((c) => c.status === 'valid')).toBe(true);
    expect(inName.valid).toBe(false);
  });
  it('reader padding beyond the document width is cut (3M pads TD1 lines to 44 with _), inside it stays unread', () => {
    const td1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
    const r = parseMrz(td1.map((l) => l.padEnd(44, '_')), { now: NOW });
    expect(r).toMatchObject({ format: 'TD1', valid: true, lines: td1 });
    expect(r.warnings.map((w) => w.code)).toContain('reader-padding-removed');
    const td2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];
    expect(parseMrz(td2.map((l) => l.padEnd(44, '_')), { now: NOW })).toMatchObject({ format: 'TD2', valid: true });
    const unread = parseMrz([S1[0]!, S1[1]!.slice(0, 43) + '_'], { now: NOW });
    expect(unread).toMatchObject({ format: 'TD3', valid: false });
    expect(unread.warnings.map((w) => w.code)).not.toContain('reader-padding-removed');
  });

  it('lower case is upper-cased and chip DG1 strings are split (88 → TD3, 90 → TD1)', () => {
    expect(parseMrz(S1.join('').toLowerCase(), { now: NOW })).toMatchObject({ format: 'TD3', valid: true, documentNumber: 'L898902C3' });
    const td1 = 'I<UTOD231458907<<<<<<<<<<<<<<<7408122F1204159UTO<<<<<<<<<<<6ERIKSSON<<ANNA<MARIA<<<<<<<<<<';
    expect(parseMrz(td1, { now: NOW })).toMatchObject({ format: 'TD1', valid: true });
  });
  it('a 2 × 44 or 3 × 30 document with an unusual code still parses, with a warning', () => {
    const r = parseMrz(td3({ documentCode: 'I' }), { now: NOW });
    expect(r).toMatchObject({ format: 'TD3', valid: true });
    expect(r.warnings.map((w) => w.code)).toContain('unexpected-document-code');
  });
  it('a TD3 number that seems to overflow into the personal number is reported, not guessed (§6 trap 22)', () => {
    const lines = td3({ documentNumber: 'AB1234567', optionalData: '89' });
    const l2 = lines[1]!;
    const r = parseMrz([lines[0]!, 'AB1234567<' + l2.slice(10)], { now: NOW });
    expect(r.valid).toBe(false);
    expect(r.documentNumber).toBe('AB1234567');
    expect(r.warnings.map((w) => w.code)).toContain('td3-number-overflow-unsupported');
  });

  it('TD2 long document numbers are read with the inferred layout and flagged (§2.2)', () => {
    const f = formatMrz({ format: 'TD2', documentCode: 'I', issuer: 'UTO', documentNumber: 'D2314589012', nationality: 'UTO', birthDate: '740812', sex: 'F', expiryDate: '120415', surname: 'A' });
    expect(f.ok).toBe(true);
    if (!f.ok) return;
    expect(f.lines[1]!.slice(0, 10)).toBe('D23145890<');
    const r = parseMrz(f.lines, { now: NOW });
    expect(r).toMatchObject({ valid: true, documentNumber: 'D2314589012' });
    expect(r.warnings.map((w) => w.code)).toContain('long-document-number-inferred');
  });
});

describe('formatMrz errors are values', () => {
  it.each([
    [{ documentNumber: 'L8989ä' }, /outside/],
    [{ documentNumber: 'L898902C3XX' }, /longer than 9/],
    [{ birthDate: '1974-8-12' }, /YYYY-MM-DD/],
    [{ sex: 'Q' }, /sex/],
    [{ documentCode: 'VV' }, /make a MRVA/],
  ] as const)('%j', (override, message) => {
    const r = formatMrz({ format: 'TD3', documentCode: 'P', issuer: 'UTO', documentNumber: 'L898902C3', nationality: 'UTO', birthDate: '740812', sex: 'F', expiryDate: '120415', surname: 'X', ...override });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
  it('CN permits need their raw lines', () => {
    expect(formatMrz({ format: 'CN_PERMIT_3LINE', documentCode: 'CR', documentNumber: 'H12345678' })).toMatchObject({ ok: false });
    expect(formatMrz({ format: 'CN_EEP_1LINE', documentCode: 'CX', documentNumber: 'C1' })).toMatchObject({ ok: false });
  });
});

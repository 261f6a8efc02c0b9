// Lenient (OCR) mode: repairs proven by check digits, class repairs flagged, ambiguity reported (docs/mrz-formats.md §6 traps 15, 17).
import { describe, expect, it } from 'vitest';
import { checkDigit, parseMrz } from '../../drivers/mrz/index.ts';

const NOW = new Date('2026-11-28T12:00:00Z');
const L1 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<';
const L2 = 'L898902C36UTO7408122F1204159ZE184226B<<<<<10';
const lenient = (lines: string[] | string) => parseMrz(lines, { mode: 'lenient', now: NOW });
const strict = (lines: string[] | string) => parseMrz(lines, { now: NOW });
const at = (s: string, i: number, ch: string) => s.slice(0, i) + ch + s.slice(i + 1);

describe('lenient repair', () => {
  it('leaves a valid MRZ untouched: same result as strict, no corrections', () => {
    expect(lenient([L1, L2])).toEqual(strict([L1, L2]));
  });

  it('repairs O→0 in the document number when the check digit proves it', () => {
    const r = lenient([L1, at(L2, 5, 'O')]);
    expect(strict([L1, at(L2, 5, 'O')]).valid).toBe(false);
    expect(r).toMatchObject({ valid: true, ambiguous: false, documentNumber: 'L898902C3' });
    expect(r.corrections).toEqual([{ line: 2, column: 6, from: 'O', to: '0', field: 'documentNumber', reason: 'check-digit', verified: true }]);
    expect(r.lines[1]).toBe(L2);
  });

  it('repairs a letter in a date by character class, verified by the date check digit', () => {
    const r = lenient([L1, at(L2, 15, 'O')]);
    expect(r).toMatchObject({ valid: true, birthDate: '1974-08-12' });
    expect(r.corrections).toEqual([{ line: 2, column: 16, from: 'O', to: '0', field: 'birthDate', reason: 'character-class', verified: true }]);
  });

  it('a class repair inside a field whose check digit still fails is reported unverified', () => {
    const r = lenient([L1, at(at(L2, 15, 'O'), 19, '7')]); // 74O812 with a wrong birth check digit
    expect(r.valid).toBe(false);
    expect(r.corrections).toEqual([{ line: 2, column: 16, from: 'O', to: '0', field: 'birthDate', reason: 'character-class', verified: false }]);
  });

  it('a letter in a check-digit position becomes the digit (B→8, Z→2)', () => {
    const r = lenient([L1, at(at(L2, 19, 'Z'), 9, 'G')]);
    expect(r.valid).toBe(true);
    expect(r.corrections.map((c) => [c.field, c.from, c.to])).toEqual([
      ['documentNumberCheckDigit', 'G', '6'],
      ['birthDateCheckDigit', 'Z', '2'],
    ]);
  });

  it('says ambiguous and chooses nothing when two repairs both validate', () => {
    const read = [L1, at(L2, 1, 'B')]; // LB98902C3: B→8 and another pair of substitutions both pass
    const r = lenient(read);
    expect(r).toMatchObject({ valid: false, ambiguous: true, documentNumber: 'LB98902C3' });
    expect(r.corrections.filter((c) => c.reason === 'check-digit')).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toContain('ambiguous-repair');
  });

  it('repairs digits in names and state codes by class only, flagged unverified for confirmation', () => {
    const r = lenient([L1.replace('ERIKSSON', 'ERIKSS0N').replace('P<UTO', 'P<UT0'), L2.replace('UTO74', 'U7O74')]);
    expect(r).toMatchObject({ valid: true, surname: 'ERIKSSON', issuer: 'UTO', nationality: 'UTO' });
    expect(r.corrections).toHaveLength(3);
    expect(r.corrections.every((c) => c.reason === 'character-class' && c.verified === false)).toBe(true);
    expect(r.corrections.map((c) => c.field).sort()).toEqual(['issuer', 'name', 'nationality']);
  });

  it('never corrects sex (no character class maps to it, no check digit covers it)', () => {
    const r = lenient([L1, at(L2, 20, '7')]);
    expect(r.sex).toBeNull();
    expect(r.corrections).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toContain('invalid-sex');
  });

  it('does not invent a repair for a digit-for-digit error in a date: stays invalid', () => {
    const r = lenient([L1, at(L2, 14, '5')]);
    expect(r).toMatchObject({ valid: false, ambiguous: false, corrections: [] });
  });

  it('restores a filler run lost by OCR, the check digits choosing where (reported, verified)', () => {
    const short = L2.replace('B<<<<<10', 'B<<<<10');
    expect(strict([L1, short]).error?.code).toBe('line-length');
    const r = lenient([L1, short]);
    expect(r).toMatchObject({ valid: true, lines: [L1, L2] });
    expect(r.corrections).toEqual([{ line: 2, column: 38, from: '', to: '<', field: 'line', reason: 'line-length', verified: true }]);
  });

  it('pads a short name line at its end, unverified (no check digit covers it)', () => {
    const r = lenient([L1.slice(0, 41), L2]);
    expect(r).toMatchObject({ valid: true, surname: 'ERIKSSON', lines: [L1, L2] });
    expect(r.corrections.every((c) => c.reason === 'line-length' && !c.verified)).toBe(true);
    expect(r.corrections).toHaveLength(3);
  });

  it('drops surplus fillers from an over-long data line', () => {
    const long = L2.replace('B<<<<<10', 'B<<<<<<10');
    const r = lenient([L1, long]);
    expect(r).toMatchObject({ valid: true, lines: [L1, L2] });
    expect(r.corrections).toMatchObject([{ reason: 'line-length', from: '<', to: '' }]);
  });

  it('corrects an OCR-confused CS code with an unverified document-code correction (§3.3)', () => {
    const r = lenient('C5C886084772<2800800<8200000<6');
    expect(r).toMatchObject({ documentCode: 'CS', lines: ['CSC886084772<2800800<8200000<6'] });
    expect(r.corrections).toContainEqual({ line: 1, column: 2, from: '5', to: 'S', field: 'documentCode', reason: 'document-code', verified: false });
  });

  it('fixes the CS filler positions (fixed by the layout) but never touches the failing dates of S23', () => {
    const r = lenient('CSC886084772K2800800<8200000<6');
    expect(r.corrections).toEqual([{ line: 1, column: 13, from: 'K', to: '<', field: 'filler', reason: 'fixed-filler', verified: true }]);
    expect(r.valid).toBe(false);
  });

  it('never searches the GBK name code of a PRC passport whose PN check digit fails (§3.2)', () => {
    const head = 'E596593216CHN9701078M2510077LAKCLCLMMBKGG94';
    const composite = checkDigit(head.slice(0, 10) + head.slice(13, 20) + head.slice(21, 43));
    const lines = ['POCHNABULIKEMU<<ABULA<<<<<<<<<<<<<<<<<<<<<<<', head + composite];
    const r = lenient(lines);
    expect(r).toMatchObject({ valid: false, ambiguous: false, corrections: [], nameChinese: '阿布力' });
    expect(r.warnings.map((w) => w.code)).toContain('cn-personal-number-check-failed');
  });

  it('two confusions in one field: every two-substitution repair is searched, and a tie is reported ambiguous', () => {
    const r = lenient([L1, L2.replace('L898902C3', 'L8989OZC3')]);
    expect(r).toMatchObject({ valid: false, ambiguous: true, documentNumber: 'L8989OZC3' });
  });

  it('errors that cancel inside the 7-3-1 sum are invisible to both modes (a limit of the check digit, §2.6)', () => {
    // 8→B at L2 positions 2 and 4: +3·3 +3·7 = 30 ≡ 0 (mod 10). No check digit can see it; nothing is "repaired".
    const read = [L1, L2.replace('L898902C3', 'LB9B902C3')];
    expect(strict(read)).toMatchObject({ valid: true, documentNumber: 'LB9B902C3' });
    expect(lenient(read)).toMatchObject({ valid: true, documentNumber: 'LB9B902C3', corrections: [] });
  });

  it('garbage stays ok:false in lenient mode too', () => {
    expect(lenient('not an mrz')).toMatchObject({ ok: false, error: { code: 'unrecognised-shape' } });
    expect(lenient('')).toMatchObject({ ok: false, error: { code: 'empty-input' } });
  });
});

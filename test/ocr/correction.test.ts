import { describe, expect, it } from 'vitest';
import { parseMrz } from '../../drivers/mrz/index.ts';
import { assessFields } from '../../drivers/ocr/field-confidence.ts';
import { repairSingleEdit } from '../../drivers/ocr/single-edit-repair.ts';

const NOW = new Date('2026-06-01');
// mrz-formats.md §5 ICAO TD3 specimen.
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const ones = (lines: readonly string[], value = 0.95) => lines.map((l) => Array.from(l, () => value));

describe('single-edit check-digit repair', () => {
  it('applies the one confusion-pair edit that makes every check digit pass, and reports it', () => {
    const misread = [TD3[0]!, TD3[1]!.replace('L898902C3', 'L8989O2C3')];
    // Given the strict reading (the pipeline passes the lenient one, which is left ambiguous when a two-edit
    // repair also validates), the unique single edit is found.
    const r = repairSingleEdit(misread, parseMrz(misread, { mode: 'strict', now: NOW }), NOW);
    expect(r.lines).toEqual(TD3);
    expect(r.corrections).toEqual([{ line: 2, column: 6, from: 'O', to: '0', field: 'documentNumber', reason: 'check-digit', verified: true }]);
  });

  it('repairs one confusion in each of two failing fields when the composite then passes too', () => {
    // A real misreading from the engine test (O for 0 twice); the engine's own search finds it ambiguous.
    const truth = ['P<MWIKVUTIQG<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<', '5HIMSR0F<4PAK8207182M2811165G8PZ0<<<<<<<<<66'];
    const misread = [truth[0]!, '5HIMSROF<4PAK8207182M2811165G8PZO<<<<<<<<<66'];
    const lenient = parseMrz(misread, { mode: 'lenient', now: NOW });
    expect(lenient.ambiguous).toBe(true);
    const r = repairSingleEdit(misread, lenient, NOW);
    expect(r.lines).toEqual(truth);
    expect(r.corrections.map((c) => [c.field, c.column, c.from, c.to])).toEqual([['documentNumber', 7, 'O', '0'], ['optionalData', 33, 'O', '0']]);
  });

  it('refuses when two different edits validate equally (same weight six places apart)', () => {
    const misread = [TD3[0]!, TD3[1]!.replace('ZE184226B', 'ZE1842Z6B')];
    const r = repairSingleEdit(misread, parseMrz(misread, { mode: 'strict', now: NOW }), NOW);
    expect(r.corrections).toEqual([]);
  });

  it('changes nothing when the check digits already pass', () => {
    const r = repairSingleEdit(TD3, parseMrz(TD3, { mode: 'lenient', now: NOW }), NOW);
    expect(r).toEqual({ lines: TD3, corrections: [] });
  });

  it('changes nothing when no single confusion repairs the field (a wrong value is never invented)', () => {
    const misread = [TD3[0]!, TD3[1]!.replace('L898902C3', 'L898912C3')];
    const r = repairSingleEdit(misread, parseMrz(misread, { mode: 'lenient', now: NOW }), NOW);
    expect(r.corrections).toEqual([]);
    expect(r.lines).toEqual(misread);
  });
});

describe('per-field confidence and confirmation', () => {
  it('asks for nothing when every check passes and every character is confident', () => {
    const parse = parseMrz(TD3, { mode: 'lenient', now: NOW });
    const a = assessFields(parse, ones(TD3), []);
    expect(a.needsConfirmation).toEqual([]);
    expect(a.fieldConfidence['surname']).toBe(0.95);
  });

  it('asks to confirm an uncertain name even though every check digit passes (no check covers names)', () => {
    const parse = parseMrz(TD3, { mode: 'lenient', now: NOW });
    const conf = ones(TD3);
    conf[0]![8] = 0.4; // a letter of ERIKSSON
    const a = assessFields(parse, conf, []);
    expect(a.needsConfirmation).toEqual(['surname', 'givenNames']);
    expect(a.fieldConfidence['surname']).toBe(0.4);
  });

  it('asks to confirm nationality and sex when they are uncertain, but not a covered field that is merely a bit unsure', () => {
    const parse = parseMrz(TD3, { mode: 'lenient', now: NOW });
    const conf = ones(TD3);
    conf[1]![11] = 0.5; // nationality
    conf[1]![20] = 0.5; // sex
    conf[1]![15] = 0.7; // birth date, proven by its check digit and the composite
    expect(assessFields(parse, conf, []).needsConfirmation.sort()).toEqual(['nationality', 'sex']);
  });

  it('asks to confirm a covered field whose characters are very uncertain (a check digit passes by chance 1 in 10)', () => {
    const parse = parseMrz(TD3, { mode: 'lenient', now: NOW });
    const conf = ones(TD3);
    conf[1]![2] = 0.2;
    expect(assessFields(parse, conf, []).needsConfirmation).toContain('documentNumber');
  });

  it('asks to confirm every field a failing check digit leaves unproven', () => {
    const bad = [TD3[0]!, TD3[1]!.replace('7408122', '7408132')];
    const parse = parseMrz(bad, { mode: 'lenient', now: NOW });
    expect(parse.valid).toBe(false);
    expect(assessFields(parse, ones(bad), []).needsConfirmation).toEqual(expect.arrayContaining(['birthDate', 'surname']));
  });

  it('asks to confirm a field where the glyph verifier overruled the recogniser and a check digit was repaired', () => {
    const parse = parseMrz(TD3, { mode: 'lenient', now: NOW });
    const fix = { line: 2, column: 3, from: 'B', to: '8', field: 'documentNumber', reason: 'check-digit' as const, verified: true };
    expect(assessFields(parse, ones(TD3), [fix], undefined, [{ line: 2, column: 5 }]).needsConfirmation).toEqual(['documentNumber']);
    expect(assessFields(parse, ones(TD3), [], undefined, [{ line: 2, column: 5 }]).needsConfirmation).toEqual([]);
  });

  it('asks to confirm a field that needed two check-digit repairs (weak proof)', () => {
    const parse = parseMrz(TD3, { mode: 'lenient', now: NOW });
    const fix = (column: number) => ({ line: 2, column, from: 'O', to: '0', field: 'documentNumber', reason: 'check-digit' as const, verified: true });
    expect(assessFields(parse, ones(TD3), [fix(3)]).needsConfirmation).toEqual([]);
    expect(assessFields(parse, ones(TD3), [fix(3), fix(5)]).needsConfirmation).toEqual(['documentNumber']);
  });

  it('asks to confirm a repaired field of a visa, whose only proof is one check digit (no composite)', () => {
    // mrz-formats.md §5 S22, the ICAO MRV-B specimen.
    const mrvb = ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'L8988901C4XXX4009078F9612109<<<<<<<<'];
    const parse = parseMrz(mrvb, { mode: 'lenient', now: NOW });
    expect(parse.valid).toBe(true);
    const fix = { line: 2, column: 3, from: 'B', to: '8', field: 'documentNumber', reason: 'check-digit' as const, verified: true };
    expect(assessFields(parse, ones(mrvb), []).needsConfirmation).toEqual([]);
    expect(assessFields(parse, ones(mrvb), [fix]).needsConfirmation).toEqual(['documentNumber']);
  });

  it('asks to confirm a field the OCR layer changed without proof', () => {
    const parse = parseMrz(TD3, { mode: 'lenient', now: NOW });
    const fix = { line: 1, column: 3, from: '?', to: 'U', field: 'issuer', reason: 'fixed-filler' as const, verified: false };
    expect(assessFields(parse, ones(TD3), [fix]).needsConfirmation).toEqual(['issuer']);
  });
});

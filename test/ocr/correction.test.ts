import { describe, expect, it } from 'vitest';
import { parseMrz } from '../../drivers/mrz/index.ts';
import { assessFields } from '../../drivers/ocr/field-confidence.ts';
import { repairSingleEdit, type Alternatives } from '../../drivers/ocr/single-edit-repair.ts';

const NOW = new Date('2026-06-01');
// docs/mrz-formats.md §5 ICAO TD3 specimen.
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

describe('check-digit repair weighed by the cell classifier', () => {
  /** Rankings per cell ("line:column", 1-based): every other cell has only its own character. */
  const ranked = (table: Record<string, [string, number][]>): Alternatives => (line, column) => table[`${line}:${column}`]?.map(([to, loss]) => ({ to, loss }));

  it('takes the cheapest edit the check digits prove, even where a fixed confusion pair would not reach (H for 4)', () => {
    const misread = [TD3[0]!, TD3[1]!.replace('7408122', '7H08122')];
    const r = repairSingleEdit(misread, parseMrz(misread, { mode: 'strict', now: NOW }), NOW, ranked({ '2:15': [['H', 0], ['4', 0.03], ['A', 0.05]] }));
    expect(r.lines).toEqual(TD3);
    expect(r.corrections).toEqual([{ line: 2, column: 15, from: 'H', to: '4', field: 'birthDate', reason: 'check-digit', verified: true }]);
  });

  it('refuses when two proven edits cost the glyphs about the same', () => {
    const misread = [TD3[0]!, TD3[1]!.replace('ZE184226B', 'ZE1842Z6B')];
    const r = repairSingleEdit(misread, parseMrz(misread, { mode: 'strict', now: NOW }), NOW, ranked({ '2:35': [['Z', 0], ['2', 0.02]], '2:29': [['Z', 0], ['2', 0.03]] }));
    expect(r.corrections).toEqual([]);
    expect(r.lines).toEqual(misread);
  });

  it('ignores alternatives that cost more than the policy allows', () => {
    const misread = [TD3[0]!, TD3[1]!.replace('L898902C3', 'L8989O2C3')];
    const r = repairSingleEdit(misread, parseMrz(misread, { mode: 'strict', now: NOW }), NOW, ranked({ '2:6': [['O', 0], ['0', 0.3]] }));
    expect(r.corrections).toEqual([]);
  });

  it('repairs data only the composite covers (TD1 optional data), and reports the repair unproven', () => {
    // docs/mrz-formats.md §5 TD1 specimen with its optional data misread O for 0.
    const td1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
    const truth = [td1[0]!.replace('<<<<<<<<<<<<<<<', 'AB0<<<<<<<<<<<<'), td1[1]!.slice(0, 29) + '0', td1[2]!];
    const fixed = parseMrz(truth, { mode: 'strict', now: NOW });
    const composite = fixed.checks.find((c) => c.field === 'composite')!;
    const valid = [truth[0]!, truth[1]!.slice(0, 29) + composite.expected, truth[2]!];
    const misread = [valid[0]!.replace('AB0', 'ABO'), valid[1]!, valid[2]!];
    const parsed = parseMrz(misread, { mode: 'strict', now: NOW });
    expect(parsed.checks.filter((c) => c.status === 'invalid').map((c) => c.field)).toEqual(['composite']);
    const r = repairSingleEdit(misread, parsed, NOW, ranked({ '1:18': [['O', 0], ['0', 0.02], ['Q', 0.05]] }));
    expect(r.lines).toEqual(valid);
    expect(r.corrections).toEqual([{ line: 1, column: 18, from: 'O', to: '0', field: 'optionalData', reason: 'check-digit', verified: false }]);
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
    // docs/mrz-formats.md §5 S22, the ICAO MRV-B specimen.
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

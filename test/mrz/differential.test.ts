// Differential test against the `mrz` npm package (cheminfo, v5) on generated TD1/TD2/TD3 documents where
// both parsers define the result. Documented disagreements (docs/mrz-formats.md §6, §7) are asserted separately.
import { parse } from 'mrz';
import { describe, expect, it } from 'vitest';
import { generateMrz, parseMrz, seededRng, type GeneratedMrz } from '../../drivers/mrz/index.ts';

type Theirs = ReturnType<typeof parse>;

function theirSex(s: string | null | undefined): string | null {
  return s === 'male' ? 'M' : s === 'female' ? 'F' : s === 'nonspecified' ? '<' : (s ?? null);
}

/** Documents outside what `mrz` defines (each listed below as a disagreement): the specimen code UTO, sex X. */
function bothDefine(g: GeneratedMrz): boolean {
  const i = g.input;
  return !(i.issuer === 'UTO' || i.nationality === 'UTO' || i.sex === 'X');
}

function compare(g: GeneratedMrz, theirs: Theirs) {
  const ours = parseMrz(g.lines);
  const f = theirs.fields;
  const long = g.input.documentNumber.length > 9;
  return {
    ours: {
      valid: ours.valid,
      documentCode: ours.documentCode,
      documentNumber: ours.documentNumber,
      birthDate: ours.fields['birthDate']?.raw,
      expiryDate: ours.fields['expiryDate']?.raw,
      surname: ours.surname,
      givenNames: ours.givenNames,
      issuer: ours.issuer,
      nationality: ours.nationality,
      sex: ours.sex,
      // Long numbers: `mrz` reports the raw optional-data span (overflow + check digit + data).
      optional: long ? null : (ours.optionalData ?? ''),
      optional2: ours.optionalData2 ?? '',
    },
    theirs: {
      valid: theirs.valid,
      documentCode: f.documentCode,
      documentNumber: f.documentNumber,
      birthDate: f.birthDate,
      expiryDate: f.expirationDate,
      surname: f.lastName,
      givenNames: f.firstName,
      issuer: f.issuingState,
      nationality: f.nationality,
      sex: theirSex(f.sex),
      optional: long ? null : (f.personalNumber ?? f.optional1 ?? f.optional ?? ''),
      optional2: f.optional2 ?? '',
    },
  };
}

describe('differential: Passage vs the mrz package', () => {
  for (const format of ['TD1', 'TD2', 'TD3'] as const) {
    it(`${format}: same fields and validity on 300 generated documents both define`, () => {
      const rng = seededRng(format.charCodeAt(2) * 7919);
      let compared = 0;
      for (let n = 0; n < 1000 && compared < 300; n++) {
        const g = generateMrz(rng, { format });
        if (!bothDefine(g)) continue;
        const { ours, theirs } = compare(g, parse(g.lines));
        expect(ours, g.lines.join('\n')).toEqual(theirs);
        compared++;
      }
      expect(compared).toBe(300);
    });
  }

  describe('documented disagreements', () => {
    const S1 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

    it('UTO (ICAO specimen code): mrz rejects it (issuingState null, invalid); Passage warns and stays valid (§6 trap 5)', () => {
      const theirs = parse(S1);
      expect(theirs.valid).toBe(false);
      expect(theirs.fields.issuingState).toBeNull();
      expect(parseMrz(S1)).toMatchObject({ valid: true, issuer: 'UTO' });
    });

    it('sex X: mrz marks it invalid; Passage accepts it with a warning (§1.5, §6 trap 6)', () => {
      const g = generateMrz(seededRng(5), { format: 'TD3' });
      const lines = [g.lines[0]!, g.lines[1]!.slice(0, 20) + 'X' + g.lines[1]!.slice(21)];
      expect(parse(lines).valid).toBe(false);
      expect(parseMrz(lines)).toMatchObject({ sex: 'X' });
      expect(parseMrz(lines).warnings.map((w) => w.code)).toContain('sex-x');
    });

    it('long numbers (TD1 and TD2): both read the same number; mrz reports optional data as the raw span including the overflow', () => {
      const td1 = ['I<UTOD23145890<7349<<<<<<<<<<<', '3407127M9507122UTO<<<<<<<<<<<2', 'STEVENSON<<PETER<JOHN<<<<<<<<<'];
      expect(parse(td1).fields.optional1).toBe('7349');
      expect(parseMrz(td1)).toMatchObject({ documentNumber: 'D23145890734', optionalData: null });
      const td2 = ['ACCHNZGXUFARTH<<QZJ<YZXP<<<<<<<<<<<<', 'M9X680WVY<HTI0112112M2403018CMA1<<<0'];
      expect(parse(td2).fields).toMatchObject({ documentNumber: 'M9X680WVYCMA', optional: 'CMA1' });
      expect(parseMrz(td2)).toMatchObject({ valid: true, documentNumber: 'M9X680WVYCMA', optionalData: null });
    });

    it('MRV visas and Chinese permits: mrz has no such formats and mis-types them (§6 traps 1, 10)', () => {
      const mrvb = ['V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'L8988901C4XXX4009078F9612109<<<<<<<<'];
      expect(parse(mrvb).format).toBe('TD2');
      expect(parseMrz(mrvb)).toMatchObject({ format: 'MRVB', valid: true });
      const cs = ['CSC886084772<2800800<8200000<6'];
      expect(parse(cs).format).toBe('FRENCH_DRIVING_LICENSE');
      expect(parseMrz(cs)).toMatchObject({ format: 'CN_EEP_1LINE', documentNumber: 'C88608477' });
      const cr = ['CRCHNH123456783<<<<<<<<<<<<<<<', '<<<<<<<<<<9001012<<<<<<<<<<<<<', 'ABC<<<<<<<<<<<<<<<<<<<<<<<<<<<'];
      expect(parse(cr).format).toBe('TD1');
      expect(parseMrz(cr)).toMatchObject({ format: 'CN_PERMIT_3LINE', layoutVerified: false, surname: null });
    });
  });
});

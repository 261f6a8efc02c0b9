// The generator other helpers reuse for corpora: reproducible, valid, and covering the awkward cases.
import { describe, expect, it } from 'vitest';
import { ALL_FORMATS, generateMrz, parseMrz, seededRng } from '../../drivers/mrz/index.ts';

describe('generateMrz', () => {
  it('is reproducible from a seed and differs across seeds', () => {
    const a = Array.from({ length: 20 }, ((rng) => () => generateMrz(rng).lines)(seededRng(42)));
    const b = Array.from({ length: 20 }, ((rng) => () => generateMrz(rng).lines)(seededRng(42)));
    const c = Array.from({ length: 20 }, ((rng) => () => generateMrz(rng).lines)(seededRng(43)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('covers every format and the awkward cases the parser must handle', () => {
    const rng = seededRng(2026);
    const seen = new Set<string>();
    for (const format of ALL_FORMATS) {
      for (let i = 0; i < 150; i++) {
        const g = generateMrz(rng, { format });
        const r = parseMrz(g.lines, { now: new Date('2026-11-28') });
        expect(r.valid, g.lines.join('\n')).toBe(true);
        seen.add(r.format!);
        if (r.issuer === 'UTO' || r.nationality === 'UTO') seen.add('UTO');
        if (r.issuer === 'D') seen.add('D<<');
        if (r.sex === 'X') seen.add('sex X');
        if (r.fields['documentNumberOverflow']) seen.add(`${format} long number`);
        if (r.checks.some((ch) => ch.variant === 'includes-filler')) seen.add('TD1 older check digit');
        if (r.nameChinese) seen.add('PRC GBK name');
        if (r.documentCode === 'CD' || r.documentCode === 'CT' || r.documentCode === 'C') seen.add(r.documentCode);
      }
    }
    expect([...seen].sort()).toEqual(
      [...ALL_FORMATS, 'UTO', 'D<<', 'sex X', 'TD1 long number', 'TD2 long number', 'TD1 older check digit', 'PRC GBK name', 'CD', 'CT', 'C'].sort(),
    );
  });
});

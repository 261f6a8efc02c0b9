// Property tests (fast-check): round trip, strict detection of single corruptions, lenient soundness.
// Run counts are moderate so the suite stays fast on 2 cores.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_FORMATS, formatMrz, generateMrz, parseMrz, seededRng, toFormatInput, type MrzFormat } from '../../drivers/mrz/index.ts';
import { charValue } from '../../drivers/mrz/check-digit.ts';
import { dispatch } from '../../drivers/mrz/dispatch.ts';
import type { Layout } from '../../drivers/mrz/layout.ts';
import { ALNUM_ALTERNATIVES, NUMERIC_REPAIR } from '../../drivers/mrz/lenient.ts';

const NOW = new Date('2026-11-28T12:00:00Z');
const RUNS = 60;
const CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';

function layoutOf(lines: readonly string[]): Layout {
  const d = dispatch(lines);
  if (!d.ok) throw new Error(d.error.message);
  return d.layout;
}

/** Positions (line, pos) covered by some check digit, including the digits themselves. */
function coveredPositions(layout: Layout): Array<[number, number]> {
  const keys = new Set<string>();
  for (const c of layout.checks) {
    keys.add(`${c.line},${c.pos}`);
    for (const v of c.variants) for (const s of v) for (let p = s.start; p < s.end; p++) keys.add(`${s.line},${p}`);
  }
  return [...keys].map((k) => k.split(',').map(Number) as [number, number]);
}

function replaceAt(lines: readonly string[], line: number, pos: number, ch: string): string[] {
  return lines.map((l, i) => (i === line ? l.slice(0, pos) + ch + l.slice(pos + 1) : l));
}

describe('format → parse round trip', () => {
  for (const format of ALL_FORMATS) {
    it(`${format}: generated documents parse valid, keep their values, and format back to the same lines`, () => {
      fc.assert(
        fc.property(fc.integer(), (seed) => {
          const g = generateMrz(seededRng(seed), { format });
          const r = parseMrz(g.lines, { now: NOW });
          expect(r.valid).toBe(true);
          expect(r.format).toBe(format);
          expect(r.documentNumber ?? '').toBe(g.input.documentNumber);
          if (g.input.birthDate) expect(r.fields['birthDate']?.raw).toBe(g.input.birthDate);
          if (g.input.expiryDate) expect(r.fields['expiryDate']?.raw).toBe(g.input.expiryDate);
          if (g.input.surname !== undefined) {
            expect(r.surname).toBe(g.input.surname);
            expect(r.givenNames).toBe(g.input.givenNames);
          }
          if (g.input.optionalData) expect(r.optionalData).toBe(g.input.optionalData);
          const back = formatMrz(toFormatInput(r));
          expect(back).toEqual({ ok: true, lines: g.lines });
        }),
        { numRuns: RUNS },
      );
    });
  }
});

describe('strict mode detects any single corruption of a check-digit-covered character', () => {
  for (const format of ALL_FORMATS) {
    it(`${format}`, () => {
      fc.assert(
        fc.property(fc.integer(), fc.nat(), fc.nat(), (seed, where, what) => {
          const g = generateMrz(seededRng(seed), { format });
          const covered = coveredPositions(layoutOf(g.lines));
          const [line, pos] = covered[where % covered.length]!;
          const from = g.lines[line]![pos]!;
          // Substitutions whose values differ by a multiple of 10 (G/6, L/1, A/0/</K …) change no 7-3-1 sum:
          // no check digit can see them (lenient.ts, docs/mrz.md). Every other substitution must be caught.
          const options = [...CHARSET].filter((c) => c !== from && (charValue(c.charCodeAt(0)) - charValue(from.charCodeAt(0))) % 10 !== 0);
          const corrupted = replaceAt(g.lines, line, pos, options[what % options.length]!);
          expect(parseMrz(corrupted, { now: NOW }).valid).toBe(false);
        }),
        { numRuns: RUNS * 2 },
      );
    });
  }
});

/** OCR confusions the lenient model covers, as (position class) → what a true character may be misread as. */
function misreadings(cls: string, ch: string): string[] {
  if (cls === 'numeric') return Object.entries(NUMERIC_REPAIR).filter(([, d]) => d === ch).map(([l]) => l);
  if (cls === 'alnum') return Object.entries(ALNUM_ALTERNATIVES).filter(([, to]) => to === ch).map(([from]) => from);
  return [];
}

describe('lenient repair never returns a wrong value as valid (OCR confusions, ≤ 2 per check digit, visible to it)', () => {
  const formats: MrzFormat[] = ['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB', 'CN_EEP_1LINE'];
  for (const format of formats) {
    it(`${format}`, () => {
      let repaired = 0;
      fc.assert(
        fc.property(fc.integer(), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }), (seed, picks) => {
          const g = generateMrz(seededRng(seed), { format });
          const layout = layoutOf(g.lines);
          const fieldChecks = layout.checks.filter((c) => c.field !== 'composite');
          const keysOf = (c: (typeof fieldChecks)[number]) => new Set([`${c.line},${c.pos}`, ...c.variants.flatMap((v) => v.flatMap((sg) => Array.from({ length: sg.end - sg.start }, (_, i) => `${sg.line},${sg.start + i}`)))]);
          const checkKeys = fieldChecks.map((c) => ({ field: c.field, keys: keysOf(c) }));
          const sites = layout.fields.flatMap((f) =>
            Array.from({ length: f.end - f.start }, (_, i) => f.start + i)
              .filter((p) => misreadings(f.cls, g.lines[f.line]![p]!).length > 0)
              .flatMap((p) => {
                const owner = checkKeys.find((c) => c.keys.has(`${f.line},${p}`));
                return owner ? [{ check: owner.field, line: f.line, pos: p, cls: f.cls }] : [];
              }),
          );
          fc.pre(sites.length > 0);
          const chosen = new Map<string, { check: string; line: number; pos: number; to: string }>();
          for (const [a, b] of picks) {
            const s = sites[a % sites.length]!;
            const options = misreadings(s.cls, g.lines[s.line]![s.pos]!);
            chosen.set(`${s.line},${s.pos}`, { ...s, to: options[b % options.length]! });
          }
          const perCheck = new Map<string, Array<{ line: number; pos: number; to: string }>>();
          for (const c of chosen.values()) perCheck.set(c.check, [...(perCheck.get(c.check) ?? []), c]);
          fc.pre([...perCheck.values()].every((edits) => edits.length <= 2));
          // Only errors the check digits can see: each check's own misreadings must make that check fail
          // (two confusions can cancel inside one 7-3-1 sum; then no check digit, and no parser, can see them).
          for (const [check, edits] of perCheck) {
            const alone = edits.reduce<string[]>((ls, e) => replaceAt(ls, e.line, e.pos, e.to), g.lines);
            fc.pre(parseMrz(alone, { now: NOW }).checks.find((c) => c.field === check)?.status === 'invalid');
          }
          const read = [...chosen.values()].reduce<string[]>((ls, e) => replaceAt(ls, e.line, e.pos, e.to), g.lines);
          const r = parseMrz(read, { mode: 'lenient', now: NOW });
          if (r.valid) {
            repaired++;
            expect(r.lines).toEqual(g.lines);
            expect(r.ambiguous).toBe(false);
          }
        }),
        { numRuns: RUNS * 2 },
      );
      // The property would hold vacuously if nothing were ever repaired; it must repair most of the time.
      expect(repaired).toBeGreaterThan(RUNS / 2);
    });
  }
});

describe('robustness', () => {
  it('never throws and always answers with ok true/false, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), fc.array(fc.string({ maxLength: 50 }), { maxLength: 4 }), fc.array(fc.stringMatching(/^[A-Z0-9<]{28,46}$/), { minLength: 1, maxLength: 3 })), fc.boolean(), (input, len) => {
        const r = parseMrz(input, { mode: len ? 'lenient' : 'strict', now: NOW });
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error?.code).toBeTruthy();
        if (r.valid) expect(r.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('lenient mode on a valid document changes nothing', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const g = generateMrz(seededRng(seed));
        expect(parseMrz(g.lines, { mode: 'lenient', now: NOW })).toEqual(parseMrz(g.lines, { now: NOW }));
      }),
      { numRuns: RUNS },
    );
  });
});

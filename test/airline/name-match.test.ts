import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bookingTitles,
  documentNameFromMrzField,
  formatPnrName,
  isAcceptedMatch,
  matchName,
  parsePnrName,
  type BookingName,
} from '../../electron/airline/name-match.ts';

const pnr = (text: string): BookingName => {
  const parsed = parsePnrName(text);
  if (!parsed) throw new Error(`not a PNR name: ${text}`);
  return parsed;
};

describe('parsePnrName', () => {
  it('splits surname, given names and a trailing title', () => {
    expect(parsePnrName('CHAN/TAIMAN MR')).toEqual({ surname: 'CHAN', givenNames: 'TAIMAN', title: 'MR' });
    expect(parsePnrName('eriksson/anna maria ms')).toEqual({ surname: 'ERIKSSON', givenNames: 'ANNA MARIA', title: 'MS' });
  });
  it('keeps a lone word that looks like a title as the given name', () => {
    expect(parsePnrName('SMITH/MR')).toEqual({ surname: 'SMITH', givenNames: 'MR', title: null });
  });
  it('returns null without a slash', () => {
    expect(parsePnrName('CHAN TAIMAN')).toBeNull();
  });
  it('formats back to the name element', () => {
    expect(formatPnrName({ surname: 'Chan', givenNames: 'Taiman', title: 'MR' })).toBe('CHAN/TAIMAN MR');
    expect(formatPnrName({ surname: 'CHAN', givenNames: 'TAIMAN' })).toBe('CHAN/TAIMAN');
  });
});

describe('documentNameFromMrzField', () => {
  it('reads an HK passport name field', () => {
    expect(documentNameFromMrzField('CHAN<<TAI<MAN<<<<<<<<<')).toEqual({ surname: 'CHAN', givenNames: 'TAI MAN', truncated: false });
  });
  it('flags a possibly truncated name (letter in the last position, docs/mrz-formats.md §1.3)', () => {
    expect(documentNameFromMrzField('CACADOR<DE<ARAUJO<<ANDRE<ESTEV').truncated).toBe(true);
  });
  it('reads a field without given names', () => {
    expect(documentNameFromMrzField('MADONNA<<<<<')).toEqual({ surname: 'MADONNA', givenNames: '', truncated: false });
  });
});

describe('matchName', () => {
  it('CHAN<<TAI<MAN matches the booking CHAN/TAIMAN MR (spacing differs)', () => {
    expect(matchName(documentNameFromMrzField('CHAN<<TAI<MAN<<<<'), pnr('CHAN/TAIMAN MR'))).toEqual({ kind: 'match', reason: 'spacing' });
  });
  it('is exact when the words agree once the title is set aside', () => {
    expect(matchName({ surname: 'ERIKSSON', givenNames: 'ANNA MARIA' }, pnr('ERIKSSON/ANNA MARIA MS'))).toEqual({ kind: 'exact' });
    expect(matchName({ surname: 'CESHI', givenNames: 'YANGBEN' }, pnr('CESHI/YANGBEN MS'))).toEqual({ kind: 'exact' });
  });
  it.each(bookingTitles)('accepts the title %s glued to the given names', (title) => {
    expect(matchName({ surname: 'SMITH', givenNames: 'JOHN' }, { surname: 'SMITH', givenNames: `JOHN${title}` })).toEqual({ kind: 'match', reason: 'title' });
  });
  it('accepts a title left as a separate word when the caller did not parse it', () => {
    expect(matchName({ surname: 'SMITH', givenNames: 'JOHN' }, { surname: 'SMITH', givenNames: 'JOHN MR' })).toEqual({ kind: 'exact' });
  });
  it('treats hyphens and spaces in surnames as spacing', () => {
    expect(matchName({ surname: 'GARCIA MARQUEZ', givenNames: 'ANA' }, pnr('GARCIA-MARQUEZ/ANA MRS'))).toEqual({ kind: 'exact' });
    expect(matchName({ surname: 'GARCIA MARQUEZ', givenNames: 'ANA' }, pnr('GARCIAMARQUEZ/ANA MRS'))).toEqual({ kind: 'match', reason: 'spacing' });
    expect(matchName({ surname: "O'NEILL", givenNames: 'SEAN' }, pnr('ONEILL/SEAN MR'))).toEqual({ kind: 'exact' });
  });
  it('accepts an MRZ truncated name that the booking continues', () => {
    const doc = documentNameFromMrzField('CACADOR<DE<ARAUJO<<ANDRE<ESTEV');
    expect(matchName(doc, pnr('CACADOR DE ARAUJO/ANDRE ESTEVAO MR'))).toEqual({ kind: 'match', reason: 'truncated' });
    expect(matchName(doc, pnr('CACADORDEARAUJO/ANDREESTEVAO MR'))).toEqual({ kind: 'match', reason: 'truncated' });
  });
  it('does not treat a shorter MRZ name as truncation unless the MRZ says it may be', () => {
    expect(matchName({ surname: 'SMITH', givenNames: 'JO', truncated: false }, pnr('SMITH/JOHN MR')).kind).toBe('near');
  });
  it('accepts a booking that omits the middle names', () => {
    expect(matchName({ surname: 'ERIKSSON', givenNames: 'ANNA MARIA' }, pnr('ERIKSSON/ANNA MS'))).toEqual({ kind: 'match', reason: 'middle-names-omitted' });
  });
  it('strips marks and transliterates like ICAO on the booking side', () => {
    expect(matchName({ surname: 'MUELLER', givenNames: 'JOERG' }, { surname: 'Müller', givenNames: 'Jörg' })).toEqual({ kind: 'exact' });
    expect(matchName({ surname: 'ELOISE', givenNames: 'RENEE' }, { surname: 'Éloïse', givenNames: 'Renée' })).toEqual({ kind: 'exact' });
  });
  it('reports a typo in the given names as near', () => {
    expect(matchName({ surname: 'ERIKSSON', givenNames: 'ANNA MARIA' }, pnr('ERIKSSON/ANNA MARIE MS'))).toEqual({ kind: 'near', reason: 'typo' });
  });
  it('reports a typo in the surname as near', () => {
    expect(matchName({ surname: 'ERIKSON', givenNames: 'ANNA' }, pnr('ERIKSSON/ANNA MS'))).toEqual({ kind: 'near', reason: 'typo' });
  });
  it('reports surname and given names swapped as near (common with Chinese names)', () => {
    expect(matchName({ surname: 'ZHANG', givenNames: 'WEI' }, pnr('WEI/ZHANG MR'))).toEqual({ kind: 'near', reason: 'swapped' });
  });
  it('reports initials-only bookings as near', () => {
    expect(matchName({ surname: 'SMITH', givenNames: 'JOHN ALBERT' }, pnr('SMITH/J A MR'))).toEqual({ kind: 'near', reason: 'initials' });
  });
  it('reports a different given name with the same surname as near, never a match', () => {
    expect(matchName({ surname: 'MUSTERMANN', givenNames: 'ERIKA' }, pnr('MUSTERMANN/JONAS MSTR'))).toEqual({ kind: 'near', reason: 'surname-only' });
  });
  it('reports different people as none', () => {
    expect(matchName({ surname: 'CHAN', givenNames: 'TAI MAN' }, pnr('ERIKSSON/ANNA MS'))).toEqual({ kind: 'none' });
    expect(matchName({ surname: '', givenNames: '' }, pnr('ERIKSSON/ANNA MS'))).toEqual({ kind: 'none' });
    expect(matchName({ surname: 'CHAN', givenNames: 'TAI' }, { surname: '', givenNames: '' })).toEqual({ kind: 'none' });
  });
  it('never accepts near or none', () => {
    expect(isAcceptedMatch({ kind: 'near', reason: 'typo' })).toBe(false);
    expect(isAcceptedMatch({ kind: 'none' })).toBe(false);
    expect(isAcceptedMatch({ kind: 'match', reason: 'spacing' })).toBe(true);
    expect(isAcceptedMatch({ kind: 'exact' })).toBe(true);
  });
});

describe('matchName properties', () => {
  const word = fc.stringMatching(/^[A-Z]{2,10}$/);
  const name = fc.record({ surname: fc.array(word, { minLength: 1, maxLength: 2 }), given: fc.array(word, { minLength: 1, maxLength: 3 }) });
  const title = fc.constantFrom(...bookingTitles, '');

  it('a name written as an MRZ field and as a PNR name element is always accepted', () => {
    fc.assert(
      fc.property(name, title, fc.boolean(), (n, t, runTogether) => {
        const field = `${n.surname.join('<')}<<${n.given.join('<')}<<<`;
        const booking = `${n.surname.join(' ')}/${runTogether ? n.given.join('') : n.given.join(' ')}${t ? ` ${t}` : ''}`;
        expect(isAcceptedMatch(matchName(documentNameFromMrzField(field), pnr(booking)))).toBe(true);
      }),
    );
  });

  it('an MRZ field cut short by ICAO truncation is still accepted', () => {
    const long = fc.stringMatching(/^[A-Z]{6,14}$/);
    const longName = fc.record({ surname: fc.array(long, { minLength: 1, maxLength: 2 }), given: fc.array(long, { minLength: 2, maxLength: 4 }) });
    fc.assert(
      fc.property(longName, (n) => {
        const full = `${n.surname.join('<')}<<${n.given.join('<')}`;
        fc.pre(full.length > 39 && full[38] !== '<' && full.indexOf('<<') < 36);
        const doc = documentNameFromMrzField(full.slice(0, 39));
        expect(doc.truncated).toBe(true);
        expect(isAcceptedMatch(matchName(doc, { surname: n.surname.join(' '), givenNames: n.given.join(' ') }))).toBe(true);
      }),
    );
  });

  it('a short field ending in a letter is not taken for a truncated one', () => {
    expect(documentNameFromMrzField('CHAN<<TAI').truncated).toBe(false);
    expect(matchName(documentNameFromMrzField('CHAN<<TAI'), { surname: 'CHAN', givenNames: 'TAIMAN' }).kind).toBe('near');
  });

  it('a different surname with no shared given names is never accepted', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        fc.pre(a.surname.join('') !== b.surname.join(''));
        const result = matchName({ surname: a.surname.join(' '), givenNames: a.given.join(' ') }, { surname: b.surname.join(' '), givenNames: b.given.join(' ') });
        expect(isAcceptedMatch(result)).toBe(false);
      }),
    );
  });

  it('is total: any input gives one of the four kinds', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), fc.boolean(), (s1, g1, s2, g2, tr) => {
        const r = matchName({ surname: s1, givenNames: g1, truncated: tr }, { surname: s2, givenNames: g2 });
        expect(['exact', 'match', 'near', 'none']).toContain(r.kind);
      }),
    );
  });
});

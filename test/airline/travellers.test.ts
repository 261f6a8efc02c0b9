import { describe, expect, it } from 'vitest';
import { parse } from 'mrz';
import { td3Lines, travellers } from './travellers.ts';

describe('seeded travellers as MRZ (fixtures for end-to-end tests)', () => {
  it('reproduces the ICAO specimen line 2 check digits (docs/mrz-formats.md §5 S1)', () => {
    const [, line2] = td3Lines({ ...travellers.anna, expiryDate: '2012-04-15', sex: 'F', nationality: 'UTO' });
    expect(line2.slice(0, 28)).toBe('L898902C36UTO7408122F1204159');
  });

  it.each(Object.entries(travellers))('%s: lines are 44 characters and valid for an independent parser', (_name, doc) => {
    const lines = td3Lines(doc);
    expect(lines.map((l) => l.length)).toEqual([44, 44]);
    const result = parse(lines.join('\n'));
    const invalid = result.details.filter((d) => !d.valid && d.field !== 'issuingState' && d.field !== 'nationality').map((d) => d.field);
    expect(invalid).toEqual([]);
    expect(result.fields.documentNumber).toBe(doc.documentNumber);
    expect(result.fields.lastName).toBe(doc.surname);
  });

  it('writes the HK traveller as CHAN<<TAI<MAN', () => {
    expect(td3Lines(travellers.chan)[0]).toBe('P<CHNCHAN<<TAI<MAN<<<<<<<<<<<<<<<<<<<<<<<<<<');
  });
});

import { describe, expect, it } from 'vitest';
import { guestRegistrationSchema } from '../../../electron/hotel/guest-registration.ts';
import { buildRegistration, registrationDocumentType, type RegistrationInput } from '../../../electron/session/hotel/registration-record.ts';
import { renderSlip } from '../../../electron/session/hotel/registration-slip.ts';
import type { RegistrationDeliveryState } from '../../../electron/hotel/registration-outbox.ts';
import { fakeDocument } from '../../support/documents.ts';
import { guest, reservation } from './fixtures.ts';

const base = (overrides: Partial<RegistrationInput> = {}): RegistrationInput => ({
  registrationId: 'KIOSK-1-R1-1-1',
  kioskId: 'KIOSK-1',
  reservation: reservation(),
  roomNumber: '1201',
  arrivalAt: Date.parse('2026-11-28T06:30:00Z'),
  document: fakeDocument(),
  profile: null,
  verification: { method: 'document-only', faceConsent: null, faceMatch: null },
  ...overrides,
});

function registration(overrides: Partial<RegistrationInput> = {}) {
  const built = buildRegistration(base(overrides));
  if (!built.ok) throw new Error(`missing ${built.error.missing.join(', ')}`);
  expect(guestRegistrationSchema.safeParse(built.value).success).toBe(true);
  return built.value;
}

describe('police registration record', () => {
  it('holds every field docs/china-rules.md §2 asks for, taken from the document read at the kiosk', () => {
    expect(registration()).toEqual({
      registrationId: 'KIOSK-1-R1-1-1',
      hotelId: 'SIM01',
      kioskId: 'KIOSK-1',
      reservation: { confirmationNumber: '80000004', roomNumber: '1201', arrival: '2026-11-28T06:30:00.000Z', plannedDeparture: '2026-11-30' },
      guest: { surname: 'ERIKSSON', givenNames: 'ANNA MARIA', nameChinese: null, sex: 'F', birthDate: '1974-08-12', nationality: 'UTO', region: null },
      document: { type: 'passport', number: 'L898902C3', issuer: 'UTO', expiryDate: '2032-04-15' },
      visa: null,
      verification: { method: 'document-only', faceConsent: null, faceMatch: null },
    });
  });

  it('keeps the Chinese name decoded from a PRC passport', () => {
    const prc = fakeDocument({ documentCode: 'PO', issuer: 'CHN', nationality: 'CHN', surname: 'CESHI', givenNames: 'YANGBEN', nameChinese: '测试样' });
    expect(registration({ document: prc }).guest).toMatchObject({ nameChinese: '测试样', nationality: 'CHN', region: null });
  });

  it('pads short ICAO codes with fillers (Germany is D<<)', () => {
    expect(registration({ document: fakeDocument({ issuer: 'D', nationality: 'D' }) })).toMatchObject({ guest: { nationality: 'D<<' }, document: { issuer: 'D<<' } });
  });

  it('names the permit type and region of Hong Kong, Macao and Taiwan residents', () => {
    expect(registrationDocumentType(fakeDocument({ documentCode: 'CR' }))).toBe('hk-macao-permit');
    expect(registrationDocumentType(fakeDocument({ documentCode: 'C<' }))).toBe('hk-macao-permit');
    expect(registrationDocumentType(fakeDocument({ documentCode: 'CT' }))).toBe('taiwan-permit');
    expect(registrationDocumentType(fakeDocument({ documentCode: 'V' }))).toBe('other');
    const macao = registration({ document: fakeDocument({ documentCode: 'CR', documentNumber: 'M87654321', issuer: 'CHN', nationality: 'CHN' }) });
    expect(macao.guest.region).toBe('MAC');
    expect(registration({ document: fakeDocument({ documentCode: 'CT', documentNumber: 'T1234567', issuer: 'CHN', nationality: 'CHN' }) }).guest.region).toBe('TWN');
    expect(registration({ document: fakeDocument({ documentKind: 'hksar-passport', issuer: 'CHN', nationality: 'CHN' }) }).guest.region).toBe('HKG');
  });

  it('fills what the MRZ does not carry from the PMS profile, and prefers the profile document type for the same number', () => {
    const cs = fakeDocument({ documentCode: 'CS', surname: null, givenNames: null, sex: null, nationality: null, issuer: 'CHN', documentNumber: 'CA1234567' });
    const profile = guest(fakeDocument(), { surname: 'ZHANG', givenNames: 'SAN', nameChinese: '张三', sex: 'M', nationality: 'CHN', document: { type: 'other', number: 'CA1234567', issuer: 'CHN', expiryDate: null } });
    expect(registration({ document: cs, profile })).toMatchObject({
      guest: { surname: 'ZHANG', givenNames: 'SAN', nameChinese: '张三', sex: 'M', nationality: 'CHN' },
      document: { type: 'other', number: 'CA1234567' },
    });
  });

  it('names what is missing instead of inventing it', () => {
    const bare = fakeDocument({ surname: null, sex: '<', birthDate: null, nationality: null, issuer: null, documentNumber: null });
    expect(buildRegistration(base({ document: bare }))).toEqual({ ok: false, error: { missing: ['surname', 'sex', 'birthDate', 'nationality', 'documentNumber', 'issuer'] } });
  });
});

describe('registration slip', () => {
  const slip = {
    hotelId: 'SIM01', confirmationNumber: '80000006', roomNumber: '1501', arrival: '2026-11-28T06:30:00.000Z', departureDate: '2026-11-30',
    guests: [{ name: 'CESHI YANGBEN', nameChinese: '测试样', documentRef: 'E*****567', registrationId: 'K-R1-1' }], keys: 2, deposit: { amountMinor: 50000, currency: 'CNY' },
  };
  const linesOf = (state: RegistrationDeliveryState, timeZone = 'Asia/Shanghai', arrival = slip.arrival) =>
    renderSlip({ ...slip, arrival }, { timeZone, police: () => state }).blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));

  it('prints room, stay, guests with Chinese names, masked numbers, keys and deposit, then cuts', () => {
    const doc = renderSlip(slip, { timeZone: 'Asia/Shanghai', police: () => 'acknowledged' });
    const lines = doc.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : []));
    expect(lines).toContain('入住登记单');
    expect(lines).toContain('房号 Room: 1501');
    expect(lines).toContain('  测试样 CESHI YANGBEN');
    expect(lines).toContain('  证件 Document: E*****567');
    expect(lines).toContain('押金预授权 Deposit pre-authorised: CNY 500.00');
    expect(lines).toContain('房卡 Key cards: 2');
    expect(doc.blocks.at(-1)).toEqual({ type: 'cut' });
  });

  it('says "acknowledged" only when the police system acknowledged the registration', () => {
    const lines = linesOf('acknowledged');
    expect(lines).toContain('  Police registration: sent and acknowledged by the police system');
    expect(lines).toContain('  公安登记：已报送，公安系统已确认接收');
    for (const state of ['queued', 'retrying', 'rejected', 'unknown'] as const) {
      expect(linesOf(state).join('\n')).not.toMatch(/acknowledged|已确认|Registered with public security|已向公安机关登记/);
    }
  });

  it('says "queued" while the registration waits, and that it is sent by itself', () => {
    expect(linesOf('queued')).toContain('  Police registration: queued to be sent; it is stored and will be sent automatically');
    expect(linesOf('queued')).toContain('  公安登记：已保存，排队待报送，系统将自动报送');
  });

  it('says "queued" when the police system is down, and that it will be sent again', () => {
    expect(linesOf('retrying')).toContain('  Police registration: queued; the police system has not answered yet and it will be sent again automatically');
  });

  it('says a rejected registration was not accepted and the front desk will follow up', () => {
    expect(linesOf('rejected')).toContain('  Police registration: not accepted by the police system; the front desk will contact you to correct it');
  });

  it('claims nothing when the outbox cannot say', () => {
    expect(linesOf('unknown')).toContain('  Police registration: please ask at the front desk');
  });

  it('prints the arrival on the hotel’s own clock, not in UTC', () => {
    expect(linesOf('queued', 'Asia/Shanghai')).toContain('入住 Arrival: 2026-11-28 14:30');
    // A hotel in Macao (UTC+8 all year) and one in Tokyo: the same instant, each on its own clock.
    expect(linesOf('queued', 'Asia/Macau', '2026-11-28T17:05:00.000Z')).toContain('入住 Arrival: 2026-11-29 01:05');
    expect(linesOf('queued', 'Asia/Tokyo', '2026-11-28T17:05:00.000Z')).toContain('入住 Arrival: 2026-11-29 02:05');
    expect(linesOf('queued').join('\n')).not.toContain('UTC');
  });
});

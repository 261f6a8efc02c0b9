import type { GuestRegistration } from '../../electron/hotel/guest-registration.ts';

/** A foreign guest on a passport; tests override what they care about. */
export function foreignRegistration(id = 'reg-0001', overrides: Partial<GuestRegistration> = {}): GuestRegistration {
  return {
    registrationId: id,
    hotelId: 'SIM01',
    kioskId: 'KIOSK-1',
    reservation: { confirmationNumber: '80000003', roomNumber: '1203', arrival: '2026-11-28T14:00:00.000Z', plannedDeparture: '2026-11-30' },
    guest: { surname: 'ERIKSSON', givenNames: 'ANNA MARIA', nameChinese: null, sex: 'F', birthDate: '1974-08-12', nationality: 'UTO', region: null },
    document: { type: 'passport', number: 'L898902C3', issuer: 'UTO', expiryDate: '2032-04-15' },
    visa: { type: 'L', number: 'V1234567', validUntil: '2027-01-31', entryDate: '2026-11-27', entryPort: 'PVG' },
    verification: { method: 'document-only', faceConsent: null, faceMatch: null },
    ...overrides,
  };
}

/** A PRC passport holder whose Chinese name was decoded from the MRZ. */
export function chineseRegistration(id = 'reg-0002'): GuestRegistration {
  return {
    registrationId: id,
    hotelId: 'SIM01',
    kioskId: 'KIOSK-1',
    reservation: { confirmationNumber: '80000006', roomNumber: '1501', arrival: '2026-11-28T14:00:00.000Z', plannedDeparture: '2026-11-29' },
    guest: { surname: 'ZHANG', givenNames: 'SAN', nameChinese: '张三', sex: 'M', birthDate: '1985-03-02', nationality: 'CHN', region: null },
    document: { type: 'passport', number: 'E12345678', issuer: 'CHN', expiryDate: '2030-01-01' },
    visa: null,
    verification: { method: 'face-match', faceConsent: true, faceMatch: true },
  };
}

import type { MrzResult } from '../../drivers/mrz/index.ts';

/** A parsed-document stand-in for tests of code that only routes documents (session, device manager). */
export function fakeDocument(overrides: Partial<Record<keyof MrzResult, unknown>> = {}): MrzResult {
  return {
    ok: true,
    valid: true,
    ambiguous: false,
    format: 'TD3',
    documentCode: 'P',
    issuer: 'UTO',
    documentNumber: 'L898902C3',
    nationality: 'UTO',
    birthDate: '1974-08-12',
    sex: 'F',
    expiryDate: '2032-04-15',
    expired: false,
    surname: 'ERIKSSON',
    givenNames: 'ANNA MARIA',
    nameChinese: null,
    checks: [],
    corrections: [],
    warnings: [],
    ...overrides,
  } as unknown as MrzResult;
}

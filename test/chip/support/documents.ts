import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { formatMrz } from '../../../drivers/mrz/index.ts';
import type { MrzKey } from '../../../drivers/chip/access/mrz-information.ts';
import { ChipEmulator } from '../../../drivers/chip/sim/chip-emulator.ts';
import { personalise, type ChipPersonalisation, type DocumentSpec } from '../../../drivers/chip/sim/personalise.ts';
import { createTestPki, type DocumentSignerOptions, type TestPki } from '../../../drivers/chip/sim/test-pki.ts';
import { trustStore, type TrustStore } from '../../../drivers/chip/trust/trust-store.ts';

export const now = new Date('2026-06-01T10:00:00Z');
export const random = (n: number) => Uint8Array.from(randomBytes(n));

export const faceJp2 = Uint8Array.from(readFileSync(new URL('../fixtures/face.jp2', import.meta.url)));

export const key: MrzKey = { documentNumber: 'C01X00T47', birthDate: '740812', expiryDate: '320415' };

export function printedMrz(overrides: { surname?: string } = {}): string[] {
  const result = formatMrz({
    format: 'TD3',
    documentCode: 'P',
    issuer: 'UTO',
    documentNumber: key.documentNumber,
    nationality: 'UTO',
    birthDate: key.birthDate,
    sex: 'F',
    expiryDate: key.expiryDate,
    surname: overrides.surname ?? 'ERIKSSON',
    givenNames: 'ANNA MARIA',
  });
  if (!result.ok) throw new Error(result.error);
  return result.lines;
}

export interface TestDocument {
  readonly pki: TestPki;
  readonly chip: ChipPersonalisation;
  readonly trust: TrustStore;
  readonly mrz: readonly string[];
}

/** A genuine document: test PKI, personalised chip, and a trust store holding its CSCA. */
export async function testDocument(spec: Partial<DocumentSpec> = {}, signer: DocumentSignerOptions = {}): Promise<TestDocument> {
  const pki = await createTestPki('UTO', now, random, signer);
  const mrz = printedMrz();
  const chip = personalise(
    {
      mrz,
      mrzKey: key,
      face: { format: 'jpeg2000', width: 120, height: 160, data: faceJp2 },
      dg11: { fullName: 'ERIKSSON<<ANNA MARIA', placeOfBirth: 'ZENITH' },
      dg12: { issuingAuthority: 'UTOPIA PASSPORT OFFICE', dateOfIssue: '20220415' },
      ...spec,
    },
    pki.documentSigner,
  );
  return { pki, chip, trust: trustStore([pki.csca.certificate]), mrz };
}

export function emulator(chip: ChipPersonalisation): ChipEmulator {
  return new ChipEmulator(chip, random);
}

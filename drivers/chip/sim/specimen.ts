import sharp from 'sharp';
import type { MrzKey } from '../access/mrz-information.ts';
import type { RandomBytes } from '../access/bac.ts';
import { trustStore, type TrustStore } from '../trust/trust-store.ts';
import type { FaceSource } from './lds-builder.ts';
import { clone, personalise, withAlteredDataGroup, type ChipPersonalisation } from './personalise.ts';
import { createTestPki, type TestPki } from './test-pki.ts';

/** What a simulated document's chip is like: genuine, or one of the faults the checks must catch. */
export type SpecimenKind = 'genuine' | 'altered-photo' | 'cloned' | 'untrusted-issuer';

/**
 * A face for simulated chips: a drawn head and shoulders, encoded as JPEG with sharp (librsvg renders the
 * SVG). `grain` adds texture so the file reaches a realistic DG2 size (a 20 KB image at about 0.35).
 */
export async function specimenFace(grain = 0): Promise<FaceSource> {
  const width = 240;
  const height = 320;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#dfe6ee"/>
    <ellipse cx="120" cy="330" rx="110" ry="90" fill="#2f4f6f"/>
    <ellipse cx="120" cy="140" rx="66" ry="86" fill="#e8c39e"/>
    <path d="M54 120 Q120 20 186 120 Q180 70 120 56 Q60 70 54 120 Z" fill="#3b2a1a"/>
    <ellipse cx="96" cy="138" rx="8" ry="5" fill="#2b2b2b"/><ellipse cx="144" cy="138" rx="8" ry="5" fill="#2b2b2b"/>
    <path d="M100 190 Q120 204 140 190" stroke="#8a4b3a" stroke-width="4" fill="none"/>
  </svg>`;
  let image = sharp(Buffer.from(svg));
  if (grain > 0) {
    const noise = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 255 * grain } } }).png().toBuffer();
    image = sharp(await image.png().toBuffer()).composite([{ input: noise, blend: 'soft-light' }]);
  }
  const data = new Uint8Array(await image.jpeg({ quality: 85 }).toBuffer());
  return { format: 'jpeg', width, height, data };
}

export interface Specimen {
  readonly pki: TestPki;
  readonly chip: ChipPersonalisation;
  /** The trust store a venue would hold for this specimen's issuer (its CSCA, or another one for `untrusted-issuer`). */
  readonly trust: TrustStore;
}

/** A simulated document's chip for the printed `mrz`, made with a fresh throw-away PKI. */
export async function specimenChip(mrz: readonly string[], key: MrzKey, kind: SpecimenKind, now: Date, random: RandomBytes, face?: FaceSource): Promise<Specimen> {
  const pki = await createTestPki(mrz[0]?.slice(2, 5).replace(/</g, '') || 'UTO', now, random);
  const genuine = personalise({ mrz, mrzKey: key, face: face ?? (await specimenFace()) }, pki.documentSigner);
  let chip = genuine;
  if (kind === 'altered-photo') chip = withAlteredDataGroup(genuine, 2, (bytes) => bytes.map((b, i) => (i === bytes.length - 20 ? b ^ 0xff : b)));
  if (kind === 'cloned') chip = clone(genuine);
  const trust = kind === 'untrusted-issuer' ? trustStore([(await createTestPki('UTO', now, random)).csca.certificate]) : trustStore([pki.csca.certificate]);
  return { pki, chip, trust };
}


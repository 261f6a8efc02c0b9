/**
 * AIM symbology identifiers (`]` + code character + modifier) to the names BarcodeScan uses, and the
 * Honeywell code IDs some scanners send instead (docs/devices.md §1.10 WebHID note: `0x72` PDF417,
 * `0x7A` Aztec, `0x73` QR, `0x77` DataMatrix, `0x6A` Code128).
 */
const aimCodes: Readonly<Record<string, string>> = {
  A: 'CODE39',
  C: 'CODE128',
  d: 'DATAMATRIX',
  E: 'EAN',
  e: 'GS1_DATABAR',
  F: 'CODABAR',
  G: 'CODE93',
  I: 'ITF',
  L: 'PDF417',
  Q: 'QR',
  z: 'AZTEC',
};

const honeywellCodes: Readonly<Record<number, string>> = {
  0x72: 'PDF417',
  0x7a: 'AZTEC',
  0x73: 'QR',
  0x77: 'DATAMATRIX',
  0x6a: 'CODE128',
};

/** Name for an AIM identifier such as `]L2`; `UNKNOWN` for one we do not know. */
export function symbologyFromAim(aim: string): string {
  if (aim.length < 2 || aim[0] !== ']') return 'UNKNOWN';
  return aimCodes[aim[1] ?? ''] ?? 'UNKNOWN';
}

export function symbologyFromHoneywellCode(code: number): string | undefined {
  return honeywellCodes[code];
}

/** The AIM identifier a simulated scanner sends for a symbology name (`PDF417` → `]L0`). */
export function aimForSymbology(symbology: string): string | undefined {
  const upper = symbology.toUpperCase();
  const entry = Object.entries(aimCodes).find(([, name]) => name === upper);
  return entry ? `]${entry[0]}0` : undefined;
}

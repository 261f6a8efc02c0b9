import type { PrintDocument } from '../../drivers/printer/printer.ts';
import type { BagTag } from './dcs-wire.ts';

/**
 * The 10-digit baggage licence plate printed on a bag tag and carried in BCBP item 23.
 * Layout (IATA Resolution 740 / RP 1740a, as commonly documented; docs/airline.md §2 —
 * GAP: the resolution text itself was not available to us):
 *   digit 1      leading digit: `0` interline tag, `1` fall-back (manually issued) tag, `2` rush tag
 *   digits 2–4   the carrier's 3-digit airline numeric code (as in the ticket number)
 *   digits 5–10  serial number, issued by the carrier
 */
export type LicensePlateKind = 'interline' | 'fallback' | 'rush';

const leadingDigit: Readonly<Record<LicensePlateKind, string>> = { interline: '0', fallback: '1', rush: '2' };

export function licensePlate(input: { airlineNumericCode: string; serial: number; kind?: LicensePlateKind }): string {
  if (!/^\d{3}$/.test(input.airlineNumericCode)) throw new Error(`airline numeric code must be 3 digits: ${input.airlineNumericCode}`);
  if (!Number.isInteger(input.serial) || input.serial < 0 || input.serial > 999_999) throw new Error(`serial out of range: ${input.serial}`);
  return `${leadingDigit[input.kind ?? 'interline']}${input.airlineNumericCode}${String(input.serial).padStart(6, '0')}`;
}

export interface ParsedLicensePlate {
  readonly kind: LicensePlateKind;
  readonly airlineNumericCode: string;
  readonly serial: number;
}

export function parseLicensePlate(text: string): ParsedLicensePlate | null {
  const m = /^([012])(\d{3})(\d{6})$/.exec(text);
  if (!m) return null;
  const kind = (Object.entries(leadingDigit).find(([, d]) => d === m[1])?.[0] ?? 'interline') as LicensePlateKind;
  return { kind, airlineNumericCode: m[2] as string, serial: Number(m[3]) };
}

/**
 * The bag tag as a print document: destination in large type, route, licence plate as ITF (interleaved
 * 2 of 5, 10 digits — an even count, as ITF needs) and in clear text, then a cut.
 */
export function bagTagDocument(tag: BagTag, passengerName: string): PrintDocument {
  const route = tag.route.map((leg) => `${leg.carrier}${leg.flightNumber} ${leg.date.slice(5)} → ${leg.to}`);
  return {
    kind: 'bag-tag',
    blocks: [
      { type: 'text', text: tag.destination, size: 'large', bold: true, align: 'center' },
      ...route.map((text) => ({ type: 'text' as const, text, align: 'center' as const })),
      { type: 'text', text: passengerName, align: 'center' },
      { type: 'barcode', symbology: 'itf', data: tag.licensePlate, height: 80 },
      { type: 'text', text: `${tag.licensePlate.slice(0, 4)} ${tag.licensePlate.slice(4)}`, align: 'center', bold: true },
      { type: 'cut' },
    ],
  };
}

import { createHash } from 'node:crypto';
import { checkDigit } from '../../mrz/check-digit.ts';

/**
 * The document's access key from its MRZ (ICAO 9303-11 §9.7.2): document number padded with '<' to nine
 * characters, then birth and expiry dates as YYMMDD, each followed by its check digit. A number longer than
 * nine characters is used whole (its check digit is then the one over the whole number).
 */
export interface MrzKey {
  readonly documentNumber: string;
  /** YYMMDD. */
  readonly birthDate: string;
  /** YYMMDD. */
  readonly expiryDate: string;
}

export function mrzInformation(key: MrzKey): string {
  const number = key.documentNumber.toUpperCase().padEnd(9, '<');
  for (const [name, date] of [['birth', key.birthDate], ['expiry', key.expiryDate]] as const) {
    if (!/^\d{6}$/.test(date)) throw new RangeError(`${name} date must be YYMMDD`);
  }
  if (!/^[0-9A-Z<]+$/.test(number)) throw new RangeError('document number has characters outside the MRZ set');
  return `${number}${checkDigit(number)}${key.birthDate}${checkDigit(key.birthDate)}${key.expiryDate}${checkDigit(key.expiryDate)}`;
}

/**
 * Parses the CLI's form `<document number+check, birth+check, expiry+check>` (with or without commas) and
 * verifies the three check digits, so that a mistyped key is refused before any chip is asked.
 */
export function parseMrzInformation(text: string): MrzKey {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  const joined = parts.join('');
  const match = parts.length === 3 ? null : /^([0-9A-Z<]{9,})(\d{7})(\d{7})$/.exec(joined.toUpperCase());
  const [number, birth, expiry] = match ? [match[1]!, match[2]!, match[3]!] : (parts.map((p) => p.toUpperCase()) as [string, string, string]);
  if (!number || !birth || !expiry) throw new RangeError('expected document number+check, birth+check, expiry+check');
  const split = (field: string, what: string) => {
    const body = field.slice(0, -1);
    const digit = field.slice(-1);
    if (!/^\d$/.test(digit) || checkDigit(body) !== Number(digit)) throw new RangeError(`${what}: check digit does not match`);
    return body;
  };
  const documentNumber = split(number, 'document number').replace(/<+$/, '');
  const birthDate = split(birth, 'birth date');
  const expiryDate = split(expiry, 'expiry date');
  const key = { documentNumber, birthDate, expiryDate };
  mrzInformation(key);
  return key;
}

/** SHA-1 of MRZ_information: BAC takes its first 16 bytes as K_seed, PACE takes all 20 as the password. */
export function mrzHash(key: MrzKey): Uint8Array {
  return Uint8Array.from(createHash('sha1').update(mrzInformation(key), 'latin1').digest());
}

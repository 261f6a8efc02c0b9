/**
 * Random valid documents of every format, for property tests, benchmarks, OCR corpora and simulators.
 * Randomness is injected (`rng` returns [0, 1)); `seededRng` gives a reproducible one.
 */
import { checkDigit } from './check-digit.ts';
import { encodeGbkBytes } from './gbk-name.ts';
import { formatMrz } from './format.ts';
import { knownStates } from './states.ts';
import type { MrzFormat, MrzFormatInput } from './types.ts';

export type Rng = () => number;

/** mulberry32: small, fast, reproducible. The state lives in the returned closure, not the module. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ALL_FORMATS: readonly MrzFormat[] = ['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB', 'CN_EEP_1LINE', 'CN_PERMIT_3LINE'];

export interface GenerateOptions {
  /** Defaults to a random format. */
  readonly format?: MrzFormat;
  /** Reference year for dates (defaults to 2026 so corpora are reproducible). */
  readonly year?: number;
}

export interface GeneratedMrz {
  readonly input: MrzFormatInput;
  readonly lines: string[];
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const STATES = knownStates();

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function chars(rng: Rng, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rng() * alphabet.length)];
  return out;
}

function word(rng: Rng, min: number, max: number): string {
  return chars(rng, LETTERS, int(rng, min, max));
}

function yymmdd(rng: Rng, fromYear: number, toYear: number): string {
  const y = int(rng, fromYear, toYear);
  const pad = (n: number) => String(n).padStart(2, '0');
  return pad(y % 100) + pad(int(rng, 1, 12)) + pad(int(rng, 1, 28));
}

function names(rng: Rng, width: number): { surname: string; givenNames: string } {
  for (;;) {
    const surname = Array.from({ length: rng() < 0.15 ? 2 : 1 }, () => word(rng, 2, 10)).join(' ');
    const givenNames = Array.from({ length: int(rng, 0, 3) }, () => word(rng, 2, 9)).join(' ');
    const total = surname.length + (givenNames ? givenNames.length + 2 : 0);
    if (total <= width) return { surname: rng() < 0.05 ? '' : surname, givenNames };
  }
}

function state(rng: Rng): string {
  const r = rng();
  return r < 0.05 ? 'UTO' : r < 0.08 ? 'D' : pick(rng, STATES);
}

function sex(rng: Rng): string {
  const r = rng();
  return r < 0.45 ? 'M' : r < 0.9 ? 'F' : r < 0.95 ? '<' : 'X';
}

function alnum(rng: Rng, length: number): string {
  return chars(rng, LETTERS + DIGITS + DIGITS, length);
}

/** A number that does not end in a filler (trailing fillers are padding, docs/mrz-formats.md §6 trap 11). */
function documentNumber(rng: Rng, min: number, max: number): string {
  return alnum(rng, int(rng, min, max));
}

/** GB2312 level-1 hanzi: lead byte B0–D7, trail byte A1–FE (D7FA–D7FE unassigned). */
function gbkName(rng: Rng): string {
  const bytes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const lead = int(rng, 0xb0, 0xd7);
    bytes.push(lead, int(rng, 0xa1, lead === 0xd7 ? 0xf9 : 0xfe));
  }
  return encodeGbkBytes(bytes);
}

function inputFor(format: MrzFormat, rng: Rng, year: number): MrzFormatInput {
  const common = {
    birthDate: yymmdd(rng, year - 90, year - 1),
    expiryDate: yymmdd(rng, year - 10, year + 10),
    sex: sex(rng),
    nationality: state(rng),
    issuer: state(rng),
  };
  switch (format) {
    case 'TD3': {
      if (rng() < 0.15) {
        // PRC passport: GBK name code in the personal-number field (§3.2).
        const n = names(rng, 39);
        return { format, documentCode: pick(rng, ['PO', 'PT', 'P']), ...common, issuer: 'CHN', nationality: 'CHN', documentNumber: pick(rng, ['E', 'G']) + chars(rng, DIGITS, 8), ...n, optionalData: gbkName(rng) + pick(rng, [...'ABCDG']) + '9' };
      }
      return { format, documentCode: pick(rng, ['P', 'P', 'PA', 'PD']), ...common, documentNumber: documentNumber(rng, 6, 9), ...names(rng, 39), optionalData: rng() < 0.4 ? '' : alnum(rng, int(rng, 1, 14)) };
    }
    case 'TD2': {
      const long = rng() < 0.2;
      const code = pick(rng, ['I', 'ID', 'AC', 'C']);
      // IDFRA on 2 × 36 is the pre-2021 French ID, not TD2 (§4): keep generated TD2s out of that pattern.
      return { format, documentCode: code === 'ID' && common.issuer === 'FRA' ? 'I' : code, ...common, documentNumber: documentNumber(rng, long ? 10 : 6, long ? 12 : 9), ...names(rng, 31), optionalData: long || rng() < 0.5 ? '' : alnum(rng, int(rng, 1, 7)) };
    }
    case 'TD1': {
      const long = rng() < 0.3;
      const number = documentNumber(rng, long ? 10 : 6, long ? 13 : 9);
      const optionalData = rng() < 0.5 ? '' : alnum(rng, int(rng, 1, long ? 15 - (number.length - 9) - 2 : 15));
      return { format, documentCode: pick(rng, ['I', 'ID', 'IR', 'AC', 'CA']), ...common, documentNumber: number, ...names(rng, 30), optionalData, optionalData2: rng() < 0.5 ? '' : alnum(rng, int(rng, 1, 11)), td1CheckIncludesFiller: long && rng() < 0.2 };
    }
    case 'MRVA':
    case 'MRVB':
      return { format, documentCode: pick(rng, ['V', 'VA', 'VB']), ...common, documentNumber: documentNumber(rng, 6, 9), ...names(rng, format === 'MRVA' ? 39 : 31), optionalData: rng() < 0.5 ? '' : alnum(rng, int(rng, 1, format === 'MRVA' ? 16 : 8)) };
    case 'CN_EEP_1LINE': {
      const number = 'C' + (rng() < 0.7 ? chars(rng, DIGITS, 8) : chars(rng, 'ABCDEFGHJKLMNPQRSTUVWXYZ', 1) + chars(rng, DIGITS, 7));
      return { format, documentCode: rng() < 0.8 ? 'CS' : 'CD', documentNumber: number, birthDate: common.birthDate, expiryDate: yymmdd(rng, year - 5, year + 10) };
    }
    case 'CN_PERMIT_3LINE': {
      // Layout not public (§3.7): only the TD1-like number and check digit are placed where §3.5 infers them.
      const code = pick(rng, ['CR', 'CT', 'C<']);
      const number = code === 'CT' ? chars(rng, DIGITS, 8) + '<' : pick(rng, ['H', 'M']) + chars(rng, DIGITS, 8);
      const filler = (n: number) => chars(rng, DIGITS + '<<<<<<', n);
      const lines = [code + 'CHN' + number + String(checkDigit(number)) + filler(15), filler(30), chars(rng, LETTERS + '<<<', 30)];
      return { format, documentCode: code, documentNumber: number.replace(/<+$/, ''), lines };
    }
  }
}

export function generateMrz(rng: Rng, options: GenerateOptions = {}): GeneratedMrz {
  const format = options.format ?? pick(rng, ALL_FORMATS);
  const input = inputFor(format, rng, options.year ?? 2026);
  const result = formatMrz(input);
  if (!result.ok) throw new Error(`generateMrz produced an unformattable ${format}: ${result.error}`);
  return { input, lines: result.lines };
}

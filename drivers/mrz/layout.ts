/**
 * A layout says, for one document, where each field and check digit stands, what characters each position
 * may hold, and which positions each check digit covers. The strict parser reads fields from it; the lenient
 * repairer uses the same description to know which repairs a check digit can prove (§6 trap 17).
 */
import type { Segment } from './check-digit.ts';
import type { MrzFormat } from './types.ts';

/**
 * Character class of a position: alpha (A–Z, '<'), numeric (0–9, '<' for unknown date parts and zero check
 * digits), alnum (A–Z, 0–9, '<'), filler ('<' only), sex (M, F, '<', X), any (layout not known: untouched).
 */
export type CharClass = 'alpha' | 'numeric' | 'alnum' | 'filler' | 'sex' | 'any';

export interface FieldSpec extends Segment {
  /** Role name: documentCode, issuer, name, documentNumber, documentNumberOverflow, nationality, birthDate,
   * sex, expiryDate, optionalData, optionalData2, <check>CheckDigit, filler, or a raw-line name. */
  readonly name: string;
  readonly cls: CharClass;
}

export interface CheckSpec {
  readonly field: string;
  /** 0-based position of the digit. */
  readonly line: number;
  readonly pos: number;
  /** Covered characters. More than one variant: any may match; the first is the ICAO computation. */
  readonly variants: readonly (readonly Segment[])[];
}

export interface Layout {
  readonly format: MrzFormat;
  readonly width: number;
  readonly lineCount: number;
  readonly fields: readonly FieldSpec[];
  readonly checks: readonly CheckSpec[];
  readonly layoutVerified: boolean;
  /** The format defines a composite digit this layout lacks (MRV: reported as `absent`). */
  readonly absentChecks?: readonly string[];
}

export function field(name: string, line: number, start: number, end: number, cls: CharClass): FieldSpec {
  return { name, line, start, end, cls };
}

export function seg(line: number, start: number, end: number): Segment {
  return { line, start, end };
}

export function check(fieldName: string, line: number, pos: number, ...variants: Segment[][]): CheckSpec {
  return { field: fieldName, line, pos, variants };
}

/**
 * Result and input types of the MRZ engine. The summary fields are flat (null where absent) so the host can
 * display them directly; `fields` and `checks` carry the per-field detail (docs/mrz.md describes them).
 */

export type MrzFormat = 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB' | 'CN_EEP_1LINE' | 'CN_PERMIT_3LINE';

export type MrzMode = 'strict' | 'lenient';

export interface MrzParseOptions {
  /** strict (default): read the characters as given. lenient: repair OCR confusions proven by check digits. */
  readonly mode?: MrzMode;
  /** The current date for the century rule and `expired` (docs/mrz-formats.md §1.4). Defaults to the wall clock. */
  readonly now?: Date;
}

export type CheckStatus = 'valid' | 'invalid' | 'absent' | 'unchecked';

export interface MrzCheck {
  /** Which value the digit protects: documentNumber, birthDate, expiryDate, optionalData, composite, or a
   * `candidate:…` diagnostic on layouts that are not public (docs/mrz-formats.md §3.7). */
  readonly field: string;
  readonly status: CheckStatus;
  /** 1-based line and column of the check digit; null when the format has no such digit (`absent`). */
  readonly line: number | null;
  readonly column: number | null;
  /** The digit the covered characters compute to (null when absent). */
  readonly expected: string | null;
  /** The character printed in the check-digit position (null when absent). */
  readonly actual: string | null;
  /** TD1 long numbers: which computation matched ('icao', or 'includes-filler' for the older variant, §2.3). */
  readonly variant?: 'icao' | 'includes-filler';
}

export interface MrzCorrection {
  /** 1-based line and column of the character in the normalised output lines. */
  readonly line: number;
  readonly column: number;
  /** Characters before and after ('' for an inserted or deleted filler). */
  readonly from: string;
  readonly to: string;
  readonly field: string;
  readonly reason: 'check-digit' | 'character-class' | 'fixed-filler' | 'line-length' | 'document-code';
  /**
   * true when check digits prove the repair. false for repairs in fields no check digit covers (names,
   * nationality, issuer, document code — docs/mrz-formats.md §2.6): ask the holder or staff to confirm those.
   */
  readonly verified: boolean;
}

export interface MrzWarning {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

export interface MrzFieldDetail {
  /** Interpreted value (fillers stripped, dates ISO, names with spaces), or null when absent/unreadable. */
  readonly value: string | null;
  /** The characters exactly as they stand in the (normalised) lines. */
  readonly raw: string;
  /** 1-based line; start/end are 1-based inclusive columns, as in docs/mrz-formats.md's tables. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly check?: CheckStatus;
}

export interface MrzError {
  readonly code: 'invalid-input' | 'empty-input' | 'unrecognised-shape' | 'unsupported-format' | 'line-length';
  readonly message: string;
}

export interface MrzResult {
  /** false: the input is not an MRZ this engine reads; `error` says why and every summary field is null. */
  readonly ok: boolean;
  readonly error: MrzError | null;
  readonly format: MrzFormat | null;
  /** What kind of document the codes suggest (e.g. 'prc-passport', 'hksar-passport'); hints, not proof. */
  readonly documentKind: string | null;
  readonly documentCode: string | null;
  readonly issuer: string | null;
  readonly documentNumber: string | null;
  readonly nationality: string | null;
  /** ISO YYYY-MM-DD, century resolved per docs/mrz-formats.md §1.4; the raw YYMMDD is in `fields`. */
  readonly birthDate: string | null;
  readonly sex: 'M' | 'F' | 'X' | '<' | null;
  readonly expiryDate: string | null;
  /** Relative to `options.now`; null when the expiry date is absent or unreadable. */
  readonly expired: boolean | null;
  readonly surname: string | null;
  readonly givenNames: string | null;
  /** TD3 personal number / TD2, MRV optional data / TD1 optional data 1 (fillers stripped at the right). */
  readonly optionalData: string | null;
  /** TD1 optional data 2 (line 2 positions 19–29). */
  readonly optionalData2: string | null;
  /** Chinese name decoded from the GBK letter code (PRC passports §3.2, CS chip DG1 §3.3). */
  readonly nameChinese: string | null;
  /** Characters of the Chinese name the MRZ left out (PRC passport PN character 13, A = 0; §3.2, inferred). */
  readonly nameChineseOmitted: number | null;
  /** A letter in the last position of the name field: ICAO may have truncated the name (§1.3). */
  readonly nameMayBeTruncated: boolean;
  /** Always false: no check digit covers names in any format (§2.6). Confirm them from the chip or VIZ. */
  readonly namesVerified: false;
  /** Every check digit passes, every character is in the MRZ set and dates are real dates. */
  readonly valid: boolean;
  readonly checks: readonly MrzCheck[];
  readonly corrections: readonly MrzCorrection[];
  /** Lenient mode: more than one repair validates, so none was chosen. */
  readonly ambiguous: boolean;
  readonly warnings: readonly MrzWarning[];
  /** false where the layout is inferred or not public (CD, CR, CT, C<; docs/mrz-formats.md §3.4–§3.7). */
  readonly layoutVerified: boolean;
  /** The normalised (and, in lenient mode, repaired) lines. */
  readonly lines: readonly string[];
  readonly fields: Readonly<Record<string, MrzFieldDetail>>;
}

/**
 * What `formatMrz` needs. Dates may be ISO `YYYY-MM-DD` or raw `YYMMDD` (`<<` allowed for unknown month/day).
 * `toFormatInput` fills the optional raw-preserving members so that formatting reproduces the parsed lines.
 */
export interface MrzFormatInput {
  readonly format: MrzFormat;
  /** e.g. 'P', 'PO', 'I', 'ID', 'V', 'CS', 'CR'. Padded with '<' to two characters. */
  readonly documentCode: string;
  readonly issuer?: string | null;
  readonly documentNumber: string;
  readonly nationality?: string | null;
  readonly birthDate?: string | null;
  readonly sex?: string | null;
  readonly expiryDate?: string | null;
  readonly surname?: string | null;
  readonly givenNames?: string | null;
  /** The raw name field (PRIMARY<<SECONDARY...) when surname/givenNames would not reproduce it. */
  readonly nameField?: string | null;
  readonly optionalData?: string | null;
  readonly optionalData2?: string | null;
  /** Check digits whose computed value 0 is printed as '<' (true) or '0' (false), by check name (§1.2). */
  readonly zeroCheckDigitAsFiller?: Readonly<Record<string, boolean>>;
  /** TD1 long numbers: compute the check digit over the pos-15 filler too (older PRT/BEL cards, §2.3). */
  readonly td1CheckIncludesFiller?: boolean;
  /** CN_PERMIT_3LINE only (layout not public, §3.7): the lines, written back verbatim after validation. */
  readonly lines?: readonly string[];
  /** CN_EEP_1LINE from a chip DG1 (3 × 30): characters 31–90 verbatim. */
  readonly dg1Tail?: string | null;
}

export type MrzFormatResult = { readonly ok: true; readonly lines: string[] } | { readonly ok: false; readonly error: string };

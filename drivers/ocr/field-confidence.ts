/**
 * Per-field confidence and the list of fields the traveller must confirm. The rule behind "no false accepts":
 * check digits prove only the fields they cover; names, nationality, issuer, document code and sex are covered
 * by none (docs/mrz-formats.md §2.6), so an OCR doubt there can only be settled by a person (or the chip).
 */
import type { MrzCorrection, MrzFieldDetail, MrzResult } from '../mrz/index.ts';

export interface ConfidencePolicy {
  /** Fields no check digit covers need confirmation when any character is below this (0..1). */
  readonly uncoveredMin: number;
  /** Check-digit-covered fields still need confirmation when a character is below this (a check digit
   * passes by chance one time in ten). */
  readonly coveredMin: number;
}

export const DEFAULT_POLICY: ConfidencePolicy = { uncoveredMin: 0.8, coveredMin: 0.7 };

/** Parse field names → names the host shows (summary fields of MrzResult). */
function publicNames(field: string): string[] {
  if (field === 'name') return ['surname', 'givenNames'];
  return [field];
}

export interface FieldAssessment {
  readonly fieldConfidence: Record<string, number>;
  readonly needsConfirmation: string[];
}

/** `confidence` is per character of the parse's (normalised) lines. */
/**
 * `replaced` lists cells (1-based line/column) whose character the OCR layer itself chose over the recogniser's
 * (glyph verifier): together with check-digit repairs they count as changes the check digits had to absorb.
 */
export function assessFields(parse: MrzResult, confidence: readonly (readonly number[])[], ocrCorrections: readonly MrzCorrection[], policy: ConfidencePolicy = DEFAULT_POLICY, replaced: readonly { line: number; column: number }[] = []): FieldAssessment {
  const fieldConfidence: Record<string, number> = {};
  const needs = new Set<string>();
  const corrections = [...parse.corrections, ...ocrCorrections];
  const hasComposite = parse.checks.some((c) => c.field === 'composite' && c.status === 'valid');
  const checkOf = new Map<string, string | undefined>();
  for (const [name, f] of Object.entries(parse.fields)) checkOf.set(name, f.check);
  for (const [name, f] of Object.entries(parse.fields)) {
    if (name.endsWith('CheckDigit')) continue;
    const row = confidence[f.line - 1] ?? [];
    let min = 1;
    for (let col = f.start; col <= f.end; col++) min = Math.min(min, row[col - 1] ?? 0);
    // A check digit is as much a part of its field's proof as the field itself.
    const digit: MrzFieldDetail | undefined = parse.fields[`${name}CheckDigit`];
    if (digit) min = Math.min(min, (confidence[digit.line - 1] ?? [])[digit.start - 1] ?? 0);
    for (const p of publicNames(name)) fieldConfidence[p] = Math.round(min * 1000) / 1000;
    const covered = f.check === 'valid';
    const unverifiedFix = corrections.some((c) => c.field === name && !c.verified);
    // One check digit (plus the composite) proves one substitution well; two changes in one field (repairs or
    // verifier replacements) can validate a wrong pair now and then (seen on the hard bench set).
    const inField = (line: number, column: number) =>
      (line === f.line && column >= f.start && column <= f.end) || (digit !== undefined && line === digit.line && column === digit.start);
    const repairs =
      corrections.filter((c) => c.field === name && c.reason === 'check-digit').length + replaced.filter((r) => inField(r.line, r.column)).length;
    // Without a composite (MRV-A/B, §2.6) a repair rests on one digit alone: a wrong edit passes 1 time in 10.
    const multiRepair = repairs >= 2 || (repairs >= 1 && !hasComposite);
    const unread = f.raw.includes('?');
    const doubt = covered ? min < policy.coveredMin : min < policy.uncoveredMin;
    if (!parse.valid || parse.ambiguous || unread || unverifiedFix || multiRepair || doubt || (f.check !== undefined && f.check !== 'valid')) {
      for (const p of publicNames(name)) needs.add(p);
    }
  }
  return { fieldConfidence, needsConfirmation: [...needs] };
}

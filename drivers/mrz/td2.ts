/** TD2, 2 × 36 (docs/mrz-formats.md §2.2). */
import { check, field, seg, type CheckSpec, type FieldSpec, type Layout } from './layout.ts';

const COMMON: FieldSpec[] = [
  field('documentCode', 0, 0, 2, 'alpha'),
  field('issuer', 0, 2, 5, 'alpha'),
  field('name', 0, 5, 36, 'alpha'),
  field('documentNumber', 1, 0, 9, 'alnum'),
  field('nationality', 1, 10, 13, 'alpha'),
  field('birthDate', 1, 13, 19, 'numeric'),
  field('birthDateCheckDigit', 1, 19, 20, 'numeric'),
  field('sex', 1, 20, 21, 'sex'),
  field('expiryDate', 1, 21, 27, 'numeric'),
  field('expiryDateCheckDigit', 1, 27, 28, 'numeric'),
  field('compositeCheckDigit', 1, 35, 36, 'numeric'),
];

const DATE_CHECKS: CheckSpec[] = [
  check('birthDate', 1, 19, [seg(1, 13, 19)]),
  check('expiryDate', 1, 27, [seg(1, 21, 27)]),
  // §2.2: composite over L2 1–10, 14–20, 22–35.
  check('composite', 1, 35, [seg(1, 0, 10), seg(1, 13, 20), seg(1, 21, 35)]),
];

export const TD2_LAYOUT: Layout = {
  format: 'TD2',
  width: 36,
  lineCount: 2,
  layoutVerified: true,
  fields: [
    ...COMMON,
    field('documentNumberCheckDigit', 1, 9, 10, 'numeric'),
    field('optionalData', 1, 28, 35, 'alnum'),
  ],
  checks: [check('documentNumber', 1, 9, [seg(1, 0, 9)]), ...DATE_CHECKS],
};

/**
 * Long document number (§2.2, inferred from 9303 Part 6 as commonly implemented): `<` at pos 10, the rest of
 * the number and its check digit open the optional field 29–35, then a filler.
 */
export function td2Layout(lines: readonly string[]): Layout {
  const l2 = lines[1] ?? '';
  if (l2[9] !== '<' || l2[8] === '<' || l2[28] === '<' || l2[28] === undefined) return TD2_LAYOUT;
  let end = l2.indexOf('<', 28);
  if (end < 0 || end > 35) end = 35;
  const cd = end - 1; // last character before the filler is the check digit
  const fields: FieldSpec[] = [...COMMON, field('filler', 1, 9, 10, 'filler')];
  if (cd > 28) fields.push(field('documentNumberOverflow', 1, 28, cd, 'alnum'));
  fields.push(field('documentNumberCheckDigit', 1, cd, cd + 1, 'numeric'));
  if (end < 35) fields.push(field('optionalData', 1, end + 1 > 35 ? 35 : end + 1, 35, 'alnum'), field('filler', 1, end, end + 1, 'filler'));
  return {
    ...TD2_LAYOUT,
    fields,
    checks: [check('documentNumber', 1, cd, [seg(1, 0, 9), seg(1, 28, cd)]), ...DATE_CHECKS],
  };
}

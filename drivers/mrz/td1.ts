/** TD1, 3 × 30 (docs/mrz-formats.md §2.3), including long document numbers and the older check-digit variant. */
import { check, field, seg, type CheckSpec, type FieldSpec, type Layout } from './layout.ts';

const LINE23: FieldSpec[] = [
  field('birthDate', 1, 0, 6, 'numeric'),
  field('birthDateCheckDigit', 1, 6, 7, 'numeric'),
  field('sex', 1, 7, 8, 'sex'),
  field('expiryDate', 1, 8, 14, 'numeric'),
  field('expiryDateCheckDigit', 1, 14, 15, 'numeric'),
  field('nationality', 1, 15, 18, 'alpha'),
  field('optionalData2', 1, 18, 29, 'alnum'),
  field('compositeCheckDigit', 1, 29, 30, 'numeric'),
  field('name', 2, 0, 30, 'alpha'),
];

const LINE23_CHECKS: CheckSpec[] = [
  check('birthDate', 1, 6, [seg(1, 0, 6)]),
  check('expiryDate', 1, 14, [seg(1, 8, 14)]),
  // §2.3: composite over L1 6–30, L2 1–7, 9–15, 19–29 — always the raw L1 6–30 span.
  check('composite', 1, 29, [seg(0, 5, 30), seg(1, 0, 7), seg(1, 8, 15), seg(1, 18, 29)]),
];

const HEAD: FieldSpec[] = [field('documentCode', 0, 0, 2, 'alpha'), field('issuer', 0, 2, 5, 'alpha'), field('documentNumber', 0, 5, 14, 'alnum')];

export const TD1_LAYOUT: Layout = {
  format: 'TD1',
  width: 30,
  lineCount: 3,
  layoutVerified: true,
  fields: [...HEAD, field('documentNumberCheckDigit', 0, 14, 15, 'numeric'), field('optionalData', 0, 15, 30, 'alnum'), ...LINE23],
  checks: [check('documentNumber', 0, 14, [seg(0, 5, 14)]), ...LINE23_CHECKS],
};

/**
 * §2.3 long numbers: pos 15 `<` and pos 16 not `<` → the number continues at 16 up to the first `<`; the
 * last character before it is the check digit (it may land anywhere in 17–30, §6 trap 2). The check is
 * accepted over the ICAO span or, for older PRT/BEL cards, over the span including the pos-15 filler (§5 S20).
 */
export function td1Layout(lines: readonly string[]): Layout {
  const l1 = lines[0] ?? '';
  if (l1[14] !== '<' || l1[15] === '<' || l1[15] === undefined) return TD1_LAYOUT;
  let end = l1.indexOf('<', 15);
  if (end < 0 || end > 30) end = 30;
  const cd = end - 1;
  const fields: FieldSpec[] = [...HEAD, field('filler', 0, 14, 15, 'filler')];
  if (cd > 15) fields.push(field('documentNumberOverflow', 0, 15, cd, 'alnum'));
  fields.push(field('documentNumberCheckDigit', 0, cd, cd + 1, 'numeric'));
  if (end < 30) fields.push(field('filler', 0, end, end + 1, 'filler'), field('optionalData', 0, end + 1, 30, 'alnum'));
  fields.push(...LINE23);
  return {
    ...TD1_LAYOUT,
    fields,
    checks: [check('documentNumber', 0, cd, [seg(0, 5, 14), seg(0, 15, cd)], [seg(0, 5, cd)]), ...LINE23_CHECKS],
  };
}

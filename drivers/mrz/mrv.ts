/** Machine-readable visas MRV-A (2 × 44, docs/mrz-formats.md §2.4) and MRV-B (2 × 36, §2.5): no composite check digit. */
import { check, field, seg, type Layout } from './layout.ts';

function mrvLayout(width: 44 | 36): Layout {
  return {
    format: width === 44 ? 'MRVA' : 'MRVB',
    width,
    lineCount: 2,
    layoutVerified: true,
    fields: [
      field('documentCode', 0, 0, 2, 'alpha'),
      field('issuer', 0, 2, 5, 'alpha'),
      field('name', 0, 5, width, 'alpha'),
      field('documentNumber', 1, 0, 9, 'alnum'),
      field('documentNumberCheckDigit', 1, 9, 10, 'numeric'),
      field('nationality', 1, 10, 13, 'alpha'),
      field('birthDate', 1, 13, 19, 'numeric'),
      field('birthDateCheckDigit', 1, 19, 20, 'numeric'),
      field('sex', 1, 20, 21, 'sex'),
      field('expiryDate', 1, 21, 27, 'numeric'),
      field('expiryDateCheckDigit', 1, 27, 28, 'numeric'),
      field('optionalData', 1, 28, width, 'alnum'),
    ],
    checks: [
      check('documentNumber', 1, 9, [seg(1, 0, 9)]),
      check('birthDate', 1, 19, [seg(1, 13, 19)]),
      check('expiryDate', 1, 27, [seg(1, 21, 27)]),
    ],
    absentChecks: ['composite'],
  };
}

export const MRVA_LAYOUT: Layout = mrvLayout(44);
export const MRVB_LAYOUT: Layout = mrvLayout(36);

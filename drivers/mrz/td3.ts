/** TD3 passport, 2 × 44 (docs/mrz-formats.md §2.1). */
import { check, field, seg, type Layout } from './layout.ts';

const L1 = 0;
const L2 = 1;

/** §2.1 position tables (1-based in the spec, 0-based here). */
export const TD3_LAYOUT: Layout = {
  format: 'TD3',
  width: 44,
  lineCount: 2,
  layoutVerified: true,
  fields: [
    field('documentCode', L1, 0, 2, 'alpha'),
    field('issuer', L1, 2, 5, 'alpha'),
    field('name', L1, 5, 44, 'alpha'),
    field('documentNumber', L2, 0, 9, 'alnum'),
    field('documentNumberCheckDigit', L2, 9, 10, 'numeric'),
    field('nationality', L2, 10, 13, 'alpha'),
    field('birthDate', L2, 13, 19, 'numeric'),
    field('birthDateCheckDigit', L2, 19, 20, 'numeric'),
    field('sex', L2, 20, 21, 'sex'),
    field('expiryDate', L2, 21, 27, 'numeric'),
    field('expiryDateCheckDigit', L2, 27, 28, 'numeric'),
    field('optionalData', L2, 28, 42, 'alnum'),
    field('optionalDataCheckDigit', L2, 42, 43, 'numeric'),
    field('compositeCheckDigit', L2, 43, 44, 'numeric'),
  ],
  checks: [
    check('documentNumber', L2, 9, [seg(L2, 0, 9)]),
    check('birthDate', L2, 19, [seg(L2, 13, 19)]),
    check('expiryDate', L2, 27, [seg(L2, 21, 27)]),
    check('optionalData', L2, 42, [seg(L2, 28, 42)]),
    // §2.1 / §2.6: composite over L2 1–10, 14–20, 22–43 (nationality and sex excluded).
    check('composite', L2, 43, [seg(L2, 0, 10), seg(L2, 13, 20), seg(L2, 21, 43)]),
  ],
};

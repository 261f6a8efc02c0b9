/**
 * Chinese exit-entry permits `CS` (往来港澳通行证, docs/mrz-formats.md §3.3) and `CD` (往来台湾通行证, §3.4): one printed line of 30,
 * in the order number → expiry → birth. The `CD` layout is inferred from `CS` (§3.4), hence unverified.
 * Delivered as a 90-character chip DG1 (3 × 30), characters 31–90 follow (§3.3, single community source).
 */
import { check, field, seg, type FieldSpec, type Layout } from './layout.ts';

const LINE: FieldSpec[] = [
  field('documentCode', 0, 0, 2, 'alpha'),
  field('documentNumber', 0, 2, 11, 'alnum'),
  field('documentNumberCheckDigit', 0, 11, 12, 'numeric'),
  field('filler', 0, 12, 13, 'filler'),
  field('expiryDate', 0, 13, 19, 'numeric'),
  field('expiryDateCheckDigit', 0, 19, 20, 'numeric'),
  field('filler', 0, 20, 21, 'filler'),
  field('birthDate', 0, 21, 27, 'numeric'),
  field('birthDateCheckDigit', 0, 27, 28, 'numeric'),
  field('filler', 0, 28, 29, 'filler'),
  field('compositeCheckDigit', 0, 29, 30, 'numeric'),
];

function layout(lineCount: 1 | 3, verified: boolean): Layout {
  // §3.3 DG1 offsets 31–42 (GBK name), 43–60 (pinyin name), 61 (sex); the rest is kept raw.
  const dg1: FieldSpec[] =
    lineCount === 3
      ? [field('nameChineseCode', 1, 0, 12, 'any'), field('name', 1, 12, 30, 'alpha'), field('sex', 2, 0, 1, 'sex'), field('dg1Rest', 2, 1, 30, 'any')]
      : [];
  return {
    format: 'CN_EEP_1LINE',
    width: 30,
    lineCount,
    layoutVerified: verified,
    fields: [...LINE, ...dg1],
    checks: [
      check('documentNumber', 0, 11, [seg(0, 2, 11)]),
      check('expiryDate', 0, 19, [seg(0, 13, 19)]),
      check('birthDate', 0, 27, [seg(0, 21, 27)]),
      // §3.3: composite over 3–12, 14–20, 22–28.
      check('composite', 0, 29, [seg(0, 2, 12), seg(0, 13, 20), seg(0, 21, 28)]),
    ],
  };
}

/** `CS` one-liner: layout confirmed by a public source (§3.3). `CD`: inferred (§3.4). DG1 tail: provisional. */
export function cnExitEntryLayout(lineCount: 1 | 3, code: 'CS' | 'CD'): Layout {
  return layout(lineCount, code === 'CS' && lineCount === 1);
}

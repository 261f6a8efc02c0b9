/**
 * Masking for anything that leaves the session's memory (logs, the UI's holder screen, staff views).
 * The brief's privacy rule: logs mask document numbers and names.
 */

/** `E12345678` → `E*****678`: keeps the first character (document series) and the last three. */
export function maskDocumentNumber(value: string): string {
  const v = value.replace(/<+$/g, '');
  if (v.length <= 4) return '*'.repeat(v.length);
  return v[0] + '*'.repeat(v.length - 4) + v.slice(-3);
}

/** `CHAN TAI MAN` → `C*** T** M**`: initials stay so staff can tell two guests apart. */
export function maskName(value: string): string {
  return value
    .split(/(\s+|<+)/)
    .map((part) => (/^[\s<]*$/.test(part) ? part : [...part][0] + '*'.repeat(Math.max(0, [...part].length - 1))))
    .join('');
}

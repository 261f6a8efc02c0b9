/**
 * formatMrz: fields → MRZ lines (simulators, test corpora). Check digits are computed from the same layouts
 * the parser reads, so `formatMrz(toFormatInput(parseMrz(x)))` reproduces every valid x.
 */
import { checkDigitOver, charValue } from './check-digit.ts';
import { toYymmdd } from './dates.ts';
import { dispatch } from './dispatch.ts';
import type { Layout } from './layout.ts';
import { nameField } from './names.ts';
import type { MrzFormatInput, MrzFormatResult, MrzResult } from './types.ts';

class FormatError extends Error {}

function mrzText(what: string, value: string | null | undefined): string {
  const text = (value ?? '').toUpperCase();
  for (let i = 0; i < text.length; i++) {
    if (charValue(text.charCodeAt(i)) < 0) throw new FormatError(`${what} ${JSON.stringify(value)} has characters outside A–Z, 0–9, < (transliterate first, §1.1)`);
  }
  return text;
}

function pad(what: string, value: string | null | undefined, length: number): string {
  const text = mrzText(what, value);
  if (text.length > length) throw new FormatError(`${what} ${JSON.stringify(value)} is longer than ${length}`);
  return text + '<'.repeat(length - text.length);
}

function date(what: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '<<<<<<';
  const raw = toYymmdd(value);
  if (raw === null) throw new FormatError(`${what} ${JSON.stringify(value)} is neither YYYY-MM-DD nor YYMMDD`);
  return raw;
}

function sex(value: string | null | undefined): string {
  const s = value === null || value === undefined || value === '' ? '<' : value.toUpperCase();
  if (!['M', 'F', '<', 'X'].includes(s)) throw new FormatError(`sex ${JSON.stringify(value)} is not M, F, < or X`);
  return s;
}

function name(input: MrzFormatInput, width: number): string {
  const field = input.nameField ?? nameField(input.surname ?? '', input.givenNames ?? '');
  const text = mrzText('name', field);
  // Names longer than the field are cut at the field width (ICAO 9303-3 §4.6 truncates more cleverly; §1.3).
  return pad('name', text.slice(0, width), width);
}

/** Fill every check digit of `layout` in order (field checks before the composite, which covers them). */
function fillChecks(lines: string[], layout: Layout, input: MrzFormatInput): string[] {
  let out = lines;
  for (const c of layout.checks) {
    const variant = c.variants.length > 1 && input.td1CheckIncludesFiller ? 1 : 0;
    const digit = checkDigitOver(out, c.variants[variant]!);
    const covered = c.variants[0]!.every((s) => /^<*$/.test((out[s.line] ?? '').slice(s.start, s.end)));
    const asFiller = input.zeroCheckDigitAsFiller?.[c.field] ?? (covered && c.field === 'optionalData');
    const ch = digit === 0 && asFiller ? '<' : String(digit);
    const l = out[c.line]!;
    out = out.map((text, i) => (i === c.line ? l.slice(0, c.pos) + ch + l.slice(c.pos + 1) : text));
  }
  return out;
}

function code(input: MrzFormatInput): string {
  return pad('documentCode', input.documentCode, 2);
}

/** Document number → the 9-character field plus, when longer, `<`, overflow, check digit (§2.2–§2.3). */
function numberParts(input: MrzFormatInput, optionalWidth: number): { head: string; overflow: string | null } {
  const number = mrzText('documentNumber', input.documentNumber);
  if (number.length <= 9) return { head: pad('documentNumber', number, 9), overflow: null };
  const tail = number.slice(9);
  if (tail.length + 1 > optionalWidth) throw new FormatError(`documentNumber ${number} is too long for this format`);
  return { head: number.slice(0, 9), overflow: tail };
}

function build(input: MrzFormatInput): string[] {
  const f = input.format;
  if (f === 'TD3' || f === 'MRVA' || f === 'MRVB' || f === 'TD2') {
    const width = f === 'TD2' || f === 'MRVB' ? 36 : 44;
    const l1 = code(input) + pad('issuer', input.issuer, 3) + name(input, width - 5);
    let num: string;
    let optional: string;
    const optionalWidth = f === 'TD3' ? 14 : width - 28 - (f === 'TD2' ? 1 : 0);
    if (f === 'TD2') {
      const parts = numberParts(input, optionalWidth);
      num = parts.head;
      const opt = mrzText('optionalData', input.optionalData);
      optional = parts.overflow === null ? pad('optionalData', opt, 7) : pad('optionalData', parts.overflow + '0' + (opt ? '<' + opt : ''), 7);
      num += parts.overflow === null ? '0' : '<';
    } else {
      optional = pad('optionalData', input.optionalData, optionalWidth);
      num = pad('documentNumber', input.documentNumber, 9) + '0';
    }
    const l2 = num + pad('nationality', input.nationality, 3) + date('birthDate', input.birthDate) + '0' + sex(input.sex) + date('expiryDate', input.expiryDate) + '0' + optional + (f === 'TD3' ? '00' : f === 'TD2' ? '0' : '');
    return [l1, l2];
  }
  if (f === 'TD1') {
    const parts = numberParts(input, 15);
    const opt = mrzText('optionalData', input.optionalData);
    const l1 = code(input) + pad('issuer', input.issuer, 3) + parts.head + (parts.overflow === null ? '0' + pad('optionalData', opt, 15) : '<' + pad('optionalData', parts.overflow + '0' + (opt ? '<' + opt : ''), 15));
    const l2 = date('birthDate', input.birthDate) + '0' + sex(input.sex) + date('expiryDate', input.expiryDate) + '0' + pad('nationality', input.nationality, 3) + pad('optionalData2', input.optionalData2, 11) + '0';
    return [l1, l2, name(input, 30)];
  }
  if (f === 'CN_EEP_1LINE') {
    const c = code(input);
    if (c !== 'CD' && !['CS', 'C5', 'C$', 'C8'].includes(c)) throw new FormatError(`CN_EEP_1LINE document code must be CS or CD, not ${c}`);
    const line = c + pad('documentNumber', input.documentNumber, 9) + '0<' + date('expiryDate', input.expiryDate) + '0<' + date('birthDate', input.birthDate) + '0<0';
    if (input.dg1Tail === null || input.dg1Tail === undefined) return [line];
    const tail = mrzText('dg1Tail', input.dg1Tail);
    if (tail.length !== 60) throw new FormatError('dg1Tail must be 60 characters (DG1 characters 31–90, §3.3)');
    return [line, tail.slice(0, 30), tail.slice(30)];
  }
  // CN_PERMIT_3LINE: layout not public (§3.7), so the lines are written back verbatim after checks.
  const lines = (input.lines ?? []).map((l, i) => mrzText(`line ${i + 1}`, l));
  if (lines.length !== 3 || lines.some((l) => l.length !== 30)) throw new FormatError('CN_PERMIT_3LINE needs `lines`: 3 lines of 30 (layout not public, §3.7)');
  if (!['CR', 'CT', 'C<'].includes(lines[0]!.slice(0, 2))) throw new FormatError('CN_PERMIT_3LINE lines must start with CR, CT or C<');
  return lines;
}

export function formatMrz(input: MrzFormatInput): MrzFormatResult {
  try {
    const lines = build(input);
    const d = dispatch(lines);
    if (!d.ok) return { ok: false, error: d.error.message };
    if (d.layout.format !== input.format) return { ok: false, error: `the fields make a ${d.layout.format}, not a ${input.format} (check the document code)` };
    // Permit lines are written back verbatim: their layout is not public (§3.7).
    return { ok: true, lines: input.format === 'CN_PERMIT_3LINE' ? lines : fillChecks(lines, d.layout, input) };
  } catch (err) {
    if (err instanceof FormatError) return { ok: false, error: err.message };
    return { ok: false, error: `invalid input: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** The format input that reproduces a parsed result's lines (raw-preserving where values would lose detail). */
export function toFormatInput(result: MrzResult): MrzFormatInput {
  const f = result.fields;
  const raw = (n: string) => f[n]?.raw ?? null;
  const stripped = (n: string) => (raw(n) ?? '').replace(/<+$/, '');
  const zero: Record<string, boolean> = {};
  for (const c of result.checks) if (c.expected === '0' && c.actual !== null && (c.actual === '<' || c.actual === '0')) zero[c.field] = c.actual === '<';
  const nameRaw = f['name'] ? stripped('name') : null;
  const canonical = nameField(result.surname ?? '', result.givenNames ?? '');
  return {
    format: result.format ?? 'TD3',
    documentCode: raw('documentCode') ?? '',
    issuer: raw('issuer'),
    documentNumber: stripped('documentNumber') + (f['documentNumberOverflow'] ? raw('documentNumberOverflow') : ''),
    nationality: raw('nationality'),
    birthDate: raw('birthDate'),
    sex: raw('sex'),
    expiryDate: raw('expiryDate'),
    surname: result.surname,
    givenNames: result.givenNames,
    ...(nameRaw !== null && nameRaw !== canonical ? { nameField: nameRaw } : {}),
    optionalData: f['optionalData'] ? stripped('optionalData') : null,
    optionalData2: f['optionalData2'] ? stripped('optionalData2') : null,
    zeroCheckDigitAsFiller: zero,
    td1CheckIncludesFiller: result.checks.some((c) => c.variant === 'includes-filler'),
    ...(result.format === 'CN_PERMIT_3LINE' ? { lines: [...result.lines] } : {}),
    ...(result.format === 'CN_EEP_1LINE' && result.lines.length === 3 ? { dg1Tail: result.lines[1]! + result.lines[2]! } : {}),
  };
}

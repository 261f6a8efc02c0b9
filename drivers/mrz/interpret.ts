/**
 * Layout + lines → MrzResult. Every field is reported even when its check digit fails (docs/mrz-formats.md §6 trap 4); problems
 * become warnings and per-check statuses, never exceptions.
 */
import { charValue, checkDigitOver, digitMatches } from './check-digit.ts';
import { cnPermitDateCandidates } from './cn-permit.ts';
import { parseMrzDate, todayNumber } from './dates.ts';
import { decodeGbkName, isGbkLetters } from './gbk-name.ts';
import type { CheckSpec, FieldSpec, Layout } from './layout.ts';
import { parseName } from './names.ts';
import { stateStatus } from './states.ts';
import type { CheckStatus, MrzCheck, MrzCorrection, MrzFieldDetail, MrzResult, MrzWarning } from './types.ts';

export interface InterpretContext {
  readonly now: Date;
  readonly corrections: readonly MrzCorrection[];
  readonly ambiguous: boolean;
  readonly warnings: readonly MrzWarning[];
  /** The document code the dispatcher recognised (e.g. 'CS' for an OCR-confused 'C5'), when it differs. */
  readonly documentCode?: string;
}

/** Evaluate one check spec against the lines. */
export function evaluateCheck(lines: readonly string[], c: CheckSpec): MrzCheck {
  const actual = (lines[c.line] ?? '')[c.pos] ?? '';
  let expected = -1;
  for (let v = 0; v < c.variants.length; v++) {
    const computed = checkDigitOver(lines, c.variants[v]!);
    if (v === 0) expected = computed;
    if (digitMatches(actual, computed)) {
      const base = { field: c.field, status: 'valid' as const, line: c.line + 1, column: c.pos + 1, expected: String(computed), actual };
      return c.variants.length > 1 ? { ...base, variant: v === 0 ? 'icao' : 'includes-filler' } : base;
    }
  }
  return { field: c.field, status: 'invalid', line: c.line + 1, column: c.pos + 1, expected: expected < 0 ? null : String(expected), actual };
}

/** Whether every check of a layout passes (the lenient search's acceptance test). */
export function allChecksPass(lines: readonly string[], layout: Layout): boolean {
  for (const c of layout.checks) {
    const actual = (lines[c.line] ?? '')[c.pos] ?? '';
    let ok = false;
    for (const v of c.variants) if (digitMatches(actual, checkDigitOver(lines, v))) { ok = true; break; }
    if (!ok) return false;
  }
  return true;
}

function stripRight(raw: string): string {
  let end = raw.length;
  while (end > 0 && raw.charCodeAt(end - 1) === 60) end--;
  return raw.slice(0, end);
}

function allInCharset(lines: readonly string[]): boolean {
  for (const l of lines) for (let i = 0; i < l.length; i++) if (charValue(l.charCodeAt(i)) < 0) return false;
  return true;
}

const DOCUMENT_KINDS: Readonly<Record<string, string>> = {
  CS: 'cn-exit-entry-permit-hk-macao',
  CD: 'cn-exit-entry-permit-taiwan',
  CR: 'cn-mainland-travel-permit-hk-macao',
  CT: 'cn-mainland-travel-permit-taiwan',
  C: 'cn-home-return-permit-1999',
};

const NAMES_UNVERIFIED: MrzWarning = Object.freeze({ code: 'names-unverified', message: 'no check digit covers names: confirm them from the chip or the document face (§2.6)', field: 'name' });
const NAME_TRUNCATED: MrzWarning = Object.freeze({ code: 'name-may-be-truncated', message: 'the name field ends in a letter: the name may be truncated (§1.3)', field: 'name' });
const SEX_X: MrzWarning = Object.freeze({ code: 'sex-x', message: "sex 'X' is not an ICAO MRZ value ('<' is); accepted (§1.5)", field: 'sex' });

function rawOf(lines: readonly string[], f: FieldSpec): string {
  return (lines[f.line] ?? '').slice(f.start, f.end);
}

function detail(f: FieldSpec, raw: string, value: string | null, check: CheckStatus | undefined): MrzFieldDetail {
  return check === undefined
    ? { value, raw, line: f.line + 1, start: f.start + 1, end: f.end }
    : { value, raw, line: f.line + 1, start: f.start + 1, end: f.end, check };
}

function statusOf(checks: readonly MrzCheck[], field: string): CheckStatus | undefined {
  for (const c of checks) if (c.field === field) return c.status;
  return undefined;
}

function findField(layout: Layout, name: string): FieldSpec | undefined {
  for (const f of layout.fields) if (f.name === name) return f;
  return undefined;
}

/** The check a field's `check` status comes from (its own digit, or the number's for the overflow). */
function checkNameFor(name: string): string {
  if (name === 'documentNumberOverflow') return 'documentNumber';
  return name.endsWith('CheckDigit') ? name.slice(0, -10) : name;
}

function stateValue(raw: string, fieldName: string, warnings: MrzWarning[]): string | null {
  const code = stripRight(raw);
  if (code === '') return null;
  const s = stateStatus(code);
  if (s === 'specimen') warnings.push({ code: 'specimen-state', message: `${code} is the ICAO specimen code (Utopia)`, field: fieldName });
  else if (s === 'deprecated') warnings.push({ code: 'deprecated-state', message: `${code} is a deprecated code`, field: fieldName });
  else if (s === 'unknown') warnings.push({ code: 'unknown-state', message: `${code} is not in the ICAO/ISO 3166 code list`, field: fieldName });
  return code;
}

export function interpret(layout: Layout, lines: readonly string[], ctx: InterpretContext): MrzResult {
  const warnings: MrzWarning[] = ctx.warnings.length > 0 ? [...ctx.warnings] : [];
  const checks: MrzCheck[] = [];
  for (const c of layout.checks) checks.push(evaluateCheck(lines, c));
  for (const name of layout.absentChecks ?? []) {
    checks.push({ field: name, status: 'absent', line: null, column: null, expected: null, actual: null });
  }
  const fields: Record<string, MrzFieldDetail> = {};
  let datesOk = true;
  let expiryDay: number | null = null;
  let surname: string | null = null;
  let givenNames: string | null = null;
  let truncated = false;
  let sex: MrzResult['sex'] = null;
  let birthDate: string | null = null;
  let expiryDate: string | null = null;
  let issuer: string | null = null;
  let nationality: string | null = null;

  for (const f of layout.fields) {
    if (f.name === 'filler') continue;
    const raw = rawOf(lines, f);
    let value: string | null;
    switch (f.name) {
      case 'issuer': value = issuer = stateValue(raw, f.name, warnings); break;
      case 'nationality': value = nationality = stateValue(raw, f.name, warnings); break;
      case 'birthDate':
      case 'expiryDate': {
        const parsed = parseMrzDate(raw, f.name === 'birthDate' ? 'birth' : 'expiry', ctx.now);
        if (parsed.state === 'invalid') {
          datesOk = false;
          warnings.push({ code: 'invalid-date', message: `${f.name} ${raw} is not a calendar date`, field: f.name });
        } else if (parsed.state === 'partial') {
          warnings.push({ code: 'date-partially-unknown', message: `${f.name} ${raw} has an unknown month or day (§1.4)`, field: f.name });
        }
        value = parsed.iso;
        if (f.name === 'birthDate') birthDate = value;
        else {
          expiryDate = value;
          expiryDay = parsed.day ?? null;
        }
        break;
      }
      case 'name': {
        const n = parseName(raw);
        surname = n.surname;
        givenNames = n.givenNames;
        truncated = n.mayBeTruncated;
        value = n.givenNames ? `${n.surname}, ${n.givenNames}` : n.surname;
        break;
      }
      case 'sex': {
        if (raw === 'M' || raw === 'F' || raw === '<') sex = raw;
        else if (raw === 'X') {
          sex = 'X';
          warnings.push(SEX_X);
        } else warnings.push({ code: 'invalid-sex', message: `sex ${JSON.stringify(raw)} is not M, F, < or X`, field: 'sex' });
        value = sex;
        break;
      }
      default: {
        const stripped = stripRight(raw);
        value = stripped === '' ? null : stripped;
      }
    }
    fields[f.name] = detail(f, raw, value, statusOf(checks, checkNameFor(f.name)));
  }

  // Document number: the 9-character field (trailing fillers dropped, §6 trap 11) plus any overflow (§2.3).
  const numberRaw = fields['documentNumber']?.value ?? null;
  const overflow = fields['documentNumberOverflow']?.value ?? null;
  const documentNumber = numberRaw === null && overflow === null ? null : (numberRaw ?? '') + (overflow ?? '');
  if (fields['documentNumber'] && overflow !== null) fields['documentNumber'] = { ...fields['documentNumber'], value: documentNumber };

  const codeRaw = fields['documentCode']?.value ?? null;
  const documentCode = ctx.documentCode ?? codeRaw;
  const first = (documentCode ?? '')[0];
  if (layout.format === 'TD3' && first !== 'P') {
    warnings.push({ code: 'unexpected-document-code', message: `TD3 document code ${documentCode} does not start with P (§1.7)`, field: 'documentCode' });
  }
  if ((layout.format === 'TD1' || layout.format === 'TD2') && (!'ACI'.includes(first ?? '-') || (documentCode ?? '')[1] === 'V')) {
    warnings.push({ code: 'unexpected-document-code', message: `document code ${documentCode} is not A/C/I with a non-V second character (§1.7)`, field: 'documentCode' });
  }

  for (const c of checks) {
    if (c.variant === 'includes-filler') {
      warnings.push({ code: 'non-compliant-check-digit', message: 'the document-number check digit includes the position-15 filler (older PRT/BEL cards, §2.3)', field: c.field });
    }
  }

  let documentKind: string | null = null;
  let nameChinese: string | null = null;
  let nameChineseOmitted: number | null = null;
  const optionalData = fields['optionalData']?.value ?? null;

  if (layout.format === 'TD3') {
    documentKind = first === 'P' ? 'passport' : null;
    // §6 trap 22: a TD3 number overflow into the personal number is not in 9303 — report, don't guess.
    const pnRaw = fields['optionalData']?.raw ?? '';
    if (statusOf(checks, 'documentNumber') === 'invalid' && (lines[1] ?? '')[9] === '<' && pnRaw.charCodeAt(0) >= 48 && pnRaw.charCodeAt(0) <= 57) {
      warnings.push({ code: 'td3-number-overflow-unsupported', message: 'the number check fails and the personal number starts with digits: a TD3 number overflow is not defined by ICAO 9303 and is not read (§6 trap 22)', field: 'documentNumber' });
    }
    if (issuer === 'CHN') {
      const pn = fields['optionalData']?.raw ?? '';
      const letters = pn.slice(0, 12);
      // §3.2: PRC passports put the GBK code of the first three characters of the name in PN 1–12.
      if (isGbkLetters(letters)) {
        const decoded = decodeGbkName(letters);
        documentKind = 'prc-passport';
        if (decoded.failed) warnings.push({ code: 'gbk-decode-failed', message: 'the personal-number field looks like a GBK name code but does not decode', field: 'optionalData' });
        nameChinese = decoded.name;
        const omitted = pn.charCodeAt(12) - 65;
        nameChineseOmitted = omitted >= 0 && omitted <= 25 ? omitted : null;
        warnings.push({ code: 'personal-number-is-chinese-name', message: 'on PRC passports the personal-number field encodes the Chinese name, not an ID number (§3.2)', field: 'optionalData' });
        if (statusOf(checks, 'optionalData') === 'invalid' && ['documentNumber', 'birthDate', 'expiryDate', 'composite'].every((n) => statusOf(checks, n) === 'valid')) {
          warnings.push({ code: 'cn-personal-number-check-failed', message: 'only the personal-number check digit fails on a CHN passport (known problem, cheminfo/mrz #34, §3.2): do not reject on it alone', field: 'optionalData' });
        }
      } else {
        const n0 = (documentNumber ?? '')[0];
        documentKind = n0 === 'K' || n0 === 'H' ? 'hksar-passport' : n0 === 'E' || n0 === 'G' || n0 === 'D' || n0 === 'S' ? 'prc-passport' : 'passport';
      }
    } else if (issuer === 'TWN') documentKind = 'roc-passport';
  } else if (layout.format === 'MRVA' || layout.format === 'MRVB') {
    documentKind = 'visa';
  } else if (layout.format === 'CN_EEP_1LINE' || layout.format === 'CN_PERMIT_3LINE') {
    documentKind = DOCUMENT_KINDS[documentCode ?? ''] ?? null;
    if (layout.format === 'CN_EEP_1LINE') issuer = 'CHN'; // implied: the CS chip parser hard-codes CHN (§1.6)
    if (!layout.layoutVerified) {
      warnings.push({ code: 'layout-unverified', message: layout.format === 'CN_PERMIT_3LINE' ? 'CR/CT/C< layout is not public: raw lines kept, only check digits located (§3.7)' : 'this layout is inferred, not confirmed by a public source (§3.3–§3.4)' });
    }
    const gbk = findField(layout, 'nameChineseCode');
    if (gbk) {
      const decoded = decodeGbkName(rawOf(lines, gbk));
      nameChinese = decoded.name;
      if (decoded.failed) warnings.push({ code: 'gbk-decode-failed', message: 'the DG1 Chinese name code does not decode', field: 'nameChineseCode' });
    }
  }
  if (layout.format === 'CN_PERMIT_3LINE') checks.push(...cnPermitDateCandidates(lines));
  if (layout.format === 'TD2' && fields['documentNumberOverflow'] !== undefined) {
    warnings.push({ code: 'long-document-number-inferred', message: 'TD2 long-number layout is inferred from 9303 Part 6 implementations (§2.2)', field: 'documentNumber' });
  }

  if (fields['name'] !== undefined) {
    warnings.push(NAMES_UNVERIFIED);
    if (truncated) warnings.push(NAME_TRUNCATED);
  }

  const charsetOk = allInCharset(lines);
  if (!charsetOk) warnings.push({ code: 'invalid-characters', message: 'characters outside A–Z, 0–9 and < (unread positions stay visible, §4)' });
  if (ctx.ambiguous) warnings.push({ code: 'ambiguous-repair', message: 'more than one repair validates; none was applied' });

  let gating = 0;
  let checksOk = true;
  for (const c of checks) {
    if (c.field.startsWith('candidate:')) continue;
    gating++;
    if (c.status !== 'valid' && c.status !== 'absent') checksOk = false;
  }
  const valid = !ctx.ambiguous && charsetOk && datesOk && gating > 0 && checksOk;

  return {
    ok: true,
    error: null,
    format: layout.format,
    documentKind,
    documentCode,
    issuer,
    documentNumber,
    nationality,
    birthDate,
    sex,
    expiryDate,
    expired: expiryDay === null ? null : expiryDay < todayNumber(ctx.now),
    surname,
    givenNames,
    optionalData,
    optionalData2: fields['optionalData2']?.value ?? null,
    nameChinese,
    nameChineseOmitted,
    nameMayBeTruncated: truncated,
    namesVerified: false,
    valid,
    checks,
    corrections: ctx.corrections,
    ambiguous: ctx.ambiguous,
    warnings,
    layoutVerified: layout.layoutVerified,
    lines: [...lines],
    fields,
  };
}

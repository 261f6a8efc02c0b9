/**
 * Layout + lines → MrzResult. Every field is reported even when its check digit fails (§6 trap 4); problems
 * become warnings and per-check statuses, never exceptions.
 */
import { charValue, checkDigitOver, digitMatches } from './check-digit.ts';
import { cnPermitDateCandidates } from './cn-permit.ts';
import { isBefore, parseMrzDate, type DateRole } from './dates.ts';
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

export function interpret(layout: Layout, lines: readonly string[], ctx: InterpretContext): MrzResult {
  const warnings: MrzWarning[] = [...ctx.warnings];
  const checks: MrzCheck[] = layout.checks.map((c) => evaluateCheck(lines, c));
  for (const name of layout.absentChecks ?? []) {
    checks.push({ field: name, status: 'absent', line: null, column: null, expected: null, actual: null });
  }
  const statusOf = new Map<string, CheckStatus>(checks.map((c) => [c.field, c.status]));
  const specs = new Map<string, FieldSpec>();
  const fields: Record<string, MrzFieldDetail> = {};
  const rawOf = (f: FieldSpec) => (lines[f.line] ?? '').slice(f.start, f.end);
  let datesOk = true;

  const detail = (f: FieldSpec, value: string | null, check?: CheckStatus): MrzFieldDetail =>
    check === undefined
      ? { value, raw: rawOf(f), line: f.line + 1, start: f.start + 1, end: f.end }
      : { value, raw: rawOf(f), line: f.line + 1, start: f.start + 1, end: f.end, check };

  const date = (f: FieldSpec, role: DateRole): string | null => {
    const parsed = parseMrzDate(rawOf(f), role, ctx.now);
    if (parsed.state === 'invalid') {
      datesOk = false;
      warnings.push({ code: 'invalid-date', message: `${f.name} ${rawOf(f)} is not a calendar date`, field: f.name });
    } else if (parsed.state === 'partial') {
      warnings.push({ code: 'date-partially-unknown', message: `${f.name} ${rawOf(f)} has an unknown month or day (§1.4)`, field: f.name });
    }
    return parsed.iso;
  };

  const state = (f: FieldSpec): string | null => {
    const code = stripRight(rawOf(f));
    if (code === '') return null;
    const s = stateStatus(code);
    if (s === 'specimen') warnings.push({ code: 'specimen-state', message: `${code} is the ICAO specimen code (Utopia)`, field: f.name });
    else if (s === 'deprecated') warnings.push({ code: 'deprecated-state', message: `${code} is a deprecated code`, field: f.name });
    else if (s === 'unknown') warnings.push({ code: 'unknown-state', message: `${code} is not in the ICAO/ISO 3166 code list`, field: f.name });
    return code;
  };

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
    specs.set(f.name, f);
    let value: string | null;
    switch (f.name) {
      case 'issuer': value = issuer = state(f); break;
      case 'nationality': value = nationality = state(f); break;
      case 'birthDate': value = birthDate = date(f, 'birth'); break;
      case 'expiryDate': value = expiryDate = date(f, 'expiry'); break;
      case 'name': {
        const n = parseName(rawOf(f));
        surname = n.surname;
        givenNames = n.givenNames;
        truncated = n.mayBeTruncated;
        value = n.givenNames ? `${n.surname}, ${n.givenNames}` : n.surname;
        break;
      }
      case 'sex': {
        const s = rawOf(f);
        if (s === 'M' || s === 'F' || s === '<') sex = s;
        else if (s === 'X') {
          sex = 'X';
          warnings.push({ code: 'sex-x', message: "sex 'X' is not an ICAO MRZ value ('<' is); accepted (§1.5)", field: 'sex' });
        } else warnings.push({ code: 'invalid-sex', message: `sex ${JSON.stringify(s)} is not M, F, < or X`, field: 'sex' });
        value = sex;
        break;
      }
      default: {
        const raw = stripRight(rawOf(f));
        value = raw === '' ? null : raw;
      }
    }
    const base = f.name.endsWith('CheckDigit') ? f.name.slice(0, -'CheckDigit'.length) : f.name;
    fields[f.name] = detail(f, value, statusOf.get(base === 'documentNumberOverflow' ? 'documentNumber' : base));
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
    if (issuer === 'CHN') {
      const pn = specs.get('optionalData') ? rawOf(specs.get('optionalData')!) : '';
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
        if (statusOf.get('optionalData') === 'invalid' && ['documentNumber', 'birthDate', 'expiryDate', 'composite'].every((n) => statusOf.get(n) === 'valid')) {
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
    const gbk = specs.get('nameChineseCode');
    if (gbk) {
      const decoded = decodeGbkName(rawOf(gbk));
      nameChinese = decoded.name;
      if (decoded.failed) warnings.push({ code: 'gbk-decode-failed', message: 'the DG1 Chinese name code does not decode', field: 'nameChineseCode' });
    }
  }
  if (layout.format === 'CN_PERMIT_3LINE') checks.push(...cnPermitDateCandidates(lines));
  if (layout.format === 'TD2' && specs.has('documentNumberOverflow')) {
    warnings.push({ code: 'long-document-number-inferred', message: 'TD2 long-number layout is inferred from 9303 Part 6 implementations (§2.2)', field: 'documentNumber' });
  }

  if (specs.has('name')) {
    warnings.push({ code: 'names-unverified', message: 'no check digit covers names: confirm them from the chip or the document face (§2.6)', field: 'name' });
    if (truncated) warnings.push({ code: 'name-may-be-truncated', message: 'the name field ends in a letter: the name may be truncated (§1.3)', field: 'name' });
  }

  const charsetOk = allInCharset(lines);
  if (!charsetOk) warnings.push({ code: 'invalid-characters', message: 'characters outside A–Z, 0–9 and < (unread positions stay visible, §4)' });
  if (ctx.ambiguous) warnings.push({ code: 'ambiguous-repair', message: 'more than one repair validates; none was applied' });

  const gating = checks.filter((c) => !c.field.startsWith('candidate:'));
  const valid = !ctx.ambiguous && charsetOk && datesOk && gating.length > 0 && gating.every((c) => c.status === 'valid' || c.status === 'absent');

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
    expired: expiryDate === null ? null : isBefore(expiryDate, ctx.now),
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

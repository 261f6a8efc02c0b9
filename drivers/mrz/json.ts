/** The plain JSON object `passage mrz parse` prints (and the host may log after masking). */
import type { MrzResult } from './types.ts';

export function toParseJson(result: MrzResult): Record<string, unknown> {
  return {
    ok: result.ok,
    ...(result.error ? { error: result.error } : {}),
    format: result.format,
    documentKind: result.documentKind,
    documentCode: result.documentCode,
    issuer: result.issuer,
    documentNumber: result.documentNumber,
    nationality: result.nationality,
    birthDate: result.birthDate,
    sex: result.sex,
    expiryDate: result.expiryDate,
    expired: result.expired,
    surname: result.surname,
    givenNames: result.givenNames,
    optionalData: result.optionalData,
    optionalData2: result.optionalData2,
    nameChinese: result.nameChinese,
    nameChineseOmitted: result.nameChineseOmitted,
    nameMayBeTruncated: result.nameMayBeTruncated,
    namesVerified: result.namesVerified,
    valid: result.valid,
    ambiguous: result.ambiguous,
    layoutVerified: result.layoutVerified,
    checks: result.checks.map((c) => ({ ...c })),
    corrections: result.corrections.map((c) => ({ ...c })),
    warnings: result.warnings.map((w) => ({ ...w })),
    lines: [...result.lines],
    fields: Object.fromEntries(Object.entries(result.fields).map(([k, v]) => [k, { ...v }])),
  };
}

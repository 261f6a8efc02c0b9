/** MRZ engine public API. docs/mrz.md documents the result fields; docs/mrz-formats.md the documents. */
export { parseMrz } from './parse.ts';
export { formatMrz, toFormatInput } from './format.ts';
export { toParseJson } from './json.ts';
export { generateMrz, seededRng, ALL_FORMATS } from './generate.ts';
export type { GenerateOptions, GeneratedMrz, Rng } from './generate.ts';
export { checkDigit } from './check-digit.ts';
export { decodeGbkName } from './gbk-name.ts';
export type {
  CheckStatus,
  MrzCheck,
  MrzCorrection,
  MrzError,
  MrzFieldDetail,
  MrzFormat,
  MrzFormatInput,
  MrzFormatResult,
  MrzMode,
  MrzParseOptions,
  MrzResult,
  MrzWarning,
} from './types.ts';

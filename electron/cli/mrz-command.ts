import { z } from 'zod';
import { formatMrz, parseMrz, toFormatInput, toParseJson, type MrzFormatInput, type MrzResult } from '../../drivers/mrz/index.ts';
import { parseArgs } from './args.ts';
import { readAll, type CliCommand, type CliIo } from './command.ts';

const USAGE = `usage:
  passage mrz parse [--lenient] [--now YYYY-MM-DD] [LINE...]   parse an MRZ (lines as arguments, or on stdin)
  passage mrz format                                          read JSON on stdin, print the MRZ lines
  passage mrz ocr IMAGE...                                    read the MRZ from images (one warm worker)

parse prints one JSON object (format, documentCode, issuer, documentNumber, nationality, birthDate, sex,
expiryDate, expired, surname, givenNames, optionalData, nameChinese, valid, checks, corrections, warnings,
layoutVerified, ...). Exit status: 0 valid, 1 not valid (or not an MRZ), 2 usage error.
format accepts the JSON that parse prints, or the formatter's input
{"format":"TD3","documentCode":"P","issuer":"UTO","documentNumber":"L898902C3",...}.
Quote lines in the shell: '<' is a redirection.
`;

const formatInputSchema = z.object({
  format: z.enum(['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB', 'CN_EEP_1LINE', 'CN_PERMIT_3LINE']),
  documentCode: z.string(),
  documentNumber: z.string(),
  issuer: z.string().nullish(),
  nationality: z.string().nullish(),
  birthDate: z.string().nullish(),
  sex: z.string().nullish(),
  expiryDate: z.string().nullish(),
  surname: z.string().nullish(),
  givenNames: z.string().nullish(),
  nameField: z.string().nullish(),
  optionalData: z.string().nullish(),
  optionalData2: z.string().nullish(),
  zeroCheckDigitAsFiller: z.record(z.string(), z.boolean()).optional(),
  td1CheckIncludesFiller: z.boolean().optional(),
  lines: z.array(z.string()).optional(),
  dg1Tail: z.string().nullish(),
});

/** The JSON `mrz parse` prints carries `fields` and `checks`; it is turned back into formatter input. */
const parseJsonSchema = z.object({
  format: formatInputSchema.shape.format,
  fields: z.record(z.string(), z.object({ value: z.string().nullable(), raw: z.string(), line: z.number(), start: z.number(), end: z.number() }).passthrough()),
  checks: z.array(z.object({ field: z.string(), expected: z.string().nullable(), actual: z.string().nullable(), variant: z.string().optional() }).passthrough()),
  surname: z.string().nullable(),
  givenNames: z.string().nullable(),
  lines: z.array(z.string()),
});

async function parseCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { values: ['now'], booleans: ['lenient'] });
  if (!args.ok) {
    io.stderr.write(`passage mrz parse: ${args.error}\n\n${USAGE}`);
    return 2;
  }
  let now: Date | undefined;
  const nowFlag = args.flags.get('now');
  if (typeof nowFlag === 'string') {
    now = /^\d{4}-\d{2}-\d{2}$/.test(nowFlag) ? new Date(`${nowFlag}T00:00:00Z`) : new Date(Number.NaN);
    if (Number.isNaN(now.getTime())) {
      io.stderr.write(`passage mrz parse: --now must be a date YYYY-MM-DD, not ${JSON.stringify(nowFlag)}\n`);
      return 2;
    }
  }
  let lines: string[] = args.positional;
  if (lines.length === 0) {
    if (io.stdin.isTTY) {
      io.stderr.write(`passage mrz parse: give the MRZ lines as arguments or on stdin\n\n${USAGE}`);
      return 2;
    }
    lines = (await readAll(io.stdin)).split(/\r?\n/);
  }
  const result = parseMrz(lines, { mode: args.flags.has('lenient') ? 'lenient' : 'strict', ...(now ? { now } : {}) });
  io.stdout.write(`${JSON.stringify(toParseJson(result), null, 2)}\n`);
  return result.valid ? 0 : 1;
}

async function formatCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length > 0) {
    io.stderr.write(`passage mrz format: takes no arguments (JSON on stdin)\n\n${USAGE}`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readAll(io.stdin));
  } catch (err) {
    io.stderr.write(`passage mrz format: stdin is not JSON (${err instanceof Error ? err.message : String(err)})\n`);
    return 2;
  }
  let input: MrzFormatInput;
  const fromParse = parseJsonSchema.safeParse(json);
  if (fromParse.success) {
    input = toFormatInput(fromParse.data as unknown as MrzResult);
  } else {
    const direct = formatInputSchema.safeParse(json);
    if (!direct.success) {
      io.stderr.write(`passage mrz format: not formatter input nor parse output: ${direct.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}\n`);
      return 2;
    }
    input = direct.data;
  }
  const result = formatMrz(input);
  if (!result.ok) {
    io.stderr.write(`passage mrz format: ${result.error}\n`);
    return 1;
  }
  io.stdout.write(`${result.lines.join('\n')}\n`);
  return 0;
}

export const mrzCommand: CliCommand = {
  name: 'mrz',
  summary: 'parse, format or OCR a machine-readable zone (JSON output)',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'parse') return parseCommand(rest, io);
    if (sub === 'format') return formatCommand(rest, io);
    if (sub === 'ocr') return (await import('./mrz-ocr-command.ts')).mrzOcrCommand.run(rest, io);
    io.stderr.write(sub === undefined ? USAGE : `passage mrz: unknown sub-command '${sub}'\n\n${USAGE}`);
    return 2;
  },
};

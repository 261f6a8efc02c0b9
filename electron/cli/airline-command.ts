import { writeFile } from 'node:fs/promises';
import { decode } from 'bcbp';
import { parseArgs } from './args.ts';
import type { CliCommand, CliIo } from './command.ts';
import { createLogger } from '../log/logger.ts';
import { boardingPassBarcodePng } from '../airline/boarding-pass.ts';
import { looksLikeBcbp } from '../airline/bcbp.ts';
import { documentNameFromMrzField, matchName, parsePnrName } from '../airline/name-match.ts';
import { startAirlineSimulator } from '../airline/sim/start-simulator.ts';

const usage = `usage: passage airline <sub-command> ...

  bcbp decode TEXT            decode an IATA BCBP boarding-pass string (JSON)
  bcbp png TEXT --out FILE    render a BCBP string as a PDF417 PNG
  match MRZ_NAME PNR_NAME     compare an MRZ name field (CHAN<<TAI<MAN) with a booking name (CHAN/TAIMAN MR)
  sim [--port N] [--seed F]   run the DCS simulator on 127.0.0.1 until interrupted (prints its URL as JSON)`;

function json(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

async function run(argv: readonly string[], io: CliIo, waitForStop: () => Promise<void>): Promise<number> {
  const args = parseArgs(argv, { values: ['out', 'port', 'seed'], booleans: [] });
  if (!args.ok) {
    io.stderr.write(`passage airline: ${args.error}\n${usage}\n`);
    return 2;
  }
  const [sub, ...rest] = args.positional;
  if (sub === 'bcbp' && rest[0] === 'decode' && rest[1]) {
    if (!looksLikeBcbp(rest[1])) {
      json(io, { ok: false, error: 'not a format-M BCBP string' });
      return 1;
    }
    try {
      json(io, { ok: true, ...decode(rest[1]) });
      return 0;
    } catch (error) {
      json(io, { ok: false, error: (error as Error).message });
      return 1;
    }
  }
  if (sub === 'bcbp' && rest[0] === 'png' && rest[1]) {
    const out = args.flags.get('out');
    if (typeof out !== 'string') {
      io.stderr.write('passage airline bcbp png: --out FILE is required\n');
      return 2;
    }
    await writeFile(out, await boardingPassBarcodePng(rest[1]));
    json(io, { ok: true, out });
    return 0;
  }
  if (sub === 'match' && rest.length === 2) {
    const booking = parsePnrName(rest[1] as string);
    if (!booking) {
      io.stderr.write('passage airline match: the booking name needs a slash (SURNAME/GIVEN TITLE)\n');
      return 2;
    }
    json(io, { ok: true, document: documentNameFromMrzField(rest[0] as string), booking, result: matchName(documentNameFromMrzField(rest[0] as string), booking) });
    return 0;
  }
  if (sub === 'sim' && rest.length === 0) {
    const port = Number(args.flags.get('port') ?? 0);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.stderr.write('passage airline sim: --port must be 0–65535\n');
      return 2;
    }
    const seed = args.flags.get('seed');
    const running = await startAirlineSimulator({
      now: Date.now,
      logger: createLogger({ level: 'warn' }),
      port,
      ...(typeof seed === 'string' ? { seedFile: seed } : {}),
    });
    json(io, { ok: true, url: running.url });
    await waitForStop();
    await running.close();
    return 0;
  }
  io.stderr.write(`${usage}\n`);
  return 2;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export const airlineCommand: CliCommand = {
  name: 'airline',
  summary: 'BCBP decode / PDF417 render, name matching, DCS simulator (JSON output)',
  usage,
  run: (argv, io) => run(argv, io, untilSignal),
};

/** For tests: the same command with an injected stop signal for `sim`. */
export function airlineCommandWith(waitForStop: () => Promise<void>): CliCommand {
  return { ...airlineCommand, run: (argv, io) => run(argv, io, waitForStop) };
}

import { readFile } from 'node:fs/promises';
import type { CliIo } from '../command.ts';
import { parseArgs } from '../args.ts';
import { signConfig } from '../../fleet/signed-config.ts';
import { stringFlag, usageError } from './cli-support.ts';

export const signUsage = `usage: passage fleet sign-config --key FILE --site S --kiosks ID[,ID...] CONFIG.json

Signs the top-level kiosk configuration keys in CONFIG.json for the named kiosks of site S ('*' for all)
with the fleet's private key (PEM, ECDSA P-256 or Ed25519) and prints the 'signed' object a config
command carries: {"document": "...", "signature": "..."}. fleet, mode, dataDir and metrics cannot be pushed.`;

export async function runSign(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { values: ['key', 'site', 'kiosks', 'issued-at'], booleans: [] });
  if (!args.ok) return usageError(io, 'sign-config', args.error, signUsage);
  const key = stringFlag(args.flags.get('key'));
  const site = stringFlag(args.flags.get('site'));
  const kiosks = stringFlag(args.flags.get('kiosks'))?.split(',').filter(Boolean);
  const file = args.positional[0];
  if (!key || !site || !kiosks?.length || !file || args.positional.length !== 1) return usageError(io, 'sign-config', 'needs --key, --site, --kiosks and one CONFIG.json', signUsage);
  let config: unknown;
  try {
    config = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    io.stderr.write(`passage fleet sign-config: ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    io.stderr.write(`passage fleet sign-config: ${file}: not a JSON object of configuration keys\n`);
    return 1;
  }
  try {
    const signed = signConfig({ v: 1, site, kiosks, issuedAt: Date.now(), config: config as Record<string, unknown> }, await readFile(key, 'utf8'));
    io.stdout.write(`${JSON.stringify(signed)}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`passage fleet sign-config: ${(error as Error).message}\n`);
    return 1;
  }
}

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type KioskConfig } from '../host/config.ts';
import { defaultDataDir } from '../host/host.ts';
import { nodeHidBackend } from '../../drivers/reader/hid-device.ts';
import { parseArgs } from './args.ts';
import type { CliCommand, CliIo } from './command.ts';
import {
  checkBackEnds, checkChip, checkDevices, checkDisk, checkFleetBroker, checkFonts, checkNativeLibraries, checkOutbox, checkPlatform,
  checkSecrets, checkStaffAccounts, mrzFontFamily, uiFontFamilies, type CheckResult, type DoctorDeps,
} from './doctor-checks.ts';

const usage = `usage: passage doctor [--json] [--config FILE]

Checks what a technician checks before opening a kiosk: the configuration, secret files and their permissions
(the audit key among them), staff accounts, the fonts the UI and the OCR need, native libraries, devices present,
the chip trust store and PC/SC reader, the platform, back-ends and fleet broker reachable with their certificates,
the clock against the platform, free disk and the registration outbox. Exits 1 naming each
failure, 0 when nothing failed (warnings are printed, not failed).

  --json         one JSON object: { ok, checks: [{ check, status, detail }] }
  --config FILE  configuration file (JSON); also PASSAGE_CONFIG`;

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const defaultDeps = (): DoctorDeps => ({
  fonts: [...uiFontFamilies, mrzFontFamily],
  nodeModules: resolve(root, 'node_modules'),
  hid: nodeHidBackend(),
});

/** Every check, in the order a technician reads them. Checks that need the configuration run only with one. */
export async function runDoctor(configPath: string | undefined, deps: DoctorDeps): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  let config: KioskConfig | null = null;
  try {
    config = await loadConfig(configPath);
    results.push({ check: 'configuration', status: 'ok', detail: `${configPath ?? '(none: the simulated defaults)'}, mode ${config.mode}` });
  } catch (error) {
    results.push({ check: 'configuration', status: 'fail', detail: (error as Error).message });
  }
  const dataDir = config ? (config.dataDir ?? defaultDataDir()) : null;
  if (config && dataDir) {
    results.push(...(await checkSecrets(config, dataDir)));
    results.push(await checkStaffAccounts(config, dataDir));
  }
  results.push(...(await checkFonts(deps)));
  results.push(await checkNativeLibraries(deps));
  if (config && dataDir) {
    results.push(...(await checkDevices(config, deps)));
    results.push(...(await checkChip(config, deps)));
    results.push(...(await checkPlatform(config, deps)));
    results.push(...(await checkBackEnds(config, deps)));
    results.push(await checkFleetBroker(config, deps));
    results.push(checkDisk(config, dataDir, deps));
    results.push(await checkOutbox(config, dataDir));
  }
  return results;
}

function text(results: readonly CheckResult[]): string {
  const mark = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL', skip: '-   ' } as const;
  const width = Math.max(...results.map((r) => r.check.length));
  const lines = results.map((r) => `${mark[r.status]}  ${r.check.padEnd(width)}  ${r.detail}`);
  const failed = results.filter((r) => r.status === 'fail');
  lines.push('', failed.length === 0 ? 'no failures' : `${failed.length} failed: ${failed.map((r) => r.check).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export function doctorCommand(deps: () => DoctorDeps = defaultDeps): CliCommand {
  return {
    name: 'doctor',
    summary: 'check configuration, secrets, staff accounts, fonts, libraries, devices, chip reader, back-ends, broker, clock, disk and outbox',
    usage,
    async run(argv: readonly string[], io: CliIo): Promise<number> {
      const args = parseArgs(argv, { values: ['config'], booleans: ['json'] });
      if (!args.ok || args.positional.length > 0) {
        io.stderr.write(`passage doctor: ${args.ok ? `unexpected argument '${args.positional[0]}'` : args.error}\n${usage}\n`);
        return 2;
      }
      const flag = args.flags.get('config');
      const configPath = typeof flag === 'string' ? flag : process.env.PASSAGE_CONFIG || undefined;
      const results = await runDoctor(configPath, deps());
      const failed = results.some((r) => r.status === 'fail');
      io.stdout.write(args.flags.has('json') ? `${JSON.stringify({ ok: !failed, checks: results })}\n` : text(results));
      return failed ? 1 : 0;
    },
  };
}

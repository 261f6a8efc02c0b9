import { join } from 'node:path';
import { findAuditKey } from '../audit/audit-key.ts';
import { readAuditEntries, verifyAuditLog } from '../audit/audit-verify.ts';
import { isSetupError } from '../../drivers/setup-error.ts';
import { parseArgs } from './args.ts';
import type { CliCommand } from './command.ts';
import { kioskFiles } from './kiosk-files.ts';

const usage = `usage: passage audit verify [--data-dir DIR] [--config FILE] [--key-file FILE] [--json]
       passage audit show [--since WHEN] [--data-dir DIR] [--config FILE] [--json]

The kiosk's audit trail, <dataDir>/audit (docs/staff.md "Audit trail").

  verify         checks every entry's HMAC and the chain through every file; exits 0 when the log is intact,
                 1 naming the first changed, removed or reordered entry
  show           prints the entries (not checked: use verify)
  --since WHEN   entries from then on: an ISO date or time (2026-01-05, 2026-01-05T08:00Z), or an age (30m, 2h, 7d)
  --data-dir DIR the kiosk's data directory (default: the configuration's dataDir, else ~/.local/share/passage)
  --config FILE  the kiosk's configuration (also PASSAGE_CONFIG): its dataDir and audit.key
  --key-file FILE the HMAC key file (default: audit.key of the configuration, else a simulated kiosk's key)
  --json         one JSON document on stdout`;

/** `--since`: an age (`30m`, `2h`, `7d`) before `now`, or an ISO date or time. */
export function parseSince(text: string, now: number): number | null {
  const age = /^(\d+)([mhd])$/.exec(text);
  if (age) return now - Number(age[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[age[2] as 'm' | 'h' | 'd'];
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : at;
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'verify or show the audit trail',
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, { values: ['data-dir', 'config', 'key-file', 'since'], booleans: ['json'] });
    const [action, ...extra] = args.ok ? args.positional : [];
    if (!args.ok || extra.length > 0 || (action !== 'verify' && action !== 'show')) {
      io.stderr.write(`passage audit: ${args.ok ? (action === undefined ? 'verify or show?' : `unexpected argument '${extra[0] ?? action}'`) : args.error}\n${usage}\n`);
      return 2;
    }
    const json = args.flags.has('json');
    try {
      const { config, dataDir } = await kioskFiles(args.flags);
      const dir = join(dataDir, 'audit');
      if (action === 'show') {
        const sinceFlag = args.flags.get('since');
        const since = typeof sinceFlag === 'string' ? parseSince(sinceFlag, Date.now()) : 0;
        if (since === null) {
          io.stderr.write(`passage audit: --since takes an ISO date or time or an age like 2h, not '${String(sinceFlag)}'\n`);
          return 2;
        }
        const entries = await readAuditEntries(dir, (r) => Date.parse(r.at) >= since);
        if (json) io.stdout.write(`${JSON.stringify({ entries: entries.map(({ mac: _mac, prev: _prev, ...rest }) => rest) })}\n`);
        else for (const e of entries) io.stdout.write(`${String(e.seq).padStart(6)}  ${e.at}  ${e.actor.padEnd(12)}  ${e.type}  ${JSON.stringify(e.data)}\n`);
        return 0;
      }
      const keyFile = args.flags.get('key-file');
      const key = await findAuditKey({ ...(typeof keyFile === 'string' ? { keyFile } : {}), ...(config.audit.key ? { ref: config.audit.key } : {}), dataDir });
      const result = await verifyAuditLog(dir, key);
      if (json) {
        io.stdout.write(`${JSON.stringify({ ok: result.ok, directory: dir, entries: result.entries, files: result.files, last: result.last, problem: result.problem })}\n`);
      } else if (result.ok) {
        io.stdout.write(`audit log ${dir} is intact: ${result.entries} entries in ${result.files.length} file(s)${result.last ? `, the last at ${result.last.at}` : ''}\n`);
      } else {
        const p = result.problem!;
        const where = p.line > 0 ? `${p.file} line ${p.line}${p.seq !== null ? ` (entry ${p.seq})` : ''}` : p.file;
        io.stdout.write(`audit log ${dir} is NOT intact: ${p.kind} at ${where}: ${p.message}\n${result.entries} entries before it are intact\n`);
      }
      return result.ok ? 0 : 1;
    } catch (error) {
      if (!isSetupError(error)) throw error;
      io.stderr.write(`passage audit: ${(error as Error).message}\n`);
      return 2;
    }
  },
};

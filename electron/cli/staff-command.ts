import { userInfo } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../audit/audit-log.ts';
import { loadAuditKey } from '../audit/audit-key.ts';
import { staffRoles, type StaffRole } from '../contract/index.ts';
import { isSetupError } from '../../drivers/setup-error.ts';
import { fileAccountStore } from '../staff/account-store.ts';
import { StaffAccounts, type AccountResult } from '../staff/staff-accounts.ts';
import { parseArgs } from './args.ts';
import type { CliCommand, CliIo } from './command.ts';
import { kioskFiles } from './kiosk-files.ts';

const usage = `usage: passage staff add ID --role agent|technician|admin [--badge CODE]
       passage staff passwd ID
       passage staff disable ID | enable ID
       passage staff list [--json]
  each with [--data-dir DIR] [--config FILE]

Staff accounts of the kiosk (docs/staff.md "Accounts"), in <dataDir>/staff/accounts.json. The PIN (6 to 12
digits) is read from the terminal without echo, or as the first line of standard input; never from the command
line, where other users could see it. Every change is recorded in the audit trail as made by console:<user>.
A running kiosk sees a change at the next login.

  --role ROLE    agent (travellers, out of service, consumables, registrations), technician (devices,
                 settings, diagnostics, restart) or admin (everything, and accounts)
  --badge CODE   the barcode of the person's staff badge; the badge and the PIN then log in
  --data-dir DIR the kiosk's data directory (default: the configuration's dataDir, else ~/.local/share/passage)
  --config FILE  the kiosk's configuration (also PASSAGE_CONFIG): its dataDir, mode and audit.key`;

/** Reads a PIN: without echo from a terminal (asked twice), else the first line of standard input. */
async function readPin(io: CliIo): Promise<string | null> {
  const stdin = io.stdin as NodeJS.ReadStream;
  if (stdin.isTTY && typeof stdin.setRawMode === 'function') {
    const first = await readHidden(stdin, io, 'PIN: ');
    const second = await readHidden(stdin, io, 'PIN again: ');
    return first === second ? first : null;
  }
  let text = '';
  for await (const chunk of io.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

function readHidden(stdin: NodeJS.ReadStream, io: CliIo, prompt: string): Promise<string> {
  io.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve) => {
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004' || ch === '\u0003') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          io.stderr.write('\n');
          return resolve(ch === '\u0003' ? '' : typed);
        }
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

export const staffCommand: CliCommand = {
  name: 'staff',
  summary: 'add, change, disable or list staff accounts',
  usage,
  async run(argv, io) {
    const args = parseArgs(argv, { values: ['data-dir', 'config', 'role', 'badge'], booleans: ['json'] });
    if (!args.ok) {
      io.stderr.write(`passage staff: ${args.error}\n${usage}\n`);
      return 2;
    }
    const [action, id, ...extra] = args.positional;
    const needsId = action === 'add' || action === 'passwd' || action === 'disable' || action === 'enable';
    if (!(needsId || action === 'list') || (needsId && id === undefined) || extra.length > 0 || (action === 'list' && id !== undefined)) {
      io.stderr.write(`passage staff: ${action === undefined ? 'add, passwd, disable, enable or list?' : `cannot read '${args.positional.join(' ')}'`}\n${usage}\n`);
      return 2;
    }
    const role = args.flags.get('role');
    if (action === 'add' && !staffRoles.includes(role as StaffRole)) {
      io.stderr.write(`passage staff add: --role must be one of ${staffRoles.join(', ')}\n`);
      return 2;
    }
    try {
      const { config, dataDir } = await kioskFiles(args.flags);
      const accounts = new StaffAccounts(fileAccountStore(join(dataDir, 'staff', 'accounts.json')), { now: Date.now });
      if (action === 'list') {
        const list = await accounts.list();
        if (args.flags.has('json')) io.stdout.write(`${JSON.stringify({ accounts: list })}\n`);
        else for (const a of list) io.stdout.write(`${a.id.padEnd(20)} ${a.role.padEnd(11)} ${a.disabled ? 'disabled' : 'enabled '} ${a.badge ? 'badge' : ''}\n`.trimEnd() + '\n');
        return 0;
      }
      const key = await loadAuditKey({ ref: config.audit.key, dataDir, mode: config.mode });
      const audit = await AuditLog.open({ dir: join(dataDir, 'audit'), key, now: Date.now });
      const actor = `console:${userInfo().username}`.replace(/[^A-Za-z0-9._:@-]/g, '_').slice(0, 64);
      const account = id as string;
      let result: AccountResult;
      if (action === 'add' || action === 'passwd') {
        const pin = await readPin(io);
        if (pin === null) {
          io.stderr.write('passage staff: the two PINs differ\n');
          return 1;
        }
        if (action === 'add') {
          const badge = args.flags.get('badge');
          await audit.append({ type: 'account.added', actor, data: { id: account, role: role as string, badge: typeof badge === 'string' } });
          result = await accounts.add({ id: account, role: role as StaffRole, pin, badge: typeof badge === 'string' ? badge : null });
        } else {
          await audit.append({ type: 'account.pinChanged', actor, data: { id: account } });
          result = await accounts.setPin(account, pin);
        }
      } else {
        await audit.append({ type: action === 'disable' ? 'account.disabled' : 'account.enabled', actor, data: { id: account } });
        result = await accounts.setDisabled(account, action === 'disable');
      }
      if (!result.ok) {
        await audit.append({ type: 'staff.actionFailed', actor, data: { action: `staff ${action}`, error: result.error } });
        io.stderr.write(`passage staff ${action}: ${result.message}\n`);
        return 1;
      }
      io.stdout.write(`account ${account}: ${{ add: 'added', passwd: 'PIN changed', disable: 'disabled', enable: 'enabled' }[action]}\n`);
      return 0;
    } catch (error) {
      if (!isSetupError(error) && (error as Error).name !== 'AuditError') throw error;
      io.stderr.write(`passage staff: ${(error as Error).message}\n`);
      return 2;
    }
  },
};

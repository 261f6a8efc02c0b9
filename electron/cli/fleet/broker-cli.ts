import { resolve } from 'node:path';
import type { CliIo } from '../command.ts';
import { parseArgs } from '../args.ts';
import type { StaffAccount } from '../../fleet/broker-files.ts';
import { startDevBroker } from '../../fleet/dev-broker.ts';
import { intFlag, simulatedKioskIds, stringFlag, usageError } from './cli-support.ts';

export const brokerUsage = `usage: passage fleet broker --dir DIR [--kiosks N] [--prefix P] [--staff USER:PASSWORD:ROLE,...]

Runs a development Mosquitto (Debian package mosquitto) with a generated CA, TLS listeners for kiosks
(client certificates) and staff (passwords), and the fleet ACL, until interrupted. Issues N kiosk
certificates (P-0001 …) into DIR and prints one JSON line with the addresses and file paths.
  --staff   default ops:ops:operator,viewer:viewer:viewer (ROLE operator or viewer)`;

export function parseStaff(text: string): StaffAccount[] | string {
  const accounts: StaffAccount[] = [];
  for (const item of text.split(',')) {
    const [user, password, role] = item.split(':');
    if (!user || !password || (role !== 'operator' && role !== 'viewer')) return `--staff: '${item}' is not USER:PASSWORD:operator|viewer`;
    accounts.push({ user, password, role });
  }
  return accounts;
}

export async function runBroker(argv: readonly string[], io: CliIo, stopped: Promise<void>): Promise<number> {
  const args = parseArgs(argv, { values: ['dir', 'kiosks', 'prefix', 'staff'], booleans: ['verbose'] });
  if (!args.ok) return usageError(io, 'broker', args.error, brokerUsage);
  const dir = stringFlag(args.flags.get('dir'));
  if (!dir) return usageError(io, 'broker', '--dir is required', brokerUsage);
  const kiosks = intFlag(args.flags.get('kiosks'), 'kiosks', 0, [0, 100_000]);
  if (typeof kiosks === 'string') return usageError(io, 'broker', kiosks, brokerUsage);
  const staff = parseStaff(stringFlag(args.flags.get('staff')) ?? 'ops:ops:operator,viewer:viewer:viewer');
  if (typeof staff === 'string') return usageError(io, 'broker', staff, brokerUsage);
  const broker = await startDevBroker({ dir: resolve(dir), staff, verbose: args.flags.has('verbose') });
  for (const id of simulatedKioskIds(stringFlag(args.flags.get('prefix')) ?? 'kiosk', kiosks)) await broker.issueKiosk(id);
  io.stdout.write(
    `${JSON.stringify({ kioskUrl: broker.kioskUrl, staffUrl: broker.staffUrl, caPath: broker.paths.caCert, certs: broker.paths.dir, fleetKey: broker.fleetKey, staff: staff.map((s) => ({ user: s.user, role: s.role })) })}\n`,
  );
  await stopped;
  await broker.stop();
  return 0;
}

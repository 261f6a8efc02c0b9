import { SerialPort } from 'serialport';
import { guessProfile, isProfileName, profileNames, profiles } from '../../drivers/framing/profiles.ts';
import { parseMrz, toParseJson } from '../../drivers/mrz/index.ts';
import { isKeyboardInterface, nodeHidBackend, type HidBackend, type HidDeviceInfo } from '../../drivers/reader/hid-device.ts';
import { hex4, hexId, type SerialPortClass, type SerialPortInfo } from '../../drivers/reader/serial-link.ts';
import { createSerialReader } from '../../drivers/reader/serial-reader.ts';
import { systemClock, type Clock } from '../../drivers/clock.ts';
import { parseArgs } from './args.ts';
import type { CliCommand, CliIo } from './command.ts';

const USAGE = `usage:
  passage devices list
      serial ports and HID devices with VID/PID and a guessed profile (JSON)
  passage devices listen --port PATH --profile NAME [--baud N] [--parity none|even|odd] [--count N]
      open a serial reader and print one JSON line per event: status, readStart, data (raw lines and the
      parsed MRZ), readEnd, error. Stops after N reads with --count, else on Ctrl-C.

profiles: ${profileNames.join(', ')}
Socat ptys and other unlisted ports are opened by path.
`;

export interface DevicesCommandDeps {
  readonly serialPorts: SerialPortClass;
  readonly hid: HidBackend;
  readonly timers: Clock;
  readonly exists?: (path: string) => boolean;
  /** Resolves when `listen` should stop (default: SIGINT or SIGTERM). */
  readonly interrupted: () => Promise<void>;
}

const defaultDeps = (): DevicesCommandDeps => ({
  serialPorts: SerialPort as unknown as SerialPortClass,
  hid: nodeHidBackend(),
  timers: systemClock,
  interrupted: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
});

const hexOf = (n: number | undefined): string | null => (n === undefined ? null : `0x${hex4(n)}`);

/** Honeywell and Honeywell/HHP vendor ids (docs/devices.md §1.2, §1.9): HID-POS capable scanners. */
const hidPosVendors = new Set([0x0c2e, 0x0536]);

export function guessHidProfile(info: HidDeviceInfo): string | null {
  if (isKeyboardInterface(info)) return 'keyboard-wedge (unsupported: switch the device to HID-POS or USB-CDC)';
  if (info.usagePage === 0x8c || hidPosVendors.has(info.vendorId)) return 'hid-pos';
  return guessProfile(info.vendorId, info.productId) ?? null;
}

async function list(io: CliIo, deps: DevicesCommandDeps): Promise<number> {
  let serial: unknown[] | { error: string };
  try {
    serial = (await deps.serialPorts.list()).map((p: SerialPortInfo) => {
      const vid = hexId(p.vendorId);
      const pid = hexId(p.productId);
      return {
        path: p.path,
        vendorId: hexOf(vid),
        productId: hexOf(pid),
        manufacturer: p.manufacturer ?? null,
        serialNumber: p.serialNumber ?? null,
        profile: guessProfile(vid, pid) ?? null,
      };
    });
  } catch (error) {
    serial = { error: (error as Error).message };
  }
  let hid: unknown[] | { error: string };
  try {
    hid = (await deps.hid.devices()).map((d) => ({
      path: d.path ?? null,
      vendorId: hexOf(d.vendorId),
      productId: hexOf(d.productId),
      usagePage: hexOf(d.usagePage),
      usage: hexOf(d.usage),
      interface: d.interface ?? null,
      manufacturer: d.manufacturer ?? null,
      product: d.product ?? null,
      profile: guessHidProfile(d),
    }));
  } catch (error) {
    hid = { error: (error as Error).message };
  }
  io.stdout.write(`${JSON.stringify({ serial, hid }, null, 2)}\n`);
  return 0;
}

async function listen(argv: readonly string[], io: CliIo, deps: DevicesCommandDeps): Promise<number> {
  const args = parseArgs(argv, { values: ['port', 'profile', 'baud', 'parity', 'count'], booleans: [] });
  if (!args.ok) return usageError(io, args.error);
  const port = args.flags.get('port');
  const profile = args.flags.get('profile');
  if (typeof port !== 'string') return usageError(io, '--port PATH is required');
  if (typeof profile !== 'string' || !isProfileName(profile)) return usageError(io, `--profile must be one of ${profileNames.join(', ')}`);
  const baud = numberFlag(args.flags.get('baud'));
  const count = numberFlag(args.flags.get('count'));
  const parity = args.flags.get('parity');
  if (baud === null) return usageError(io, '--baud must be a positive integer');
  if (count === null) return usageError(io, '--count must be a positive integer');
  if (parity !== undefined && parity !== 'none' && parity !== 'even' && parity !== 'odd') return usageError(io, '--parity must be none, even or odd');

  const reader = createSerialReader({
    id: 'listen',
    path: port,
    profile: profiles[profile],
    serial: { ...(baud !== undefined ? { baudRate: baud } : {}), ...(parity !== undefined ? { parity } : {}) },
    ports: deps.serialPorts,
    timers: deps.timers,
    ...(deps.exists ? { exists: deps.exists } : {}),
  });
  const print = (line: Record<string, unknown>): void => void io.stdout.write(`${JSON.stringify(line)}\n`);
  let reads = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  reader.subscribe((event) => {
    switch (event.type) {
      case 'status':
        return print({ event: 'status', status: event.status });
      case 'data':
        return print({ event: 'data', lines: event.data.lines, parsed: toParseJson(parseMrz(event.data.lines, { mode: 'strict' })) });
      case 'error':
        return print({ event: 'error', code: event.error.code, message: event.error.message });
      case 'readEnd':
        print({ event: 'readEnd' });
        reads += 1;
        if (count !== undefined && reads >= count) done();
        return undefined;
      default:
        return print({ event: event.type });
    }
  });
  await reader.start();
  await Promise.race([finished, deps.interrupted()]);
  await reader.stop();
  return 0;
}

function numberFlag(value: string | true | undefined): number | undefined | null {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : null;
}

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`passage devices: ${message}\n\n${USAGE}`);
  return 2;
}

export function createDevicesCommand(overrides: Partial<DevicesCommandDeps> = {}): CliCommand {
  return {
    name: 'devices',
    summary: 'list serial/HID devices, or listen to a reader (JSON output)',
    usage: USAGE,
    async run(argv, io) {
      const deps = { ...defaultDeps(), ...overrides };
      const [sub, ...rest] = argv;
      if (sub === 'list') return list(io, deps);
      if (sub === 'listen') return listen(rest, io, deps);
      return usageError(io, sub === undefined ? 'a sub-command is required' : `unknown sub-command '${sub}'`);
    },
  };
}

export const devicesCommand = createDevicesCommand();

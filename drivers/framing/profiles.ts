import { createAccessIsFramer, encodeAccessIs } from './access-is.ts';
import { createCnJsonFramer, encodeCnJson } from './cn-json.ts';
import { createDeskoFramer, encodeDesko } from './desko-cute.ts';
import { createElyctisFramer, elyctisContinuousRead, encodeElyctis } from './elyctis.ts';
import type { Framer, FramerOptions } from './framer.ts';
import { createLinesFramer, encodeLines } from './lines.ts';
import { createRteFramer, encodeRte } from './rte-3m.ts';

/** The protocol profiles the configuration can name (docs/devices.md §1.12 framer table). */
export const profileNames = ['access-is', 'desko-cute', '3m-rte', 'elyctis', 'cn-json', 'lines'] as const;
export type ProfileName = (typeof profileNames)[number];

export interface SerialSettings {
  readonly baudRate: number;
  readonly dataBits: 5 | 6 | 7 | 8;
  readonly parity: 'none' | 'even' | 'odd';
  readonly stopBits: 1 | 2;
}

export interface FramingProfile {
  readonly name: ProfileName;
  readonly description: string;
  createFramer(options?: FramerOptions): Framer;
  /** Frames MRZ lines the way the device sends them (tests, simulator faults, pty end-to-end). */
  encode(lines: readonly string[]): Uint8Array;
  readonly serial: SerialSettings;
  /** Written once the port is open (enable commands). */
  readonly openCommands: readonly Uint8Array[];
  /** Written after every completed read (readers that disarm themselves after one document). */
  readonly afterReadCommands: readonly Uint8Array[];
  /** USB vendor/product ids known to speak this profile, for `passage devices list` guesses. */
  readonly usbIds: readonly { readonly vid: number; readonly pid?: number }[];
}

const serial8N1 = (baudRate: number): SerialSettings => ({ baudRate, dataBits: 8, parity: 'none', stopBits: 1 });

export const profiles: Readonly<Record<ProfileName, FramingProfile>> = {
  'access-is': {
    name: 'access-is',
    description: 'Access-IS OCR readers: FS … GS on serial/CDC, 1C 02 … 03 1D in HID reports (§1.2)',
    createFramer: createAccessIsFramer,
    encode: encodeAccessIs,
    // GAP (§1.2): the CDC baud rate is undocumented; virtual COM ports usually ignore it.
    serial: serial8N1(9600),
    openCommands: [],
    afterReadCommands: [],
    usbIds: [{ vid: 0x0db5 }, { vid: 0x0483, pid: 0x120 }],
  },
  'desko-cute': {
    name: 'desko-cute',
    description: 'DESKO CUTE serial: SODn STX … ETX EODn (§1.3)',
    createFramer: createDeskoFramer,
    encode: (lines) => encodeDesko(lines),
    serial: serial8N1(9600), // GAP (§1.3): the COM-settings section of the spec was not captured
    openCommands: [],
    afterReadCommands: [],
    usbIds: [],
  },
  '3m-rte': {
    name: '3m-rte',
    description: '3M RTE Native: SOH len "OU" STX … ETX BCC (§1.4)',
    createFramer: createRteFramer,
    encode: (lines) => encodeRte(lines),
    serial: serial8N1(9600), // GAP (§1.4): baud not in the cited pages
    openCommands: [], // "RTE Native … does not accept any commands" (§1.4)
    afterReadCommands: [],
    usbIds: [],
  },
  elyctis: {
    name: 'elyctis',
    description: 'Elyctis IDBOX One: opcode + 16-bit length, continuous read (§1.7)',
    createFramer: createElyctisFramer,
    encode: (lines) => encodeElyctis(lines),
    serial: serial8N1(115200), // GAP (§1.7): the command set does not state serial settings
    openCommands: [elyctisContinuousRead(true)],
    afterReadCommands: [elyctisContinuousRead(true)],
    usbIds: [],
  },
  'cn-json': {
    name: 'cn-json',
    description: 'Chinese multi-document readers: STX JSON ETX CR LF, 256000 8-O-1 (§1.8)',
    createFramer: createCnJsonFramer,
    encode: (lines) => encodeCnJson(lines),
    serial: { baudRate: 256000, dataBits: 8, parity: 'odd', stopBits: 1 },
    openCommands: [],
    afterReadCommands: [],
    usbIds: [],
  },
  lines: {
    name: 'lines',
    description: 'plain CR/LF lines ended by an inter-byte gap, for simple readers and keyboard-style output',
    createFramer: createLinesFramer,
    encode: encodeLines,
    serial: serial8N1(9600),
    openCommands: [],
    afterReadCommands: [],
    usbIds: [],
  },
};

export function isProfileName(name: string): name is ProfileName {
  return (profileNames as readonly string[]).includes(name);
}

/** The profile a USB device probably speaks, by VID/PID, for `passage devices list`. */
export function guessProfile(vid: number | undefined, pid: number | undefined): ProfileName | undefined {
  if (vid === undefined) return undefined;
  for (const profile of Object.values(profiles)) {
    if (profile.usbIds.some((id) => id.vid === vid && (id.pid === undefined || id.pid === pid))) return profile.name;
  }
  return undefined;
}

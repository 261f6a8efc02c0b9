import type { FramingProfile, SerialSettings } from '../framing/profiles.ts';
import type { FramerOptions } from '../framing/framer.ts';
import { FramedDocumentReader } from './framed-reader.ts';
import type { Backoff } from './link-supervisor.ts';
import { existsSync } from 'node:fs';
import { serialConnect, type SerialPortClass, type SerialTarget } from './serial-link.ts';
import type { Clock } from '../clock.ts';

export interface SerialReaderOptions extends SerialTarget {
  readonly id: string;
  readonly profile: FramingProfile;
  /** Overrides of the profile's line settings (baud, data bits, parity, stop bits). */
  readonly serial?: Partial<SerialSettings>;
  readonly ports: SerialPortClass;
  readonly timers: Clock;
  readonly backoff?: Backoff;
  readonly framerOptions?: FramerOptions;
  /** How the device node's presence is checked (default: the file system for POSIX paths, every 500 ms). */
  readonly exists?: (path: string) => boolean;
  readonly presenceIntervalMs?: number;
}

/** A passport reader on a serial / USB-CDC port speaking one of the framing profiles. */
export function createSerialReader(options: SerialReaderOptions): FramedDocumentReader {
  const settings: SerialSettings = { ...options.profile.serial, ...stripUndefined(options.serial ?? {}) };
  return new FramedDocumentReader({
    id: options.id,
    connect: serialConnect(options.ports, { path: options.path, vid: options.vid, pid: options.pid }, settings, {
      timers: options.timers,
      exists: options.exists ?? deviceNodeExists,
      intervalMs: options.presenceIntervalMs ?? 500,
    }),
    protocol: options.profile,
    timers: options.timers,
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.framerOptions ? { framerOptions: options.framerOptions } : {}),
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** POSIX device nodes vanish on unplug; Windows `COM3` names are not files, so they are not watched. */
export function deviceNodeExists(path: string): boolean {
  return !path.startsWith('/') || existsSync(path);
}

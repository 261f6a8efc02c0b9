import type { SerialSettings } from '../framing/profiles.ts';
import type { Connect, LinkFailure } from './link.ts';
import type { Clock } from '../clock.ts';

/** What `serialport` lists; vendor/product ids are hex strings (`"0db5"`). */
export interface SerialPortInfo {
  readonly path: string;
  readonly vendorId?: string | undefined;
  readonly productId?: string | undefined;
  readonly manufacturer?: string | undefined;
  readonly serialNumber?: string | undefined;
}

/** The slice of a `serialport` stream the adapter uses (SerialPort and SerialPortMock both fit). */
export interface SerialStream {
  open(callback: (error: Error | null) => void): void;
  write(data: Uint8Array, callback?: (error: Error | null | undefined) => void): boolean;
  close(callback?: (error: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: (error?: (Error & { disconnected?: boolean }) | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  readonly isOpen: boolean;
}

/**
 * A serialport class: `SerialPort` for hardware, `SerialPortMock` in tests (docs/toolchain.md "Serial ports": import the mock
 * from 'serialport', never @serialport/binding-mock directly).
 */
export interface SerialPortClass {
  new (options: {
    path: string;
    baudRate: number;
    dataBits: 5 | 6 | 7 | 8;
    parity: 'none' | 'even' | 'odd';
    stopBits: 1 | 2;
    autoOpen: false;
  }): SerialStream;
  list(): Promise<SerialPortInfo[]>;
}

export interface SerialTarget {
  /** Device path (`/dev/ttyACM0`, a socat pty link). Takes precedence over vid/pid. */
  readonly path?: string | undefined;
  readonly vid?: number | undefined;
  readonly pid?: number | undefined;
}

/**
 * Finds the port: the path as given, else the first listed port whose VID/PID match. Socat ptys are not
 * listed by `SerialPort.list()` (docs/toolchain.md "Serial ports"), so ptys are always opened by path.
 */
export async function findSerialPath(ports: SerialPortClass, target: SerialTarget): Promise<string | LinkFailure> {
  if (target.path) return target.path;
  if (target.vid === undefined) return { reason: 'no serial path or VID/PID configured', code: 'SOFTWARE_ERROR' };
  const listed = await ports.list();
  const match = listed.find(
    (p) => hexId(p.vendorId) === target.vid && (target.pid === undefined || hexId(p.productId) === target.pid),
  );
  if (match) return match.path;
  const id = `${hex4(target.vid)}:${target.pid === undefined ? '*' : hex4(target.pid)}`;
  return { reason: `no serial port with USB id ${id}`, code: 'NOT_REACHABLE' };
}

export function hexId(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number.parseInt(value, 16);
  return Number.isNaN(n) ? undefined : n;
}

export function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

/**
 * Watches that the device node still exists. A pty whose other side went away (socat killed) does not always
 * fail the pending read, and a USB-CDC node disappears on unplug, so the link also polls for the path.
 */
export interface PresenceWatch {
  readonly timers: Clock;
  readonly exists: (path: string) => boolean;
  readonly intervalMs: number;
}

/** A Connect over `serialport` with the profile's line settings. */
export function serialConnect(
  ports: SerialPortClass,
  target: SerialTarget,
  settings: SerialSettings,
  presence?: PresenceWatch,
): Connect {
  return async (handlers) => {
    let path: string | LinkFailure;
    try {
      path = await findSerialPath(ports, target);
    } catch (error) {
      return { ok: false, failure: { reason: `cannot list serial ports: ${(error as Error).message}`, code: 'SOFTWARE_ERROR' } };
    }
    if (typeof path !== 'string') return { ok: false, failure: path };
    let port: SerialStream;
    try {
      port = new ports({ path, ...settings, autoOpen: false });
    } catch (error) {
      return { ok: false, failure: { reason: `bad serial settings: ${(error as Error).message}`, code: 'SOFTWARE_ERROR' } };
    }
    const opened = await new Promise<Error | null>((resolve) => port.open(resolve));
    if (opened) return { ok: false, failure: { reason: `cannot open ${path}: ${opened.message}`, code: 'NOT_REACHABLE' } };
    let closing = false;
    let watchTimer: unknown;
    const stopWatch = (): void => {
      if (watchTimer !== undefined) presence?.timers.clearTimeout(watchTimer);
      watchTimer = undefined;
    };
    const dropped = (reason: string): void => {
      if (closing) return;
      closing = true;
      stopWatch();
      if (port.isOpen) port.close(() => undefined);
      handlers.closed(reason);
    };
    const devicePath = path;
    const watch = (): void => {
      if (!presence) return;
      watchTimer = presence.timers.setTimeout(() => {
        if (presence.exists(devicePath)) watch();
        else dropped(`${devicePath} disappeared`);
      }, presence.intervalMs);
    };
    watch();
    port.on('data', (chunk) => handlers.data(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    port.on('close', (error) => dropped(error?.message ?? `${devicePath} closed`));
    port.on('error', () => undefined); // errors that matter arrive as a close with `disconnected`
    return {
      ok: true,
      link: {
        write: (bytes) =>
          new Promise<void>((resolve, reject) => {
            port.write(bytes, (error) => (error ? reject(error) : resolve()));
          }),
        close: () =>
          new Promise<void>((resolve) => {
            closing = true;
            stopWatch();
            if (!port.isOpen) resolve();
            else port.close(() => resolve());
          }),
      },
    };
  };
}

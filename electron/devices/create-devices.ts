import { SerialPort } from 'serialport';
import { profiles } from '../../drivers/framing/profiles.ts';
import { createAccessIsHidReader } from '../../drivers/reader/access-is-hid-reader.ts';
import type { DocumentReader } from '../../drivers/reader/document-reader.ts';
import { nodeHidBackend, type HidBackend } from '../../drivers/reader/hid-device.ts';
import type { SerialPortClass } from '../../drivers/reader/serial-link.ts';
import { createSerialReader } from '../../drivers/reader/serial-reader.ts';
import { SimulatedReader } from '../../drivers/reader/simulated-reader.ts';
import { systemClock, type Clock } from '../../drivers/clock.ts';
import type { BarcodeScanner } from '../../drivers/scanner/barcode-scanner.ts';
import { HidPosScanner } from '../../drivers/scanner/hid-pos-scanner.ts';
import { createSerialScanner } from '../../drivers/scanner/serial-scanner.ts';
import { SimulatedScanner } from '../../drivers/scanner/simulated-scanner.ts';
import type { Logger } from '../log/logger.ts';
import type { DevicesConfig, ReaderConfig, ScannerConfig } from './devices-config.ts';
import { FailedDevice } from './failed-device.ts';

export interface CreateDevicesDeps {
  readonly timers?: Clock;
  /** `SerialPort` from 'serialport' by default; tests pass `SerialPortMock`. */
  readonly serialPorts?: SerialPortClass;
  /** node-hid by default (loaded on first use); tests pass a fake bus. */
  readonly hid?: HidBackend;
  /** Device-node presence check for serial ports (default: the file system). */
  readonly exists?: (path: string) => boolean;
  readonly logger?: Logger;
}

export interface CreatedDevices {
  readonly readers: DocumentReader[];
  readonly scanners: BarcodeScanner[];
  /** The first simulated reader and scanner, for the control API (`deviceSimRoutes`). */
  readonly simulated: { reader?: SimulatedReader; scanner?: SimulatedScanner };
}

/**
 * Builds the reader and scanner adapters the (already parsed) `devices` configuration names. A device whose
 * adapter cannot be built becomes a FailedDevice (unavailable, SOFTWARE_ERROR) and the others are built
 * anyway: one bad device never takes down the others.
 */
export function createDevices(config: DevicesConfig, deps: CreateDevicesDeps = {}): CreatedDevices {
  const timers = deps.timers ?? systemClock;
  const ports = deps.serialPorts ?? (SerialPort as unknown as SerialPortClass);
  let hid: HidBackend | undefined = deps.hid;
  const hidBackend = (): HidBackend => (hid ??= nodeHidBackend());
  const simulated: { reader?: SimulatedReader; scanner?: SimulatedScanner } = {};

  const guard = <T>(id: string, build: () => T): T | FailedDevice => {
    try {
      return build();
    } catch (error) {
      deps.logger?.error({ device: id, err: error }, 'device adapter could not be built');
      return new FailedDevice(id, `adapter could not be built: ${(error as Error).message}`);
    }
  };

  const serialOptions = (c: Extract<ReaderConfig | ScannerConfig, { kind: 'serial' }>) => ({
    id: c.id,
    profile: profiles[c.profile],
    path: c.path,
    vid: c.vid,
    pid: c.pid,
    serial: { baudRate: c.baud, dataBits: c.dataBits, parity: c.parity, stopBits: c.stopBits },
    ports,
    timers,
    ...(deps.exists ? { exists: deps.exists } : {}),
    framerOptions: definedOnly({ timeoutMs: c.timeoutMs, maxFrameBytes: c.maxFrameBytes, sod: c.sod, eod: c.eod }),
  });

  const readers = config.readers.map((c): DocumentReader =>
    guard(c.id, () => {
      switch (c.kind) {
        case 'simulated': {
          const reader = new SimulatedReader(c.id, { profile: c.profile });
          simulated.reader ??= reader;
          return reader;
        }
        case 'serial':
          return createSerialReader(serialOptions(c));
        case 'hid':
          return createAccessIsHidReader({ id: c.id, vid: c.vid, pid: c.pid, backend: hidBackend(), timers, sendEnable: c.sendEnable });
      }
    }),
  );

  const scanners = config.scanners.map((c): BarcodeScanner =>
    guard(c.id, () => {
      switch (c.kind) {
        case 'simulated': {
          const scanner = new SimulatedScanner(c.id);
          simulated.scanner ??= scanner;
          return scanner;
        }
        case 'serial':
          return createSerialScanner(serialOptions(c));
        case 'hid':
          return new HidPosScanner({ id: c.id, vid: c.vid, pid: c.pid, backend: hidBackend(), timers });
      }
    }),
  );

  return { readers, scanners, simulated };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort, SerialPortMock } from 'serialport';
import { profiles, type ProfileName } from '../../drivers/framing/profiles.ts';
import { createAccessIsHidReader, toAccessIsReports } from '../../drivers/reader/access-is-hid-reader.ts';
import type { SerialPortClass, SerialStream } from '../../drivers/reader/serial-link.ts';
import { createSerialReader } from '../../drivers/reader/serial-reader.ts';
import { SimulatedReader } from '../../drivers/reader/simulated-reader.ts';
import { systemClock } from '../../drivers/clock.ts';
import type { ReaderHarness } from './document-reader.contract.ts';
import { FakeHidBus } from './fake-hid.ts';
import { ManualClock } from '../support/clock.ts';
import { flush, waitFor } from '../support/wait.ts';
import { startPtyPair } from './pty.ts';

const noise = Uint8Array.from([0x00, 0xff, 0x7f, 0x15, 0x00]);

/** Settles by letting microtasks run and advancing manual time in backoff-sized steps. */
function manualSettle(timers: ManualClock) {
  return async (check: () => boolean, what: string): Promise<void> => {
    for (let i = 0; i < 50; i += 1) {
      await flush();
      if (check()) return;
      timers.advance(1000);
    }
    throw new Error(`never settled: ${what}`);
  };
}

export async function simulatedHarness({ plugged }: { plugged: boolean }): Promise<ReaderHarness> {
  const reader = new SimulatedReader('reader');
  if (!plugged) reader.unplug();
  return {
    reader,
    present: async (lines) => void reader.insert(lines),
    garbage: async () => void reader.garbage(noise),
    unplug: async () => reader.unplug(),
    plug: async () => reader.plug(),
    settle: async (check, what) => {
      if (!check()) throw new Error(`not settled: ${what}`);
    },
    dispose: async () => undefined,
  };
}

/** SerialPortMock with the last opened instance kept, so the test can play the device on it. */
export function capturingMock(): { ports: SerialPortClass; last: () => SerialPortMock | undefined } {
  let last: SerialPortMock | undefined;
  class Capturing extends SerialPortMock {
    constructor(options: ConstructorParameters<typeof SerialPortMock>[0]) {
      super(options);
      last = this;
    }
  }
  return { ports: Capturing as unknown as SerialPortClass, last: () => last };
}

let mockCounter = 0;

export function serialMockHarnessFor(profile: ProfileName) {
  return async ({ plugged }: { plugged: boolean }): Promise<ReaderHarness> => {
    const path = `/dev/ttyMOCK${(mockCounter += 1)}`;
    const timers = new ManualClock(0);
    const mock = capturingMock();
    let present = false;
    const create = (): void => {
      SerialPortMock.binding.createPort(path, { record: true });
      present = true;
    };
    if (plugged) create();
    const reader = createSerialReader({
      id: 'reader',
      path,
      profile: profiles[profile],
      ports: mock.ports,
      timers,
      exists: () => present,
    });
    const settle = manualSettle(timers);
    const emit = async (bytes: Uint8Array): Promise<void> => {
      const port = mock.last()?.port;
      if (!port?.isOpen) throw new Error('port not open');
      port.emitData(Buffer.from(bytes));
      await flush();
      timers.advance(5000); // lets gap-ended profiles (`lines`) finish the read
      await flush();
    };
    return {
      reader,
      present: (lines) => emit(profiles[profile].encode(lines)),
      garbage: () => emit(noise),
      unplug: async () => {
        present = false;
        SerialPortMock.binding.reset();
        const port = mock.last();
        if (port?.isOpen) port.close(undefined, Object.assign(new Error('device unplugged'), { disconnected: true }));
        await flush();
      },
      plug: async () => create(),
      settle,
      released: () => !mock.last()?.isOpen,
      dispose: async () => SerialPortMock.binding.reset(),
    };
  };
}

export async function ptyHarness({ plugged }: { plugged: boolean }): Promise<ReaderHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'passage-pty-'));
  const pair = await startPtyPair(dir);
  if (!plugged) await pair.kill();
  const reader = createSerialReader({
    id: 'reader',
    path: pair.readerPath,
    profile: profiles['access-is'],
    ports: SerialPort as unknown as SerialPortClass,
    timers: systemClock,
    backoff: { initialMs: 10, maxMs: 50 },
    presenceIntervalMs: 20,
  });
  return {
    reader,
    present: (lines) => pair.write(profiles['access-is'].encode(lines)),
    garbage: () => pair.write(noise),
    unplug: () => pair.kill(),
    plug: () => pair.restart(),
    settle: (check, what) => waitFor(check, what),
    dispose: async () => {
      await pair.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const accessIsHidInfo = { vendorId: 0x0db5, productId: 0x0120, path: '/dev/hidraw-fake0', usagePage: 0xff00, usage: 1, interface: 0 };

export async function hidHarness({ plugged }: { plugged: boolean }): Promise<ReaderHarness> {
  const bus = new FakeHidBus();
  if (plugged) bus.plug(accessIsHidInfo);
  const timers = new ManualClock(0);
  const reader = createAccessIsHidReader({ id: 'reader', vid: 0x0db5, pid: 0x0120, backend: bus, timers });
  const send = async (stream: Uint8Array): Promise<void> => {
    if (!bus.isOpen) throw new Error('HID device not open');
    for (const report of toAccessIsReports(stream, 8)) bus.report(report);
    await flush();
  };
  return {
    reader,
    present: (lines) => send(profiles['access-is'].encode(lines)),
    garbage: () => send(noise),
    unplug: async () => bus.unplug(),
    plug: async () => bus.plug(accessIsHidInfo),
    settle: manualSettle(timers),
    released: () => !bus.isOpen,
    dispose: async () => undefined,
  };
}

export type { SerialStream };

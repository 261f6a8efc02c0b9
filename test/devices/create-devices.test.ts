import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReaderEvent } from '../../drivers/reader/document-reader.ts';
import { SimulatedReader } from '../../drivers/reader/simulated-reader.ts';
import { SerialScanner } from '../../drivers/scanner/serial-scanner.ts';
import { HidPosScanner } from '../../drivers/scanner/hid-pos-scanner.ts';
import { SimulatedScanner } from '../../drivers/scanner/simulated-scanner.ts';
import { createDevices } from '../../electron/devices/create-devices.ts';
import { devicesConfigSchema } from '../../electron/devices/devices-config.ts';
import { FailedDevice } from '../../electron/devices/failed-device.ts';
import { encodeRte } from '../../drivers/framing/rte-3m.ts';
import { encodeDesko } from '../../drivers/framing/desko-cute.ts';
import { td3 } from '../framing/specimens.ts';
import { FakeHidBus } from '../reader/fake-hid.ts';
import { capturingMock } from '../reader/harnesses.ts';
import { ManualClock } from '../support/clock.ts';
import { flush } from '../support/wait.ts';
import type { HidBackend } from '../../drivers/reader/hid-device.ts';

afterEach(() => SerialPortMock.binding.reset());

describe('devicesConfigSchema', () => {
  it('defaults to one simulated reader "reader" and one simulated scanner "scanner"', () => {
    expect(devicesConfigSchema.parse(undefined)).toEqual({
      readers: [{ id: 'reader', kind: 'simulated', profile: 'access-is' }],
      scanners: [{ id: 'scanner', kind: 'simulated' }],
    });
    expect(devicesConfigSchema.parse({}).readers).toHaveLength(1);
  });

  it('accepts serial readers by path or VID/PID (hex strings too) with line overrides, and HID devices', () => {
    const config = devicesConfigSchema.parse({
      readers: [
        { id: 'cn', kind: 'serial', path: '/dev/ttyUSB0', profile: 'cn-json' },
        { id: 'rte', kind: 'serial', vid: '0x0db5', pid: '0120', profile: '3m-rte', baud: 19200, parity: 'even' },
        { id: 'acc', kind: 'hid', vid: 0x0db5, pid: 0x120, profile: 'access-is' },
      ],
      scanners: [{ id: 'hon', kind: 'hid', vid: 0x0c2e, pid: 0x0b61 }],
    });
    expect(config.readers[1]).toMatchObject({ vid: 0x0db5, pid: 0x120, baud: 19200, parity: 'even' });
    expect(config.readers[2]).toMatchObject({ sendEnable: false });
    expect(config.scanners[0]).toMatchObject({ profile: 'hid-pos' });
  });

  it.each([
    [{ readers: [{ id: 'r', kind: 'serial', profile: 'access-is' }] }, 'path or a vid'],
    [{ readers: [{ id: 'r', kind: 'serial', path: '/dev/x', profile: 'nope' }] }, 'profile'],
    [{ readers: [{ id: 'r', kind: 'hid', vid: 1, pid: 2, profile: 'cn-json' }] }, 'HID profile'],
    [{ readers: [{ id: 'r', kind: 'serial', path: '/dev/x', profile: 'lines', vid: 'zz' }] }, 'hex'],
    [{ readers: [{ id: 'r', kind: 'simulated' }, { id: 'r', kind: 'simulated' }] }, 'unique'],
    [{ readers: [{ id: 'r', kind: 'bluetooth' }] }, 'kind'],
  ])('rejects %j', (input, _why) => {
    expect(devicesConfigSchema.safeParse(input).success).toBe(false);
  });
});

describe('createDevices', () => {
  it('builds the default simulated devices and exposes them for the control API', () => {
    const devices = createDevices(devicesConfigSchema.parse(undefined));
    expect(devices.readers[0]).toBeInstanceOf(SimulatedReader);
    expect(devices.scanners[0]).toBeInstanceOf(SimulatedScanner);
    expect(devices.simulated.reader).toBe(devices.readers[0]);
    expect(devices.simulated.scanner).toBe(devices.scanners[0]);
  });

  it('builds a serial reader that opens the port with the profile settings and reads its frames', async () => {
    SerialPortMock.binding.createPort('/dev/ttyRTE', {});
    const mock = capturingMock();
    const timers = new ManualClock(0);
    const devices = createDevices(
      devicesConfigSchema.parse({ readers: [{ id: 'rte', kind: 'serial', path: '/dev/ttyRTE', profile: '3m-rte', baud: 19200 }], scanners: [] }),
      { serialPorts: mock.ports, timers, exists: () => true },
    );
    const reader = devices.readers[0]!;
    const events: ReaderEvent[] = [];
    reader.subscribe((e) => events.push(e));
    await reader.start();
    expect(reader.status()).toEqual({ state: 'available' });
    expect(mock.last()?.port?.openOptions).toMatchObject({ path: '/dev/ttyRTE', baudRate: 19200, dataBits: 8, parity: 'none', stopBits: 1 });
    mock.last()?.port?.emitData(Buffer.from(encodeRte(td3)));
    await flush();
    expect(events.filter((e) => e.type === 'data')).toEqual([{ type: 'data', data: { lines: td3, origin: 'reader' } }]);
    await reader.stop();
  });

  it('passes DESKO delimiter bytes and frame limits from the configuration to the framer', async () => {
    SerialPortMock.binding.createPort('/dev/ttyDESKO', {});
    const mock = capturingMock();
    const devices = createDevices(
      devicesConfigSchema.parse({ readers: [{ id: 'd', kind: 'serial', path: '/dev/ttyDESKO', profile: 'desko-cute', sod: 0x10, eod: 0x11 }], scanners: [] }),
      { serialPorts: mock.ports, timers: new ManualClock(0), exists: () => true },
    );
    const reader = devices.readers[0]!;
    const events: ReaderEvent[] = [];
    reader.subscribe((e) => events.push(e));
    await reader.start();
    mock.last()?.port?.emitData(Buffer.from(encodeDesko(td3))); // default 'O' delimiters: not this unit's
    mock.last()?.port?.emitData(Buffer.from(encodeDesko(td3, { sod: 0x10, eod: 0x11 })));
    await flush();
    expect(events.filter((e) => e.type === 'data')).toEqual([{ type: 'data', data: { lines: td3, origin: 'reader' } }]);
    await reader.stop();
  });

  it('builds HID readers and scanners and a serial scanner', () => {
    const devices = createDevices(
      devicesConfigSchema.parse({
        readers: [{ id: 'acc', kind: 'hid', vid: 0x0db5, pid: 0x120, profile: 'access-is' }],
        scanners: [
          { id: 'hon', kind: 'hid', vid: 0x0c2e, pid: 0x0b61 },
          { id: 'cdc', kind: 'serial', path: '/dev/ttyACM1' },
        ],
      }),
      { hid: new FakeHidBus() },
    );
    expect(devices.readers.map((r) => r.id)).toEqual(['acc']);
    expect(devices.scanners[0]).toBeInstanceOf(HidPosScanner);
    expect(devices.scanners[1]).toBeInstanceOf(SerialScanner);
    expect(devices.simulated).toEqual({});
  });

  it('keeps building the others when one adapter cannot be built, and shows that one unavailable', async () => {
    const exploding: HidBackend = new Proxy({} as HidBackend, {
      get() {
        throw new Error('node-hid is not installed');
      },
    });
    const devices = createDevices(
      devicesConfigSchema.parse({
        readers: [{ id: 'sim', kind: 'simulated' }],
        scanners: [{ id: 'hon', kind: 'hid', vid: 1, pid: 2 }],
      }),
      { hid: exploding, timers: new ManualClock(0) },
    );
    // The HID scanner is built lazily over the backend; its failures surface as status, not exceptions.
    await devices.scanners[0]!.start();
    expect(devices.scanners[0]!.status()).toMatchObject({ state: 'unavailable', code: 'SOFTWARE_ERROR' });
    await devices.readers[0]!.start();
    expect(devices.readers[0]!.status()).toEqual({ state: 'available' });
    await devices.scanners[0]!.stop();
  });

  it('stands a FailedDevice in for an adapter whose construction throws, and builds the rest', () => {
    const deps = {
      get exists(): (path: string) => boolean {
        throw new Error('boom');
      },
    };
    const devices = createDevices(
      devicesConfigSchema.parse({ readers: [{ id: 'cn', kind: 'serial', path: '/dev/x', profile: 'cn-json' }, { id: 'sim', kind: 'simulated' }], scanners: [] }),
      deps,
    );
    expect(devices.readers[0]).toBeInstanceOf(FailedDevice);
    expect(devices.readers[0]!.status()).toMatchObject({ state: 'unavailable', code: 'SOFTWARE_ERROR', reason: expect.stringContaining('boom') });
    expect(devices.readers[1]).toBeInstanceOf(SimulatedReader);
  });
});

describe('FailedDevice', () => {
  it('is unavailable with SOFTWARE_ERROR and its reason, and starts and stops quietly', async () => {
    const failed = new FailedDevice('x', 'adapter could not be built: boom');
    await failed.start();
    expect(failed.status()).toEqual({ state: 'unavailable', code: 'SOFTWARE_ERROR', reason: 'adapter could not be built: boom' });
    await failed.stop();
  });
});

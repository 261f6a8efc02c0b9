import { PassThrough } from 'node:stream';
import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCnJson } from '../../drivers/framing/cn-json.ts';
import { createDevicesCommand } from '../../electron/cli/devices-command.ts';
import { FakeHidBus } from '../reader/fake-hid.ts';
import { capturingMock } from '../reader/harnesses.ts';
import { ManualClock } from '../support/clock.ts';
import { flush } from '../support/wait.ts';
import { td3 } from '../framing/specimens.ts';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdout, stderr, stdin: new PassThrough() }, out: () => out, err: () => err };
}

afterEach(() => SerialPortMock.binding.reset());

describe('passage devices', () => {
  it('lists serial ports and HID devices with hex ids and a guessed profile', async () => {
    SerialPortMock.binding.createPort('/dev/ttyACM0', { vendorId: '0db5', productId: '0120', manufacturer: 'Access IS' });
    const bus = new FakeHidBus();
    bus.plug({ vendorId: 0x0c2e, productId: 0x0b61, path: 'hid:1', usagePage: 0x8c, usage: 2, interface: 0 });
    bus.plug({ vendorId: 0x1234, productId: 0x0001, path: 'hid:2', usagePage: 1, usage: 6, interface: 0 });
    const t = io();
    const command = createDevicesCommand({ serialPorts: SerialPortMock, hid: bus, timers: new ManualClock(0) });
    expect(await command.run(['list'], t.io)).toBe(0);
    const listed = JSON.parse(t.out());
    expect(listed.serial).toEqual([
      { path: '/dev/ttyACM0', vendorId: '0x0db5', productId: '0x0120', manufacturer: 'Access IS', serialNumber: expect.anything(), profile: 'access-is' },
    ]);
    expect(listed.hid.map((d: { profile: string }) => d.profile)).toEqual([
      'hid-pos',
      'keyboard-wedge (unsupported: switch the device to HID-POS or USB-CDC)',
    ]);
  });

  it('reports an enumeration failure in the JSON instead of failing the command', async () => {
    const bus = new FakeHidBus();
    bus.devices = async () => {
      throw new Error('hidapi not available');
    };
    const t = io();
    expect(await createDevicesCommand({ serialPorts: SerialPortMock, hid: bus }).run(['list'], t.io)).toBe(0);
    expect(JSON.parse(t.out()).hid).toEqual({ error: 'hidapi not available' });
  });

  it('listens on a port and prints status, readStart, data with lines and parsed MRZ, readEnd — one JSON per line', async () => {
    SerialPortMock.binding.createPort('/dev/ttyCN', {});
    const mock = capturingMock();
    const t = io();
    const command = createDevicesCommand({
      serialPorts: mock.ports,
      timers: new ManualClock(0),
      exists: () => true,
      interrupted: () => new Promise(() => undefined),
    });
    const running = command.run(['listen', '--port', '/dev/ttyCN', '--profile', 'cn-json', '--count', '1'], t.io);
    for (let i = 0; i < 20 && !mock.last()?.port?.isOpen; i += 1) await flush();
    expect(mock.last()?.port?.openOptions).toMatchObject({ baudRate: 256000, parity: 'odd', dataBits: 8, stopBits: 1 });
    mock.last()?.port?.emitData(Buffer.from(encodeCnJson(td3)));
    expect(await running).toBe(0);
    const lines = t.out().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.event)).toEqual(['status', 'readStart', 'data', 'readEnd']);
    expect(lines[2]).toMatchObject({ lines: td3, parsed: { ok: true, format: 'TD3', documentNumber: 'L898902C3', valid: true } });
  });

  it.each([
    [['listen', '--profile', 'access-is'], '--port'],
    [['listen', '--port', '/dev/x', '--profile', 'nope'], '--profile'],
    [['listen', '--port', '/dev/x', '--profile', 'lines', '--baud', 'fast'], '--baud'],
    [['listen', '--port', '/dev/x', '--profile', 'lines', '--parity', 'mark'], '--parity'],
    [['frobnicate'], 'unknown sub-command'],
    [[], 'sub-command is required'],
  ])('exits 2 with usage for %j', async (argv, message) => {
    const t = io();
    expect(await createDevicesCommand({ serialPorts: SerialPortMock }).run(argv, t.io)).toBe(2);
    expect(t.err()).toContain(message);
    expect(t.err()).toContain('usage:');
  });
});

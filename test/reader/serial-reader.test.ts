import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { elyctisContinuousRead } from '../../drivers/framing/elyctis.ts';
import { profiles } from '../../drivers/framing/profiles.ts';
import type { ReaderEvent } from '../../drivers/reader/document-reader.ts';
import { createSerialReader, deviceNodeExists } from '../../drivers/reader/serial-reader.ts';
import { td2, td3 } from '../framing/specimens.ts';
import { capturingMock } from './harnesses.ts';
import { ManualClock } from '../support/clock.ts';
import { flush } from '../support/wait.ts';

afterEach(() => SerialPortMock.binding.reset());

const names = (events: ReaderEvent[]): string[] =>
  events.map((e) => (e.type === 'error' ? `error:${e.error.code}` : e.type === 'status' ? `status:${e.status.state}` : e.type));

function setup(options: { path?: string; vid?: number; pid?: number; profile?: keyof typeof profiles; baud?: number } = {}) {
  const timers = new ManualClock(0);
  const mock = capturingMock();
  let present = true;
  const reader = createSerialReader({
    id: 'r',
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(options.vid !== undefined ? { vid: options.vid } : {}),
    ...(options.pid !== undefined ? { pid: options.pid } : {}),
    profile: profiles[options.profile ?? 'access-is'],
    ...(options.baud !== undefined ? { serial: { baudRate: options.baud } } : {}),
    ports: mock.ports,
    timers,
    exists: () => present,
  });
  const events: ReaderEvent[] = [];
  reader.subscribe((e) => events.push(e));
  return { reader, timers, mock, events, setPresent: (v: boolean) => (present = v) };
}

describe('serial reader (SerialPortMock)', () => {
  it('retries with exponential backoff capped at 10 s while the port is missing, reporting why', async () => {
    const { reader, timers } = setup({ path: '/dev/ttyNONE' });
    await reader.start();
    expect(reader.status()).toMatchObject({ state: 'unavailable', code: 'NOT_REACHABLE', reason: expect.stringContaining('/dev/ttyNONE') });
    const delays: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const [next] = timers.pendingDelays();
      delays.push(next!);
      timers.advance(next!);
      await flush();
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    SerialPortMock.binding.createPort('/dev/ttyNONE', {});
    timers.advance(10_000);
    await flush();
    expect(reader.status()).toEqual({ state: 'available' });
    await reader.stop();
    expect(timers.pendingDelays()).toEqual([]);
  });

  it('finds the port by VID/PID over SerialPort.list(), and says which id it could not find', async () => {
    SerialPortMock.binding.createPort('/dev/ttyOTHER', { vendorId: '1234', productId: '0001' });
    SerialPortMock.binding.createPort('/dev/ttyACCESS', { vendorId: '0db5', productId: '0120' });
    const found = setup({ vid: 0x0db5, pid: 0x0120 });
    await found.reader.start();
    expect(found.mock.last()?.path).toBe('/dev/ttyACCESS');
    await found.reader.stop();
    const missing = setup({ vid: 0x0db5, pid: 0x0999 });
    await missing.reader.start();
    expect(missing.reader.status()).toMatchObject({ state: 'unavailable', reason: 'no serial port with USB id 0db5:0999' });
    await missing.reader.stop();
  });

  it('opens with the profile line settings (CN readers 256000 8-O-1) unless overridden', async () => {
    SerialPortMock.binding.createPort('/dev/ttyCN', {});
    const cn = setup({ path: '/dev/ttyCN', profile: 'cn-json' });
    await cn.reader.start();
    expect(cn.mock.last()?.port?.openOptions).toMatchObject({ baudRate: 256000, dataBits: 8, parity: 'odd', stopBits: 1 });
    await cn.reader.stop();
    const fast = setup({ path: '/dev/ttyCN', profile: 'cn-json', baud: 115200 });
    await fast.reader.start();
    expect(fast.mock.last()?.port?.openOptions).toMatchObject({ baudRate: 115200, parity: 'odd' });
    await fast.reader.stop();
  });

  it('sends the Elyctis continuous-read command on open and again after every read (docs/devices.md §1.7)', async () => {
    SerialPortMock.binding.createPort('/dev/ttyELY', { record: true });
    const { reader, mock, events } = setup({ path: '/dev/ttyELY', profile: 'elyctis' });
    await reader.start();
    await flush();
    const arm = Buffer.from(elyctisContinuousRead(true));
    expect(mock.last()?.port?.recording).toEqual(arm);
    mock.last()?.port?.emitData(Buffer.from(profiles.elyctis.encode(td2)));
    await flush();
    expect(events.filter((e) => e.type === 'data')).toEqual([{ type: 'data', data: { lines: td2, origin: 'reader' } }]);
    expect(mock.last()?.port?.recording).toEqual(Buffer.concat([arm, arm]));
    await reader.stop();
  });

  it('reports a frame cut off by an unplug (TRUNCATED inside the read) before the status change', async () => {
    SerialPortMock.binding.createPort('/dev/ttyCUT', {});
    const { reader, mock, events, timers, setPresent } = setup({ path: '/dev/ttyCUT' });
    await reader.start();
    const frame = profiles['access-is'].encode(td3);
    mock.last()?.port?.emitData(Buffer.from(frame.subarray(0, 20)));
    await flush();
    setPresent(false);
    timers.advance(500); // the presence watch notices the device node is gone
    await flush();
    expect(names(events)).toEqual(['status:available', 'readStart', 'error:TRUNCATED', 'readEnd', 'status:unavailable']);
    expect(reader.status()).toMatchObject({ reason: expect.stringContaining('disappeared') });
    await reader.stop();
  });

  it('times a stalled partial frame out on the injected clock and reads the next frame', async () => {
    SerialPortMock.binding.createPort('/dev/ttySLOW', {});
    const { reader, mock, events, timers } = setup({ path: '/dev/ttySLOW', profile: '3m-rte' });
    await reader.start();
    const frame = profiles['3m-rte'].encode(td3);
    mock.last()?.port?.emitData(Buffer.from(frame.subarray(0, 30)));
    await flush();
    timers.advance(999);
    expect(names(events)).toEqual(['status:available', 'readStart']);
    timers.advance(1);
    expect(names(events).slice(-2)).toEqual(['error:TIMEOUT', 'readEnd']);
    mock.last()?.port?.emitData(Buffer.from(frame));
    await flush();
    expect(events.at(-2)).toEqual({ type: 'data', data: { lines: td3, origin: 'reader' } });
    await reader.stop();
  });

  it('stops retrying and releases the port on stop()', async () => {
    SerialPortMock.binding.createPort('/dev/ttySTOP', {});
    const { reader, mock, timers } = setup({ path: '/dev/ttySTOP' });
    await reader.start();
    expect(mock.last()?.isOpen).toBe(true);
    await reader.stop();
    expect(mock.last()?.isOpen).toBe(false);
    expect(timers.pendingDelays()).toEqual([]);
    expect(reader.status().state).toBe('unavailable');
  });
});

describe('device node presence', () => {
  it('watches POSIX paths on the file system and leaves Windows COM names alone', () => {
    expect(deviceNodeExists('/dev/null')).toBe(true);
    expect(deviceNodeExists('/dev/ttyDOES-NOT-EXIST')).toBe(false);
    expect(deviceNodeExists('COM3')).toBe(true);
  });
});

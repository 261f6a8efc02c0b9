import { describe, expect, it } from 'vitest';
import { encodeAccessIs } from '../../drivers/framing/access-is.ts';
import { accessIsReportPayload, createAccessIsHidReader, toAccessIsReports } from '../../drivers/reader/access-is-hid-reader.ts';
import type { ReaderEvent } from '../../drivers/reader/document-reader.ts';
import { nodeHidBackend } from '../../drivers/reader/hid-device.ts';
import { selectHidInterface } from '../../drivers/reader/hid-link.ts';
import { td1, td3 } from '../framing/specimens.ts';
import { FakeHidBus } from './fake-hid.ts';
import { accessIsHidInfo } from './harnesses.ts';
import { ManualClock } from '../support/clock.ts';
import { flush } from '../support/wait.ts';

const keyboard = { ...accessIsHidInfo, path: '/dev/hidraw-kbd', usagePage: 0x01, usage: 0x06 };

function setup(options: { sendEnable?: boolean } = {}) {
  const bus = new FakeHidBus();
  const timers = new ManualClock(0);
  const reader = createAccessIsHidReader({ id: 'hid', vid: 0x0db5, pid: 0x0120, backend: bus, timers, ...options });
  const events: ReaderEvent[] = [];
  reader.subscribe((e) => events.push(e));
  return { bus, timers, reader, events };
}

describe('Access-IS HID reports (docs/devices.md §1.2)', () => {
  it('takes the payload length from bits 0–6 and masks the CTS flag in bit 7', () => {
    expect(accessIsReportPayload(Uint8Array.from([0x83, 0x1c, 0x02, 0x41, 0x99, 0x99]))).toEqual(Uint8Array.from([0x1c, 0x02, 0x41]));
    expect(accessIsReportPayload(Uint8Array.from([0x03, 0x41, 0x42, 0x43, 0x44]))).toEqual(Uint8Array.from([0x41, 0x42, 0x43]));
    expect(accessIsReportPayload(Uint8Array.from([0x7f, 0x41]))).toEqual(Uint8Array.from([0x41])); // clamps a lying length
  });

  it('reassembles a 3-line MRZ split over many reports, ignoring the padding after each payload', async () => {
    const { bus, reader, events } = setup();
    bus.plug(accessIsHidInfo);
    await reader.start();
    const reports = toAccessIsReports(encodeAccessIs(td1), 16);
    expect(reports.length).toBeGreaterThan(5);
    for (const r of reports) bus.report(r);
    await flush();
    expect(events.filter((e) => e.type !== 'status')).toEqual([
      { type: 'readStart' },
      { type: 'data', data: { lines: td1, origin: 'reader' } },
      { type: 'readEnd' },
    ]);
    await reader.stop();
  });

  it('sends the enable command on open only when configured', async () => {
    const off = setup();
    off.bus.plug(accessIsHidInfo);
    await off.reader.start();
    await flush();
    expect(off.bus.written).toEqual([]);
    const on = setup({ sendEnable: true });
    on.bus.plug(accessIsHidInfo);
    await on.reader.start();
    await flush();
    expect(on.bus.written).toEqual([[0x02, 0x80]]);
  });
});

describe('HID interface choice and keyboard wedges (§1.1)', () => {
  it('reports a keyboard-wedge device unavailable with FORMAT_ERROR and advice, and connects once it is switched', async () => {
    const { bus, reader, timers, events } = setup();
    bus.plug(keyboard);
    await reader.start();
    expect(reader.status()).toMatchObject({
      state: 'unavailable',
      code: 'FORMAT_ERROR',
      reason: expect.stringMatching(/keyboard-wedge.*HID-POS.*USB-CDC/),
    });
    expect(bus.opened).toBe(0);
    bus.infos = [accessIsHidInfo]; // staff scanned the "HID data mode" configuration card
    timers.advance(500);
    await flush();
    expect(reader.status()).toEqual({ state: 'available' });
    bus.report(toAccessIsReports(encodeAccessIs(td3))[0]!);
    for (const r of toAccessIsReports(encodeAccessIs(td3)).slice(1)) bus.report(r);
    await flush();
    expect(events.some((e) => e.type === 'data')).toBe(true);
    await reader.stop();
  });

  it('opens the data interface of a composite device and never the keyboard one', () => {
    expect(selectHidInterface([keyboard, accessIsHidInfo], { vid: 0x0db5, pid: 0x0120 })).toBe(accessIsHidInfo);
    expect(selectHidInterface([{ ...keyboard, usagePage: 0x07, usage: 0 }], { vid: 0x0db5, pid: 0x0120 })).toMatchObject({ code: 'FORMAT_ERROR' });
    expect(selectHidInterface([], { vid: 0x0db5, pid: 0x0120 })).toEqual({ reason: 'no HID device 0db5:0120', code: 'NOT_REACHABLE' });
    expect(selectHidInterface([{ ...accessIsHidInfo, path: undefined }], { vid: 0x0db5, pid: 0x0120 })).toMatchObject({ code: 'NOT_REACHABLE' });
  });

  it('reports an enumeration or open failure as a status and keeps retrying', async () => {
    const { bus, reader, timers } = setup();
    bus.devices = async () => {
      throw new Error('hidapi exploded');
    };
    await reader.start();
    expect(reader.status()).toMatchObject({ code: 'SOFTWARE_ERROR', reason: expect.stringContaining('hidapi exploded') });
    expect(timers.pendingDelays()).toEqual([500]);
    await reader.stop();
  });
});

describe('node-hid backend', () => {
  it('loads node-hid and enumerates (empty on machines without hidraw) without throwing', async () => {
    const devices = await nodeHidBackend().devices();
    expect(Array.isArray(devices)).toBe(true);
    await expect(nodeHidBackend().open('/dev/hidraw-does-not-exist')).rejects.toThrow();
  });
});

import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeLines } from '../../drivers/framing/lines.ts';
import { profiles } from '../../drivers/framing/profiles.ts';
import type { ScannerEvent } from '../../drivers/scanner/barcode-scanner.ts';
import { HidPosAssembler, honeywellBeep, toHidPosReports } from '../../drivers/scanner/hid-pos-report.ts';
import { HidPosScanner } from '../../drivers/scanner/hid-pos-scanner.ts';
import { createSerialScanner, scanFromText } from '../../drivers/scanner/serial-scanner.ts';
import { SimulatedScanner } from '../../drivers/scanner/simulated-scanner.ts';
import { symbologyFromAim } from '../../drivers/scanner/aim.ts';
import { FakeHidBus } from '../reader/fake-hid.ts';
import { capturingMock } from '../reader/harnesses.ts';
import { ManualClock } from '../support/clock.ts';
import { flush } from '../support/wait.ts';
import { barcodeScannerContract, type ScannerHarness } from './barcode-scanner.contract.ts';

const posInfo = { vendorId: 0x0c2e, productId: 0x0b61, path: 'hid:pos', usagePage: 0x8c, usage: 0x02, interface: 0 };

function manualSettle(timers: ManualClock) {
  return async (check: () => boolean, what: string) => {
    for (let i = 0; i < 30; i += 1) {
      await flush();
      if (check()) return;
      timers.advance(1000);
    }
    throw new Error(`never settled: ${what}`);
  };
}

barcodeScannerContract('simulated scanner', async ({ plugged }): Promise<ScannerHarness> => {
  const scanner = new SimulatedScanner();
  if (!plugged) scanner.unplug();
  return {
    scanner,
    scan: async (text) => void scanner.scan('PDF417', text),
    unplug: async () => scanner.unplug(),
    plug: async () => scanner.plug(),
    settle: async (check, what) => {
      if (!check()) throw new Error(what);
    },
    dispose: async () => undefined,
  };
});

barcodeScannerContract('HID-POS scanner over a fake HID bus', async ({ plugged }): Promise<ScannerHarness> => {
  const bus = new FakeHidBus();
  if (plugged) bus.plug(posInfo);
  const timers = new ManualClock(0);
  const scanner = new HidPosScanner({ id: 'scanner', vid: 0x0c2e, pid: 0x0b61, backend: bus, timers });
  return {
    scanner,
    scan: async (text) => {
      for (const r of toHidPosReports(text, ']L0')) bus.report(r);
      await flush();
    },
    unplug: async () => bus.unplug(),
    plug: async () => bus.plug(posInfo),
    settle: manualSettle(timers),
    dispose: async () => undefined,
  };
});

let n = 0;
barcodeScannerContract('serial scanner over SerialPortMock (lines, AIM prefix)', async ({ plugged }): Promise<ScannerHarness> => {
  const path = `/dev/ttySCAN${(n += 1)}`;
  let present = false;
  const create = () => {
    SerialPortMock.binding.createPort(path, {});
    present = true;
  };
  if (plugged) create();
  const timers = new ManualClock(0);
  const mock = capturingMock();
  const scanner = createSerialScanner({ id: 'scanner', path, profile: profiles.lines, ports: mock.ports, timers, exists: () => present });
  return {
    scanner,
    scan: async (text) => {
      const port = mock.last()?.port;
      if (!port?.isOpen) throw new Error('closed');
      port.emitData(Buffer.from(encodeLines([`]L0${text}`])));
      await flush();
      timers.advance(2000);
    },
    unplug: async () => {
      present = false;
      SerialPortMock.binding.reset();
      timers.advance(500);
      await flush();
    },
    plug: async () => create(),
    settle: manualSettle(timers),
    dispose: async () => SerialPortMock.binding.reset(),
  };
});

afterEach(() => SerialPortMock.binding.reset());

describe('HID-POS report reassembly (docs/devices.md §1.10)', () => {
  it('concatenates reports until the continued bit clears, keeping the first report AIM id', () => {
    const text = 'M1ERIKSSON/ANNA MARIA  EABC123 PEKSHAMU 5793 123Y012A0001 100'.repeat(3);
    const reports = toHidPosReports(text, ']L2');
    expect(reports.length).toBe(4);
    expect(reports.map((r) => r[63])).toEqual([1, 1, 1, 0]);
    const assembler = new HidPosAssembler();
    const results = reports.map((r) => assembler.push(r));
    expect(results.slice(0, 3).every((r) => r.type === 'pending')).toBe(true);
    expect(results[3]).toEqual({ type: 'scan', scan: { symbology: 'PDF417', aim: ']L2', text } });
  });

  it('falls back to the Honeywell code ID when no AIM id is sent, and skips command replies', () => {
    const assembler = new HidPosAssembler();
    const noAim = toHidPosReports('HELLO', '\0\0\0', 0x73)[0]!;
    expect(assembler.push(noAim)).toEqual({ type: 'scan', scan: { symbology: 'QR', text: 'HELLO' } });
    expect(assembler.push(toHidPosReports('REVINF\x06.', ']Z6')[0]!)).toEqual({ type: 'ignored' });
    expect(assembler.push(Uint8Array.from([0x04, 1, 2, 3]))).toEqual({ type: 'ignored' });
  });

  it('rejects a report announcing more than 56 data bytes and recovers on the next barcode', () => {
    const assembler = new HidPosAssembler();
    const bad = toHidPosReports('X')[0]!;
    bad[1] = 57;
    expect(assembler.push(bad)).toMatchObject({ type: 'error', error: { code: 'BAD_REPORT' } });
    expect(assembler.push(toHidPosReports('OK')[0]!)).toMatchObject({ type: 'scan', scan: { text: 'OK' } });
  });

  it('drops a barcode past the size bound as OVERFLOW', () => {
    const assembler = new HidPosAssembler();
    const reports = toHidPosReports('Y'.repeat(5000));
    const results = reports.map((r) => assembler.push(r));
    expect(results.some((r) => r.type === 'error' && r.error.code === 'OVERFLOW')).toBe(true);
    expect(results.some((r) => r.type === 'scan')).toBe(false);
    expect(assembler.push(toHidPosReports('NEXT')[0]!)).toMatchObject({ type: 'scan', scan: { text: 'NEXT' } });
  });

  it('maps AIM ids to symbology names', () => {
    expect([']L0', ']Q1', ']z0', ']d1', ']C0', ']X9', 'L0'].map(symbologyFromAim)).toEqual(['PDF417', 'QR', 'AZTEC', 'DATAMATRIX', 'CODE128', 'UNKNOWN', 'UNKNOWN']);
  });
});

describe('HID-POS scanner adapter', () => {
  function setup() {
    const bus = new FakeHidBus();
    const timers = new ManualClock(0);
    const scanner = new HidPosScanner({ id: 's', vid: 0x0c2e, pid: 0x0b61, backend: bus, timers, reassemblyTimeoutMs: 300 });
    const events: ScannerEvent[] = [];
    scanner.subscribe((e) => events.push(e));
    return { bus, timers, scanner, events };
  }

  it('drops a barcode whose last report never comes as TRUNCATED, and one cut by an unplug too', async () => {
    const { bus, timers, scanner, events } = setup();
    bus.plug(posInfo);
    await scanner.start();
    const reports = toHidPosReports('Z'.repeat(150));
    bus.report(reports[0]!);
    timers.advance(300);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { code: 'TRUNCATED' } });
    bus.report(reports[0]!);
    bus.unplug();
    await flush();
    expect(events.slice(-2)).toMatchObject([
      { type: 'error', error: { code: 'TRUNCATED' } },
      { type: 'status', status: { state: 'unavailable' } },
    ]);
    expect(events.some((e) => e.type === 'data')).toBe(false);
    await scanner.stop();
  });

  it('beeps and triggers through the Honeywell FD-prefixed command channel (§1.9)', async () => {
    const { bus, scanner } = setup();
    expect(await scanner.beep()).toBe(false); // not connected yet
    bus.plug(posInfo);
    await scanner.start();
    expect(await scanner.beep()).toBe(true);
    expect(await scanner.trigger()).toBe(true);
    expect(honeywellBeep).toEqual([0xfd, 0x03, 0x16, 0x07, 0x0d]);
    expect(bus.written[0]!.slice(0, 5)).toEqual([0xfd, 0x03, 0x16, 0x07, 0x0d]);
    expect(bus.written[0]).toHaveLength(64);
    expect(bus.written[1]!.slice(0, 5)).toEqual([0xfd, 0x03, 0x16, 0x54, 0x0d]);
    await scanner.stop();
  });

  it('reports a keyboard-wedge scanner unavailable with FORMAT_ERROR', async () => {
    const { bus, scanner } = setup();
    bus.plug({ ...posInfo, usagePage: 0x01, usage: 0x06 });
    await scanner.start();
    expect(scanner.status()).toMatchObject({ state: 'unavailable', code: 'FORMAT_ERROR', reason: expect.stringContaining('HID-POS') });
    await scanner.stop();
  });
});

describe('serial scanner text', () => {
  it('takes a leading AIM id as the symbology and keeps text without one as UNKNOWN', () => {
    expect(scanFromText(']Q1hello')).toEqual({ symbology: 'QR', aim: ']Q1', text: 'hello' });
    expect(scanFromText('plain')).toEqual({ symbology: 'UNKNOWN', text: 'plain' });
  });
});

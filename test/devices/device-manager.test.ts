import { describe, expect, it } from 'vitest';
import type { DocumentReader, ReaderEvent } from '../../drivers/reader/document-reader.ts';
import { SimulatedReader } from '../../drivers/reader/simulated-reader.ts';
import { SimulatedScanner } from '../../drivers/scanner/simulated-scanner.ts';
import { DeviceManager, type DeviceManagerEvent } from '../../electron/devices/device-manager.ts';
import { FailedDevice } from '../../electron/devices/failed-device.ts';
import { parseReaderData } from '../../electron/devices/parse-reader-data.ts';
import { silentLogger } from '../../electron/log/logger.ts';
import { td3 } from '../framing/specimens.ts';

function recordingLogger() {
  const warnings: unknown[] = [];
  const logger = silentLogger();
  logger.warn = ((obj: unknown) => void warnings.push(obj)) as typeof logger.warn;
  return { logger, warnings };
}

async function managerWith(readers: SimulatedReader[] | (SimulatedReader | FailedDevice)[], scanners: SimulatedScanner[] = []) {
  const { logger, warnings } = recordingLogger();
  const manager = new DeviceManager({ readers, scanners, parse: (d) => parseReaderData(d, new Date('2010-01-01')), logger });
  const events: DeviceManagerEvent[] = [];
  manager.subscribe((e) => events.push(e));
  await manager.start();
  return { manager, events, warnings };
}

describe('DeviceManager with the driver layer', () => {
  it('turns a simulated read into a parsed document through the MRZ engine', async () => {
    const reader = new SimulatedReader('reader');
    const { events } = await managerWith([reader]);
    reader.insert(td3);
    const doc = events.find((e) => e.type === 'document');
    expect(doc).toMatchObject({ type: 'document', readerId: 'reader', origin: 'reader', result: { ok: true, valid: true } });
  });

  it('logs noise between frames without telling the traveller the read failed', async () => {
    const reader = new SimulatedReader('reader');
    const { events, warnings } = await managerWith([reader]);
    reader.garbage();
    expect(events.filter((e) => e.type === 'unreadable')).toEqual([]);
    expect(warnings).toEqual([{ device: 'reader', code: 'NOISE' }]);
  });

  it('reports a frame cut off inside a read as unreadable (device_error)', async () => {
    const reader = new SimulatedReader('reader');
    const { events } = await managerWith([reader]);
    reader.disconnectMidFrame(td3);
    expect(events.filter((e) => e.type === 'unreadable')).toEqual([
      { type: 'unreadable', readerId: 'reader', reason: { code: 'device_error', message: expect.stringContaining('TRUNCATED') } },
    ]);
  });

  it('keeps the other devices running next to one that could not be built', async () => {
    const reader = new SimulatedReader('reader');
    const scanner = new SimulatedScanner('scanner');
    const { manager, events } = await managerWith([new FailedDevice('broken', 'adapter could not be built: x'), reader], [scanner]);
    expect(manager.snapshot()).toEqual([
      { id: 'broken', kind: 'reader', status: { state: 'unavailable', code: 'SOFTWARE_ERROR', reason: 'adapter could not be built: x' } },
      { id: 'reader', kind: 'reader', status: { state: 'available' } },
      { id: 'scanner', kind: 'scanner', status: { state: 'available' } },
    ]);
    scanner.scan('QR', 'hello');
    expect(events.filter((e) => e.type === 'scan')).toEqual([{ type: 'scan', scannerId: 'scanner', scan: { symbology: 'QR', aim: ']Q0', text: 'hello' } }]);
  });
});

describe('DeviceManager with a camera (OCR) reader', () => {
  /** A reader that emits what the OCR reader emits, driven by hand. */
  function fakeOcrReader() {
    const listeners = new Set<(e: ReaderEvent) => void>();
    const emit = (e: ReaderEvent) => listeners.forEach((l) => l(e));
    const reader: DocumentReader = {
      id: 'camera',
      status: () => ({ state: 'available' }),
      start: async () => undefined,
      stop: async () => undefined,
      subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    };
    return { reader, emit };
  }

  async function withCamera() {
    const camera = fakeOcrReader();
    const manager = new DeviceManager({ readers: [camera.reader], cameraReaderIds: ['camera'], parse: (d) => parseReaderData(d, new Date('2010-01-01')), logger: silentLogger() });
    const events: DeviceManagerEvent[] = [];
    manager.subscribe((e) => events.push(e));
    await manager.start();
    events.length = 0;
    return { camera, manager, events };
  }

  it('passes on the fields the OCR asks the traveller to confirm, as the OCR judged them', async () => {
    const { camera, events } = await withCamera();
    camera.emit({ type: 'data', data: { lines: td3, origin: 'ocr', confidence: td3.map((l) => [...l].map(() => 0.99)), needsConfirmation: ['surname', 'givenNames'] } });
    expect(events.find((e) => e.type === 'document')).toMatchObject({ origin: 'ocr', needsConfirmation: ['surname', 'givenNames'] });
  });

  it('reports a camera to staff as a camera, and publishes each of its status changes once', async () => {
    const { camera, manager, events } = await withCamera();
    expect(manager.snapshot()).toEqual([{ id: 'camera', kind: 'camera', status: { state: 'available' } }]);
    camera.emit({ type: 'status', status: { state: 'busy' } });
    expect(events.filter((e) => e.type === 'devices')).toHaveLength(1);
  });
});

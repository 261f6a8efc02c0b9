import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../drivers/device.ts';
import type { DocumentReader, ReaderEvent } from '../../drivers/reader/document-reader.ts';
import { td1, td3 } from '../framing/specimens.ts';

/**
 * The executable form of the DocumentReader guarantees (drivers/reader/document-reader.ts), run against every
 * adapter. A harness plays the device for its adapter: simulated, serial over SerialPortMock, serial over a
 * kernel pty, HID over a fake bus.
 */
export interface ReaderHarness {
  readonly reader: DocumentReader;
  /** The device sends one document. */
  present(lines: readonly string[]): Promise<void>;
  /** The device sends bytes that form no frame. */
  garbage(): Promise<void>;
  unplug(): Promise<void>;
  /** Plugs the device back in and lets the adapter's retry run. */
  plug(): Promise<void>;
  /** Waits until `check` holds (letting I/O and timers run as the harness needs), or throws naming `what`. */
  settle(check: () => boolean, what: string): Promise<void>;
  /** True once the adapter has let go of the device (port closed, HID handle closed). */
  released?(): boolean;
  dispose(): Promise<void>;
}

export type ReaderHarnessFactory = (options: { plugged: boolean }) => Promise<ReaderHarness>;

/** The states a device went through: its status events' states, a repeated one counted once. */
export function states(statuses: readonly DeviceStatus[]): DeviceStatus['state'][] {
  return statuses.map((s) => s.state).filter((state, i, all) => i === 0 || all[i - 1] !== state);
}

const lifecycle = (events: ReaderEvent[]): ReaderEvent[] =>
  events.filter((e) => e.type === 'readStart' || e.type === 'data' || e.type === 'error' || e.type === 'readEnd');

export function documentReaderContract(name: string, factory: ReaderHarnessFactory): void {
  describe(`DocumentReader contract: ${name}`, () => {
    let harness: ReaderHarness | undefined;
    const events: ReaderEvent[] = [];

    const setup = async (plugged = true): Promise<ReaderHarness> => {
      events.length = 0;
      harness = await factory({ plugged });
      harness.reader.subscribe((e) => events.push(e));
      return harness;
    };

    afterEach(async () => {
      await harness?.reader.stop();
      await harness?.dispose();
      harness = undefined;
    });

    it('start() resolves with status unavailable when no device is there, then connects when it appears', async () => {
      const h = await setup(false);
      await expect(h.reader.start()).resolves.toBeUndefined();
      expect(h.reader.status().state).toBe('unavailable');
      await h.plug();
      await h.settle(() => h.reader.status().state === 'available', 'the reader to connect');
      expect(events.filter((e) => e.type === 'status').at(-1)).toEqual({ type: 'status', status: { state: 'available' } });
    });

    it('emits a status event on every change and status() returns the latest', async () => {
      const h = await setup();
      await h.reader.start();
      await h.settle(() => h.reader.status().state === 'available', 'available');
      await h.unplug();
      await h.settle(() => h.reader.status().state === 'unavailable', 'unavailable after unplug');
      const statuses = events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
      // A real link may say more than once why it is unavailable (unplugged, then cannot reopen): each event is
      // still a change, and the states it went through are these.
      expect(statuses.slice(1).every((s, i) => JSON.stringify(s) !== JSON.stringify(statuses[i]))).toBe(true);
      expect(states(statuses)).toEqual(['available', 'unavailable']);
      expect(statuses.at(-1)).toEqual(h.reader.status());
      expect(h.reader.status()).toMatchObject({ code: 'NOT_REACHABLE', reason: expect.any(String) });
    });

    it('yields readStart, exactly one data with the lines, then readEnd for each document', async () => {
      const h = await setup();
      await h.reader.start();
      await h.present(td3);
      await h.settle(() => events.some((e) => e.type === 'readEnd'), 'readEnd');
      await h.present(td1);
      await h.settle(() => events.filter((e) => e.type === 'readEnd').length === 2, 'second readEnd');
      expect(lifecycle(events)).toEqual([
        { type: 'readStart' },
        { type: 'data', data: { lines: td3, origin: 'reader' } },
        { type: 'readEnd' },
        { type: 'readStart' },
        { type: 'data', data: { lines: td1, origin: 'reader' } },
        { type: 'readEnd' },
      ]);
    });

    it('reports garbage as an error and still reads the next document', async () => {
      const h = await setup();
      await h.reader.start();
      await h.garbage();
      await h.present(td3);
      await h.settle(() => events.some((e) => e.type === 'readEnd'), 'readEnd after garbage');
      const seen = lifecycle(events);
      expect(seen[0]).toMatchObject({ type: 'error', error: { code: expect.any(String), message: expect.any(String) } });
      expect(seen.slice(-3)).toEqual([
        { type: 'readStart' },
        { type: 'data', data: { lines: td3, origin: 'reader' } },
        { type: 'readEnd' },
      ]);
    });

    it('reads again after the device is unplugged and plugged back in', async () => {
      const h = await setup();
      await h.reader.start();
      await h.unplug();
      await h.settle(() => h.reader.status().state === 'unavailable', 'unavailable');
      await h.plug();
      await h.settle(() => h.reader.status().state === 'available', 'available again');
      await h.present(td1);
      await h.settle(() => events.some((e) => e.type === 'data'), 'a read after replug');
      expect(lifecycle(events).filter((e) => e.type === 'data')).toEqual([{ type: 'data', data: { lines: td1, origin: 'reader' } }]);
    });

    it('emits nothing after stop() resolves and releases the device', async () => {
      const h = await setup();
      await h.reader.start();
      await h.settle(() => h.reader.status().state === 'available', 'available');
      await h.reader.stop();
      const count = events.length;
      await h.present(td3).catch(() => undefined);
      await h.unplug().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 20));
      expect(events.length).toBe(count);
      if (h.released) expect(h.released()).toBe(true);
    });
  });
}

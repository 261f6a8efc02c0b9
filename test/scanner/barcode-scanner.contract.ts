import { afterEach, describe, expect, it } from 'vitest';
import type { BarcodeScanner, ScannerEvent } from '../../drivers/scanner/barcode-scanner.ts';
import { states } from '../reader/document-reader.contract.ts';

/** The BarcodeScanner guarantees ("same lifecycle guarantees as DocumentReader; one data event per barcode"). */
export interface ScannerHarness {
  readonly scanner: BarcodeScanner;
  /** The device sends one PDF417 barcode. */
  scan(text: string): Promise<void>;
  unplug(): Promise<void>;
  plug(): Promise<void>;
  settle(check: () => boolean, what: string): Promise<void>;
  dispose(): Promise<void>;
}

export function barcodeScannerContract(name: string, factory: (o: { plugged: boolean }) => Promise<ScannerHarness>): void {
  describe(`BarcodeScanner contract: ${name}`, () => {
    let harness: ScannerHarness | undefined;
    const events: ScannerEvent[] = [];
    const setup = async (plugged = true): Promise<ScannerHarness> => {
      events.length = 0;
      harness = await factory({ plugged });
      harness.scanner.subscribe((e) => events.push(e));
      return harness;
    };
    afterEach(async () => {
      await harness?.scanner.stop();
      await harness?.dispose();
    });

    it('start() resolves unavailable without a device, and connects when it appears', async () => {
      const h = await setup(false);
      await expect(h.scanner.start()).resolves.toBeUndefined();
      expect(h.scanner.status().state).toBe('unavailable');
      await h.plug();
      await h.settle(() => h.scanner.status().state === 'available', 'available');
    });

    it('delivers one data event per complete barcode, a long boarding pass included', async () => {
      const h = await setup();
      await h.scanner.start();
      const bcbp = `M1ERIKSSON/ANNA MARIA  EABC123 PEKSHAMU 5793 123Y012A0001 100${'>5180OO'.padEnd(180, 'X')}`;
      await h.scan(bcbp);
      await h.scan('SHORT');
      await h.settle(() => events.filter((e) => e.type === 'data').length === 2, 'two scans');
      const scans = events.flatMap((e) => (e.type === 'data' ? [e.scan] : []));
      expect(scans.map((s) => s.text)).toEqual([bcbp, 'SHORT']);
      expect(scans[0]?.symbology).toBe('PDF417');
    });

    it('follows unplug and replug with status events, and emits nothing after stop()', async () => {
      const h = await setup();
      await h.scanner.start();
      await h.unplug();
      await h.settle(() => h.scanner.status().state === 'unavailable', 'unavailable');
      await h.plug();
      await h.settle(() => h.scanner.status().state === 'available', 'available again');
      const statuses = events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
      // A real link may say more than once why it is unavailable; the states it went through are these.
      expect(states(statuses)).toEqual(['available', 'unavailable', 'available']);
      await h.scanner.stop();
      const count = events.length;
      await h.scan('AFTER').catch(() => undefined);
      expect(events.length).toBe(count);
    });
  });
}

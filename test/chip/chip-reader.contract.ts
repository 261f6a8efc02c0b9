import { afterEach, describe, expect, it } from 'vitest';
import { AccessDeniedError } from '../../drivers/chip/access/access-error.ts';
import { atrCapabilities } from '../../drivers/chip/atr.ts';
import { CardRemovedError } from '../../drivers/chip/card-channel.ts';
import { NoCardError, type ChipReader, type ChipReaderEvent } from '../../drivers/chip/chip-reader.ts';
import { readChip } from '../../drivers/chip/read-chip.ts';
import type { ChipPersonalisation } from '../../drivers/chip/sim/personalise.ts';
import { key, now, random, testDocument, type TestDocument } from './support/documents.ts';

/** The ChipReader guarantees (drivers/chip/chip-reader.ts), run against every adapter. */
export interface ChipReaderHarness {
  readonly reader: ChipReader;
  insert(chip: ChipPersonalisation): Promise<void>;
  remove(): Promise<void>;
  dispose(): Promise<void>;
}

async function settle(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function chipReaderContract(name: string, factory: () => Promise<ChipReaderHarness>): void {
  describe(`ChipReader contract: ${name}`, { timeout: 30_000 }, () => {
    let harness: ChipReaderHarness | undefined;
    let doc: TestDocument;
    const events: ChipReaderEvent[] = [];
    const setup = async () => {
      events.length = 0;
      doc ??= await testDocument();
      harness = await factory();
      harness.reader.subscribe((e) => events.push(e));
      await harness.reader.start();
      return harness;
    };
    afterEach(async () => {
      // Take the card away and let the reader see it go, so the next test starts with an empty field.
      await harness?.dispose();
      if (harness?.reader.status().state === 'available') await settle(() => !harness!.reader.cardPresent(), 'empty field').catch(() => {});
      await harness?.reader.stop();
      harness = undefined;
    });
    const read = (h: ChipReaderHarness) =>
      h.reader.connect().then(async (card) => {
        try {
          return await readChip(card, { key, printedMrz: doc.mrz, trust: doc.trust, now, extendedLength: atrCapabilities(card.atr).extendedLength, random });
        } finally {
          await card.close();
        }
      });

    it('is available once started, with no card in the field', async () => {
      const h = await setup();
      await settle(() => h.reader.status().state === 'available', 'available');
      expect(h.reader.cardPresent()).toBe(false);
      await expect(h.reader.connect()).rejects.toBeInstanceOf(NoCardError);
    });

    it('reports a card entering the field and reads and verifies it, twice in a row', async () => {
      const h = await setup();
      await h.insert(doc.chip);
      await settle(() => events.some((e) => e.type === 'cardPresent'), 'cardPresent');
      expect(h.reader.cardPresent()).toBe(true);
      const first = await read(h);
      expect(first.verified).toBe(true);
      expect(first.access).toBe('pace');
      // connect() resets the card: a second read starts a fresh session.
      expect((await read(h)).verified).toBe(true);
    });

    it('reports the card leaving, after which connect() rejects with NoCardError', async () => {
      const h = await setup();
      await h.insert(doc.chip);
      await settle(() => h.reader.cardPresent(), 'card present');
      await h.remove();
      await settle(() => events.some((e) => e.type === 'cardRemoved'), 'cardRemoved');
      expect(h.reader.cardPresent()).toBe(false);
      await expect(h.reader.connect()).rejects.toBeInstanceOf(NoCardError);
    });

    it('rejects an exchange with CardRemovedError when the card is pulled mid-read, and reads it when it returns', async () => {
      const h = await setup();
      await h.insert(doc.chip);
      await settle(() => h.reader.cardPresent(), 'card present');
      const card = await h.reader.connect();
      await card.transmit(Uint8Array.from([0x00, 0xa4, 0x04, 0x0c, 0x07, 0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01]));
      await h.remove();
      await settle(() => !h.reader.cardPresent(), 'card gone');
      await expect(card.transmit(Uint8Array.from([0x00, 0x84, 0x00, 0x00, 0x08]))).rejects.toBeInstanceOf(CardRemovedError);
      await h.insert(doc.chip);
      await settle(() => h.reader.cardPresent(), 'card back');
      expect((await read(h)).verified).toBe(true);
    });

    it('passes a wrong access key through as AccessDeniedError', async () => {
      const h = await setup();
      await h.insert(doc.chip);
      await settle(() => h.reader.cardPresent(), 'card present');
      const card = await h.reader.connect();
      await expect(readChip(card, { key: { ...key, expiryDate: '320416' }, trust: doc.trust, now, extendedLength: false, random })).rejects.toBeInstanceOf(AccessDeniedError);
    });

    it('emits nothing after stop()', async () => {
      const h = await setup();
      await settle(() => h.reader.status().state === 'available', 'available');
      await h.reader.stop();
      const before = events.length;
      await h.insert(doc.chip);
      await new Promise((r) => setTimeout(r, 200));
      expect(events.length).toBe(before);
    });
  });
}

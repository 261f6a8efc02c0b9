import { describe, expect, it } from 'vitest';
import { PcscChipReader, type PcscBinding, type PcscContext } from '../../drivers/chip/pcsc/pcsc-chip-reader.ts';
import type { ChipReaderEvent } from '../../drivers/chip/chip-reader.ts';

/** A PC/SC binding whose service is down until `up()`; then one reader, no card. */
function fakeBinding() {
  let running = false;
  const context = (): PcscContext => {
    if (!running) throw Object.assign(new Error('PC/SC service not running'), { code: 0x8010001d });
    return {
      listReaders: () => [{ name: 'Kiosk Contactless 00', connect: async () => Promise.reject(new Error('no card')) }],
      waitForChange: (_readers, timeout) => new Promise((resolve) => setTimeout(() => resolve([]), Math.min(timeout, 20))),
      cancel: () => {},
      close: () => {},
    };
  };
  const binding: PcscBinding = {
    createContext: context,
    SCARD_SHARE_SHARED: 2,
    SCARD_PROTOCOL_T0: 1,
    SCARD_PROTOCOL_T1: 2,
    SCARD_RESET_CARD: 1,
    SCARD_STATE_PRESENT: 0x20,
    SCARD_STATE_MUTE: 0x200,
    SCARD_STATE_CHANGED: 0x2,
  };
  return { binding, up: () => (running = true) };
}

describe('PcscChipReader without the PC/SC service', () => {
  it('starts unavailable with the reason, keeps retrying, and becomes available when the service comes up', async () => {
    const fake = fakeBinding();
    const reader = new PcscChipReader('chip', { binding: async () => fake.binding, retryMs: 20, pollMs: 20 });
    const events: ChipReaderEvent[] = [];
    reader.subscribe((e) => events.push(e));
    await reader.start();
    expect(reader.status()).toMatchObject({ state: 'unavailable', code: 'NOT_REACHABLE' });
    expect(reader.status().state === 'unavailable' && reader.status()).toMatchObject({ reason: expect.stringContaining('PC/SC service not reachable') });
    fake.up();
    const deadline = Date.now() + 2000;
    while (reader.status().state !== 'available' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(reader.status().state).toBe('available');
    await reader.stop();
    expect(events.filter((e) => e.type === 'status').map((e) => (e.type === 'status' ? e.status.state : ''))).toEqual(['unavailable', 'available']);
  });

  it('only uses a reader whose name matches the configured one', async () => {
    const fake = fakeBinding();
    fake.up();
    const reader = new PcscChipReader('chip', { binding: async () => fake.binding, readerName: 'Passport Reader', pollMs: 20 });
    await reader.start();
    expect(reader.status()).toMatchObject({ state: 'unavailable', reason: 'no contactless reader attached' });
    await reader.stop();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SerialPortMock } from 'serialport';
import { EscPosPrinter } from '../../drivers/printer/escpos-printer.ts';
import { createGb18030Encoder } from '../../drivers/printer/gb18030.ts';
import { FakeEscPosDevice } from './fake-escpos-device.ts';

const gb = createGb18030Encoder();

function indexOf(haystack: Buffer, needle: number[] | Uint8Array): number {
  return haystack.indexOf(Buffer.from(needle));
}

describe('GB18030 encoder', () => {
  it('encodes the GBK range as two bytes and the rest of Unicode as four', () => {
    expect([...gb.encode('登机牌')]).toEqual([0xb5, 0xc7, 0xbb, 0xfa, 0xc5, 0xc6]);
    expect([...gb.encode('证')]).toEqual([0xd6, 0xa4]); // docs/mrz-formats.md §3.1: 证 = GBK D6 A4
    expect([...gb.encode('AB 1')]).toEqual([0x41, 0x42, 0x20, 0x31]);
    expect([...gb.encode('€')]).toEqual([0xa2, 0xe3]);
    expect([...gb.encode('😀')]).toEqual([0x94, 0x39, 0xfc, 0x36]);
  });

  it('round-trips any Unicode text through the WHATWG gb18030 decoder', () => {
    const decoder = new TextDecoder('gb18030');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        fc.pre(!/[\ud800-\udfff]/u.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
        expect(decoder.decode(gb.encode(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('ESC/POS printer over serial', () => {
  let printer: EscPosPrinter | null = null;
  afterEach(async () => {
    await printer?.stop();
    printer = null;
    SerialPortMock.binding.reset();
  });

  it('asks for status before sending a job, then sends ESC @, Chinese in FS & … FS ., PDF417, ITF and a cut', async () => {
    const device = new FakeEscPosDevice('/dev/ttyPRN-bytes');
    printer = new EscPosPrinter({ transport: device.transport(), statusTimeoutMs: 200, pollMs: 60_000 });
    await printer.start();
    device.received.length = 0;
    const r = await printer.print({
      kind: 'boarding-pass',
      blocks: [
        { type: 'text', text: '登机牌 BOARDING PASS' },
        { type: 'text', text: 'SEAT 12C' },
        { type: 'barcode', symbology: 'pdf417', data: 'M1TEST' },
        { type: 'barcode', symbology: 'itf', data: '0987000001' },
        { type: 'cut' },
      ],
    });
    expect(r.ok).toBe(true);
    // DLE EOT 1, DLE EOT 4, the job, DLE EOT 1, DLE EOT 4.
    expect(device.received.slice(0, 2).map((b) => [...b])).toEqual([[0x10, 0x04, 0x01], [0x10, 0x04, 0x04]]);
    expect(device.received.slice(-2).map((b) => [...b])).toEqual([[0x10, 0x04, 0x01], [0x10, 0x04, 0x04]]);
    const job = device.jobBytes();
    expect(indexOf(job, [0x1b, 0x40])).toBe(0);
    expect(indexOf(job, [0x1c, 0x26, ...gb.encode('登机牌 BOARDING PASS'), 0x1c, 0x2e, 0x0a])).toBeGreaterThan(0);
    expect(indexOf(job, Buffer.from('SEAT 12C\n'))).toBeGreaterThan(0);
    // GS ( k … cn=48 fn=80 m=48: store PDF417 data (Epson ESC/POS).
    expect(indexOf(job, [0x1d, 0x28, 0x6b, 0x09, 0x00, 0x30, 0x50, 0x30, ...Buffer.from('M1TEST')])).toBeGreaterThan(0);
    // GS k m=5 (function A: ITF) data NUL.
    expect(indexOf(job, [0x1d, 0x6b, 0x05, ...Buffer.from('0987000001'), 0x00])).toBeGreaterThan(0);
    expect(indexOf(job, [0x1d, 0x56])).toBeGreaterThan(0);
  });

  it('refuses a job on paper end without sending a byte of it', async () => {
    const device = new FakeEscPosDevice('/dev/ttyPRN-empty');
    device.paper = false;
    printer = new EscPosPrinter({ transport: device.transport(), statusTimeoutMs: 200, pollMs: 60_000 });
    await printer.start();
    expect(printer.status()).toMatchObject({ state: 'unavailable', code: 'MEDIA_EMPTY' });
    expect(await printer.print({ kind: 'receipt', blocks: [{ type: 'text', text: 'hello' }] })).toMatchObject({ ok: false, error: { code: 'MEDIA_EMPTY' } });
    expect(device.jobBytes().length).toBe(0);
  });

  it('reports a printer that cannot be opened as NOT_REACHABLE without rejecting start', async () => {
    const device = new FakeEscPosDevice('/dev/ttyPRN-absent', false);
    printer = new EscPosPrinter({ transport: device.transport(), statusTimeoutMs: 50, pollMs: 60_000 });
    await printer.start();
    expect(printer.status()).toMatchObject({ state: 'unavailable', code: 'NOT_REACHABLE' });
    expect(await printer.print({ kind: 'receipt', blocks: [{ type: 'text', text: 'x' }] })).toMatchObject({ ok: false, error: { code: 'NOT_REACHABLE' } });
  });

  it('reports a printer that stays silent as NOT_RESPONDING', async () => {
    const device = new FakeEscPosDevice('/dev/ttyPRN-silent');
    device.responsive = false;
    printer = new EscPosPrinter({ transport: device.transport(), statusTimeoutMs: 30, pollMs: 60_000 });
    await printer.start();
    expect(printer.status()).toMatchObject({ state: 'unavailable', code: 'NOT_RESPONDING' });
  });

  it('reports a cover-open / offline printer (DLE EOT 1 bit 3) as NOT_RESPONDING', async () => {
    const device = new FakeEscPosDevice('/dev/ttyPRN-offline');
    device.online = false;
    printer = new EscPosPrinter({ transport: device.transport(), statusTimeoutMs: 200, pollMs: 60_000 });
    await printer.start();
    expect(printer.status()).toMatchObject({ state: 'unavailable', code: 'NOT_RESPONDING' });
  });

  it('fails an image it cannot decode as FORMAT_ERROR before sending anything', async () => {
    const device = new FakeEscPosDevice('/dev/ttyPRN-img');
    printer = new EscPosPrinter({ transport: device.transport(), statusTimeoutMs: 200, pollMs: 60_000 });
    await printer.start();
    const r = await printer.print({ kind: 'receipt', blocks: [{ type: 'image', png: new Uint8Array([1, 2, 3]) }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORMAT_ERROR' } });
    expect(device.jobBytes().length).toBe(0);
  });
});

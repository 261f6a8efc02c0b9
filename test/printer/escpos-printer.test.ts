import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import sharp from 'sharp';
import { SerialPortMock } from 'serialport';
import { encodeEscPos } from '../../drivers/printer/escpos-encode.ts';
import { EscPosPrinter } from '../../drivers/printer/escpos-printer.ts';
import { createGb18030Encoder } from '../../drivers/printer/gb18030.ts';
import { startPtyPair } from '../support/pty-pair.ts';
import { FakeEscPosDevice, PtyEscPosDevice } from './fake-escpos-device.ts';
import { loadSampleLogo, sampleDocument } from './printer.contract.ts';

const gb = createGb18030Encoder();
/** Private-use code points that GB 18030-2022 moved to standard ones: no byte sequence decodes to them. */
const givenUp = [0xe5e5, 0xe78d, 0xe78e, 0xe78f, 0xe790, 0xe791, 0xe792, 0xe793, 0xe794, 0xe795, 0xe796, 0xe81e, 0xe826, 0xe82b, 0xe82c, 0xe832, 0xe843, 0xe854, 0xe864];

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
        fc.pre(![...text].some((ch) => givenUp.includes(ch.codePointAt(0) as number)));
        expect(decoder.decode(gb.encode(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('encodes U+FFFD as its four-byte code, not as the replacement for what it cannot encode', () => {
    expect([...gb.encode('\ufffd')]).toEqual([0x84, 0x31, 0xa4, 0x37]);
    expect(new TextDecoder('gb18030', { fatal: true }).decode(gb.encode('a\ufffdb'))).toBe('a\ufffdb');
  });

  it('round-trips every scalar value of the BMP and the ends of every plane, except the 19 code points GB 18030-2022 gave up', () => {
    const decoder = new TextDecoder('gb18030');
    const scalars: number[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) if (cp < 0xd800 || cp > 0xdfff) scalars.push(cp);
    for (let plane = 1; plane <= 16; plane++) scalars.push(plane * 0x10000, plane * 0x10000 + 0xfffd, plane * 0x10000 + 0xffff);
    const lost = scalars.filter((cp) => decoder.decode(gb.encode(String.fromCodePoint(cp))) !== String.fromCodePoint(cp));
    expect(lost.map((cp) => cp.toString(16))).toEqual(givenUp.map((cp) => cp.toString(16)));
    expect(givenUp.map((cp) => [...gb.encode(String.fromCodePoint(cp))])).toEqual(givenUp.map(() => [0x3f]));
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

describe('ESC/POS printer over a kernel pty pair (socat)', () => {
  beforeAll(loadSampleLogo);

  it('delivers the job byte for byte through the real serialport binding, between status requests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-printer-pty-'));
    const device = new PtyEscPosDevice(await startPtyPair(dir));
    const printer = new EscPosPrinter({ transport: device.transport(), statusTimeoutMs: 10_000, pollMs: 60_000, gb18030: gb });
    try {
      await printer.start();
      // Vertical stripes three dots apart: 11.5 KB of raster, more than a pty buffer holds, and no DLE byte in it.
      const stripes = Buffer.alloc(576 * 160, 255).map((v, i) => (i % 3 === 0 ? 0 : v));
      const wide = new Uint8Array(await sharp(stripes, { raw: { width: 576, height: 160, channels: 1 } }).png().toBuffer());
      const document = { ...sampleDocument(), blocks: [...sampleDocument().blocks, { type: 'image' as const, png: wide, width: 576 }] };
      const r = await printer.print(document);
      expect(r.ok).toBe(true);
      const expected = Buffer.from(await encodeEscPos(document, { columns: 48, widthDots: 576, gb18030: gb }));
      expect(expected.length).toBeGreaterThan(10_000);
      expect(expected.includes(Buffer.from([0x10, 0x04]))).toBe(false); // a printer would answer that as a status request
      expect(device.jobBytes().equals(expected)).toBe(true);
      // start, before the job, after it: DLE EOT 1 and 4 each time.
      expect(device.statusRequests).toEqual([1, 4, 1, 4, 1, 4]);
    } finally {
      await printer.stop();
      await device.pair.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

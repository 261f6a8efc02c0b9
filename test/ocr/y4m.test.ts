import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeY4m, writeY4m, writeY4mClip } from '../../drivers/ocr/y4m.ts';

describe('fake-camera Y4M', () => {
  it('writes a 4:2:0 clip whose header, frame count and pixel levels match the image', async () => {
    const white = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const dir = mkdtempSync(join(tmpdir(), 'y4m-'));
    try {
      const out = join(dir, 'doc.y4m');
      await writeY4m(white, out, { width: 64, height: 48, frames: 3 });
      const bytes = readFileSync(out);
      const header = 'YUV4MPEG2 W64 H48 F10:1 Ip A1:1 C420jpeg\n';
      expect(bytes.subarray(0, header.length).toString()).toBe(header);
      const frameSize = 64 * 48 * 1.5;
      expect(bytes.length).toBe(header.length + 3 * ('FRAME\n'.length + frameSize));
      const y0 = header.length + 'FRAME\n'.length;
      expect(bytes[y0]).toBe(235); // white is Y = 235 in limited range
      expect(bytes[y0 + 64 * 48]).toBe(128); // neutral chroma
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('letterboxes an image of another aspect ratio with black (Y = 16)', async () => {
    const tall = await sharp({ create: { width: 20, height: 60, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const bytes = await encodeY4m(tall, { width: 64, height: 48, frames: 1 });
    const y0 = bytes.indexOf('FRAME\n') + 6;
    expect(bytes[y0]).toBe(16); // left edge: bar
    expect(bytes[y0 + 24 * 64 + 32]).toBe(235); // centre: image
  });

  it('writes a clip of different frames in order, each repeated as asked', async () => {
    const colour = (v: number) => sharp({ create: { width: 16, height: 16, channels: 3, background: { r: v, g: v, b: v } } }).png().toBuffer();
    const dir = mkdtempSync(join(tmpdir(), 'y4m-'));
    try {
      const out = join(dir, 'clip.y4m');
      const count = await writeY4mClip(out, [{ image: await colour(0) }, { image: await colour(255), repeat: 2 }], { width: 16, height: 16, fps: 5 });
      expect(count).toBe(3);
      const bytes = readFileSync(out);
      const header = 'YUV4MPEG2 W16 H16 F5:1 Ip A1:1 C420jpeg\n';
      expect(bytes.subarray(0, header.length).toString()).toBe(header);
      const frame = 'FRAME\n'.length + 16 * 16 * 1.5;
      expect(bytes.length).toBe(header.length + 3 * frame);
      const lumaOf = (k: number) => bytes[header.length + k * frame + 'FRAME\n'.length];
      expect([lumaOf(0), lumaOf(1), lumaOf(2)]).toEqual([16, 235, 235]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

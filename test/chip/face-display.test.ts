import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { FaceImageConverter, FaceImageError } from '../../drivers/chip/image/face-display.ts';
import { faceJp2 } from './support/documents.ts';

describe('DG2 face image for display', () => {
  const converter = new FaceImageConverter();

  it('decodes a JPEG 2000 face (WebAssembly OpenJPEG) into a JPEG of the same size, skin tone in the middle', async () => {
    const jpeg = await converter.toJpeg({ format: 'jpeg2000', width: 120, height: 160, data: faceJp2 });
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const { data, info } = await sharp(Buffer.from(jpeg)).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([120, 160]);
    const centre = (75 * 120 + 60) * info.channels;
    // The fixture draws a light face (#f2d0a9) on a brown gradient.
    expect(data[centre]).toBeGreaterThan(200);
    expect(data[centre + 2]).toBeLessThan(data[centre]!);
  });

  it('passes a JPEG face through unchanged', async () => {
    const jpeg = new Uint8Array(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).jpeg().toBuffer());
    expect(await converter.toJpeg({ format: 'jpeg', width: 8, height: 8, data: jpeg })).toBe(jpeg);
  });

  it('refuses a damaged JPEG 2000 stream with FaceImageError', async () => {
    const broken = Uint8Array.from(faceJp2.subarray(0, 400));
    await expect(converter.toJpeg({ format: 'jpeg2000', width: 120, height: 160, data: broken })).rejects.toBeInstanceOf(FaceImageError);
  });
});

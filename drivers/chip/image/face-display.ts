import { createRequire } from 'node:module';
import sharp from 'sharp';
import { ChipProtocolError } from '../bytes.ts';
import type { FaceImage } from '../lds/dg2-face.ts';

const require = createRequire(import.meta.url);

/** The chip's face image could not be decoded. */
export class FaceImageError extends ChipProtocolError {}

/**
 * Turns DG2's face image into a JPEG a browser shows and a face matcher takes. JPEG passes through; JPEG 2000
 * (which neither Chromium nor the prebuilt sharp decodes) goes through OpenJPEG compiled to WebAssembly
 * (@cornerstonejs/codec-openjpeg), then sharp encodes the pixels as JPEG. The WebAssembly module is loaded once
 * per instance, on first use.
 */
export class FaceImageConverter {
  #module: Promise<{ J2KDecoder: new () => { getEncodedBuffer(n: number): Uint8Array; decode(): void; getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number }; getDecodedBuffer(): Uint8Array; delete(): void } }> | undefined;

  async toJpeg(face: FaceImage): Promise<Uint8Array> {
    if (face.format === 'jpeg') return face.data;
    const { pixels, width, height, channels } = await this.decodeJpeg2000(face.data);
    return new Uint8Array(await sharp(Buffer.from(pixels), { raw: { width, height, channels } }).jpeg({ quality: 90 }).toBuffer());
  }

  async decodeJpeg2000(data: Uint8Array): Promise<{ pixels: Uint8Array; width: number; height: number; channels: 1 | 3 | 4 }> {
    // The Emscripten factory is CommonJS; its package exports the JS under "./wasmjs".
    this.#module ??= (require('@cornerstonejs/codec-openjpeg/wasmjs') as (o: object) => Promise<never>)({ print: () => {}, printErr: () => {} });
    const openjpeg = await this.#module;
    const decoder = new openjpeg.J2KDecoder();
    try {
      decoder.getEncodedBuffer(data.length).set(data);
      decoder.decode();
      const info = decoder.getFrameInfo();
      if (info.bitsPerSample !== 8 || ![1, 3, 4].includes(info.componentCount)) {
        throw new FaceImageError(`JPEG 2000 face of ${info.componentCount} components at ${info.bitsPerSample} bits is not supported`);
      }
      return { pixels: Uint8Array.from(decoder.getDecodedBuffer()), width: info.width, height: info.height, channels: info.componentCount as 1 | 3 | 4 };
    } catch (error) {
      if (error instanceof FaceImageError) throw error;
      throw new FaceImageError('the JPEG 2000 face image does not decode');
    } finally {
      decoder.delete();
    }
  }
}

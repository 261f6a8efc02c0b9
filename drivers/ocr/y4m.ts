/**
 * YUV4MPEG2 writer for Chromium's fake camera (`--use-file-for-fake-video-capture=FILE.y4m`,
 * docs/toolchain.md "Browser tests"): generated document images become a short 4:2:0 clip so
 * the e2e test's getUserMedia frames show the document. Chromium plays the clip in a loop.
 */
import { open, writeFile } from 'node:fs/promises';
import sharp from 'sharp';

export interface Y4mOptions {
  /** Frame size; even numbers (4:2:0 chroma). Defaults 640 × 480. */
  readonly width?: number;
  readonly height?: number;
  /** Number of identical frames (default 10). */
  readonly frames?: number;
  /** Frames per second (default 10). */
  readonly fps?: number;
}

const FRAME_HEADER = Buffer.from('FRAME\n', 'ascii');

function streamHeader(width: number, height: number, fps: number): Buffer {
  return Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`, 'ascii');
}

/** One frame's planes from packed RGB of exactly width × height: BT.601 limited-range YCbCr, 4:2:0. */
function yuvFrame(rgb: Uint8Array, width: number, height: number): Buffer {
  const ySize = width * height;
  const cSize = (width / 2) * (height / 2);
  const frame = Buffer.alloc(ySize + 2 * cSize);
  for (let i = 0; i < ySize; i++) {
    const r = rgb[i * 3]!;
    const g = rgb[i * 3 + 1]!;
    const b = rgb[i * 3 + 2]!;
    frame[i] = Math.round(16 + 0.257 * r + 0.504 * g + 0.098 * b);
  }
  for (let y = 0; y < height / 2; y++) {
    for (let x = 0; x < width / 2; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const o = ((2 * y + dy) * width + 2 * x + dx) * 3;
        r += rgb[o]!;
        g += rgb[o + 1]!;
        b += rgb[o + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      const k = y * (width / 2) + x;
      frame[ySize + k] = Math.round(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      frame[ySize + cSize + k] = Math.round(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  }
  return frame;
}

/** An image (file path or encoded bytes) letterboxed with black into a width × height RGB frame. */
async function fitted(image: string | Buffer, width: number, height: number): Promise<Uint8Array> {
  const { data } = await sharp(image).resize(width, height, { fit: 'contain', background: { r: 0, g: 0, b: 0 } }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return data;
}

/** Builds the Y4M bytes: the image letterboxed into the frame, repeated `frames` times. */
export async function encodeY4m(image: string | Buffer, options: Y4mOptions = {}): Promise<Buffer> {
  const width = (options.width ?? 640) & ~1;
  const height = (options.height ?? 480) & ~1;
  const frames = Math.max(1, options.frames ?? 10);
  const frame = yuvFrame(await fitted(image, width, height), width, height);
  const parts: Buffer[] = [streamHeader(width, height, options.fps ?? 10)];
  for (let f = 0; f < frames; f++) parts.push(FRAME_HEADER, frame);
  return Buffer.concat(parts);
}

/** Writes `outPath` as a Y4M clip of `image` (a file path or encoded image bytes). */
export async function writeY4m(image: string | Buffer, outPath: string, options: Y4mOptions = {}): Promise<void> {
  await writeFile(outPath, await encodeY4m(image, options));
}

/** One frame of a clip: an image letterboxed into the frame, shown for `repeat` frames (default 1). */
export interface ClipFrame {
  readonly image: string | Buffer;
  readonly repeat?: number;
}

/**
 * Writes a clip of different frames (a document moving into place, say), frame by frame to the file: a
 * second of 1280 × 960 video is tens of megabytes, so it is never held in memory whole.
 */
export async function writeY4mClip(outPath: string, frames: Iterable<ClipFrame> | AsyncIterable<ClipFrame>, options: Omit<Y4mOptions, 'frames'> = {}): Promise<number> {
  const width = (options.width ?? 640) & ~1;
  const height = (options.height ?? 480) & ~1;
  const file = await open(outPath, 'w');
  let count = 0;
  try {
    await file.write(streamHeader(width, height, options.fps ?? 10));
    for await (const f of frames) {
      const yuv = yuvFrame(await fitted(f.image, width, height), width, height);
      for (let k = 0; k < Math.max(1, f.repeat ?? 1); k++) {
        await file.write(FRAME_HEADER);
        await file.write(yuv);
        count++;
      }
    }
  } finally {
    await file.close();
  }
  return count;
}

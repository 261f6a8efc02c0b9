import sharp from 'sharp';
import { writeY4mClip, type ClipFrame } from '../../../drivers/ocr/y4m.ts';

export interface DocumentClipOptions {
  /** Frame size (even numbers); the default is a 4:3 camera. */
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  /** Seconds the document is held too far away, moves into place, and stays in place. */
  readonly farSeconds?: number;
  readonly moveSeconds?: number;
  readonly stillSeconds?: number;
}

/**
 * A fake-camera clip of a hand bringing a document to the camera: the page small and off to one side (too far
 * to read: "move closer"), then moving and growing into the middle of the frame, then held still there. Made
 * at test time (sharp composites the page onto a table, drivers/ocr/y4m.ts writes the frames), so no video
 * is committed. Returns the number of frames written.
 */
export async function writeDocumentClip(page: Buffer, outPath: string, options: DocumentClipOptions = {}): Promise<number> {
  const width = options.width ?? 1280;
  const height = options.height ?? 960;
  const fps = options.fps ?? 4;
  const meta = await sharp(page).metadata();
  const aspect = (meta.height ?? 1) / (meta.width ?? 1);
  const far = { scale: 0.4, cx: 0.3, cy: 0.3 };
  const near = { scale: 0.92, cx: 0.5, cy: 0.5 };
  const frame = async (scale: number, cx: number, cy: number): Promise<Buffer> => {
    const w = Math.round(width * scale);
    const h = Math.min(height, Math.round(w * aspect));
    const doc = await sharp(page).resize(w, h, { fit: 'fill' }).toBuffer();
    const left = Math.max(0, Math.min(width - w, Math.round(width * cx - w / 2)));
    const top = Math.max(0, Math.min(height - h, Math.round(height * cy - h / 2)));
    return sharp({ create: { width, height, channels: 3, background: { r: 62, g: 56, b: 50 } } })
      .composite([{ input: doc, left, top }])
      .png({ compressionLevel: 1 })
      .toBuffer();
  };
  const moving = Math.max(1, Math.round((options.moveSeconds ?? 1.5) * fps));
  async function* frames(): AsyncGenerator<ClipFrame> {
    yield { image: await frame(far.scale, far.cx, far.cy), repeat: Math.round((options.farSeconds ?? 3) * fps) };
    for (let k = 1; k <= moving; k++) {
      const t = k / (moving + 1);
      const mix = (a: number, b: number) => a + (b - a) * t;
      yield { image: await frame(mix(far.scale, near.scale), mix(far.cx, near.cx), mix(far.cy, near.cy)) };
    }
    yield { image: await frame(near.scale, near.cx, near.cy), repeat: Math.round((options.stillSeconds ?? 7) * fps) };
  }
  return writeY4mClip(outPath, frames(), { width, height, fps });
}

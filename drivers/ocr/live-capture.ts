/**
 * Live capture from a camera: every frame is read, the traveller is told what would help ("move closer",
 * "hold still", "glare — tilt the document"), and the document is captured by itself once two consecutive
 * frames read the same MRZ with every check digit holding. One attempt lasts a bounded time; then the
 * traveller is sent to the staff desk. Pure: reads and the time come in, advice and the capture go out; no
 * frame is kept, only the previous frame's lines for the comparison.
 */
import type { OcrMrzRead } from './read-mrz-image.ts';

/** What the traveller is told while the camera looks. `giveUp` ends the attempt. */
export type CameraGuidance = 'searching' | 'moveCloser' | 'holdStill' | 'glare';

export interface FrameVerdict {
  readonly guidance: CameraGuidance | 'giveUp';
  /** Set on the frame that completes a capture: the read to hand on (the second of the agreeing pair). */
  readonly capture: OcrMrzRead | null;
}

export interface LiveCaptureOptions {
  /** How long one attempt may last before the traveller is sent to the desk. */
  readonly giveUpMs: number;
  /** A pause in the frames at least this long starts a new attempt (the camera screen was left and reopened). */
  readonly newAttemptAfterMs: number;
  /** Glyphs shorter than this (image pixels) are too far away to read reliably: "move closer". */
  readonly minGlyphPx: number;
  /** Share of the zone washed out by a reflection above which the advice is "tilt the document". */
  readonly maxWashedOut: number;
}

/**
 * Calibrated on the first bench generator (docs/ocr.md): the engine reads most 150 dpi pages, whose glyphs are
 * about 14 px tall, and fails on most pages whose zone is more than a fifth washed out.
 */
export const DEFAULT_LIVE_CAPTURE: LiveCaptureOptions = { giveUpMs: 45_000, newAttemptAfterMs: 3_000, minGlyphPx: 16, maxWashedOut: 0.2 };

export interface LiveCapture {
  /** Judges one frame's read, taken at `now` (epoch ms). */
  frame(read: OcrMrzRead, now: number): FrameVerdict;
}

export function createLiveCapture(options: LiveCaptureOptions = DEFAULT_LIVE_CAPTURE): LiveCapture {
  let attemptStart = -Infinity;
  let lastFrame = -Infinity;
  let previous: string | null = null;
  let done = false;
  return {
    frame(read, now) {
      if (now - lastFrame >= options.newAttemptAfterMs) {
        attemptStart = now;
        previous = null;
        done = false;
      }
      lastFrame = now;
      if (done) return { guidance: 'holdStill', capture: null };
      const proven = read.ok && read.parse !== null && read.parse.valid && !read.parse.ambiguous;
      const lines = proven ? read.lines.join('\n') : null;
      const agreed = lines !== null && lines === previous;
      previous = lines;
      if (agreed) {
        done = true;
        return { guidance: 'holdStill', capture: read };
      }
      if (now - attemptStart >= options.giveUpMs) {
        done = true;
        return { guidance: 'giveUp', capture: null };
      }
      if (proven) return { guidance: 'holdStill', capture: null };
      const frame = read.frame;
      if (!frame) return { guidance: 'searching', capture: null };
      if (frame.glyphPx < options.minGlyphPx) return { guidance: 'moveCloser', capture: null };
      if (frame.washedOut > options.maxWashedOut) return { guidance: 'glare', capture: null };
      return { guidance: 'holdStill', capture: null };
    },
  };
}

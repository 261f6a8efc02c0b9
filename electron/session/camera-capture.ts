/**
 * Live capture from a camera (docs/ocr.md "Live capture"): every frame the OCR reads is judged, the traveller
 * is told what would help ("move closer", "hold still", "glare — tilt the document"), and the document is
 * captured by itself once two consecutive read frames give the same MRZ with every check digit holding. An
 * attempt lasts a bounded time; then the traveller is sent to the staff desk.
 *
 * Pure: the attempt is a value the caller keeps (the session keeps it inside its camera screen, so it goes
 * when the screen goes) and the time comes in as an argument. No frame is kept, only the previous frame's
 * proven lines for the comparison.
 */
import type { MrzResult } from '../../drivers/mrz/index.ts';
import type { CameraGuidance } from '../contract/index.ts';

/** How the zone looked in a frame (the OCR measures it: drivers/ocr/read-mrz-image.ts `FrameLook`). */
export interface FrameLook {
  /** Median glyph height of the zone's lines in image pixels. */
  readonly glyphPx: number;
  /** Largest share of a line washed out by a reflection. */
  readonly washedOut: number;
}

/** The part of an OCR read (drivers/ocr/read-mrz-image.ts `OcrMrzRead`) the judgement needs. */
export interface FrameRead {
  readonly ok: boolean;
  readonly lines: readonly string[];
  readonly parse: MrzResult | null;
  readonly needsConfirmation: readonly string[];
  readonly frame: FrameLook | null;
}

export interface LiveCaptureOptions {
  /** How long one attempt may last before the traveller is sent to the desk. */
  readonly giveUpMs: number;
  /** Glyphs shorter than this (image pixels) are too far away to read reliably: "move closer". */
  readonly minGlyphPx: number;
  /** Share of the zone washed out by a reflection above which the advice is "tilt the document". */
  readonly maxWashedOut: number;
}

/**
 * Calibrated on the first bench generator (docs/ocr.md): the engine reads most pages whose glyphs are 16 px or
 * taller and fails on most whose zone is more than a fifth washed out. Thirty seconds gives a traveller several
 * tries at holding the page still and ends before the session's idle warning (45 s by default).
 */
export const DEFAULT_LIVE_CAPTURE: LiveCaptureOptions = { giveUpMs: 30_000, minGlyphPx: 16, maxWashedOut: 0.2 };

/** One attempt at capturing a document with the camera. */
export interface CameraAttempt {
  /** When the camera screen opened (the caller's clock, ms). */
  readonly startedAt: number;
  readonly guidance: CameraGuidance;
  /** The previous read frame's MRZ lines when every check digit held in it; null otherwise. */
  readonly previous: string | null;
}

export function startAttempt(now: number): CameraAttempt {
  return { startedAt: now, guidance: 'searching', previous: null };
}

/** When the attempt ends without a capture. */
export function giveUpAt(attempt: CameraAttempt, options: LiveCaptureOptions = DEFAULT_LIVE_CAPTURE): number {
  return attempt.startedAt + options.giveUpMs;
}

export interface FrameJudgement {
  readonly attempt: CameraAttempt;
  /** The read to hand on (the second of two agreeing frames), or null while the camera keeps looking. */
  readonly capture: (FrameRead & { readonly parse: MrzResult }) | null;
}

/** Every check digit holds and only one reading fits: the frame proves its lines. */
function provenLines(read: FrameRead): string | null {
  if (!read.ok || !read.parse || !read.parse.ok || !read.parse.valid || read.parse.ambiguous) return null;
  return read.lines.join('\n');
}

/**
 * Judges one read frame. `read` is null when the frame was not read (the OCR was busy or restarting): the
 * advice stands, and the next read frame is compared with the last one that was read.
 */
export function judgeFrame(attempt: CameraAttempt, read: FrameRead | null, options: LiveCaptureOptions = DEFAULT_LIVE_CAPTURE): FrameJudgement {
  if (!read) return { attempt, capture: null };
  const lines = provenLines(read);
  const next = (guidance: CameraGuidance): FrameJudgement => ({ attempt: { ...attempt, guidance, previous: lines }, capture: null });
  if (lines !== null && lines === attempt.previous) return { attempt: { ...attempt, guidance: 'holdStill', previous: null }, capture: { ...read, parse: read.parse! } };
  // A proven frame that the next one must confirm: the document is in place, it only has to stay there.
  if (lines !== null) return next('holdStill');
  const look = read.frame;
  if (!look) return next('searching');
  if (look.glyphPx < options.minGlyphPx) return next('moveCloser');
  if (look.washedOut > options.maxWashedOut) return next('glare');
  // The zone is found, large enough and not washed out, yet it did not read: motion blur or a frame that
  // differs from the last (the document still moving).
  return next('holdStill');
}

import { describe, expect, it } from 'vitest';
import { generateMrz, parseMrz, seededRng } from '../../drivers/mrz/index.ts';
import { DEFAULT_LIVE_CAPTURE, giveUpAt, judgeFrame, startAttempt, type CameraAttempt, type FrameRead } from '../../electron/session/camera-capture.ts';

const now = new Date('2026-06-01T00:00:00Z');
const specimen = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F3404159ZE184226B<<<<<16'];
const other = generateMrz(seededRng(3), { format: 'TD3' }).lines;
const look = { glyphPx: 24, washedOut: 0 };

/** A frame the OCR read: lines parsed leniently, as the engine returns them. */
function readOf(lines: readonly string[], frame = look, needsConfirmation: string[] = []): FrameRead {
  return { ok: true, lines, parse: parseMrz(lines, { mode: 'lenient', now }), needsConfirmation, frame };
}
const noZone: FrameRead = { ok: false, lines: [], parse: null, needsConfirmation: [], frame: null };
/** The zone found but its check digits fail (a blurred or moving frame). */
const misread = (frame = look) => readOf([specimen[0]!, specimen[1]!.replace('7408122', '7408123')], frame);

function run(reads: readonly (FrameRead | null)[], attempt: CameraAttempt = startAttempt(0)) {
  const verdicts = [];
  for (const read of reads) {
    const j = judgeFrame(attempt, read);
    attempt = j.attempt;
    verdicts.push({ guidance: j.attempt.guidance, captured: j.capture?.lines ?? null });
  }
  return verdicts;
}

describe('live capture: judging camera frames', () => {
  it('the test frames are what they claim: the specimen and the other document are valid, the misread is not', () => {
    expect(readOf(specimen).parse?.valid).toBe(true);
    expect(readOf(other).parse?.valid).toBe(true);
    expect(misread().parse?.valid).toBe(false);
  });

  it('captures on the second of two consecutive frames that read the same MRZ with every check digit holding', () => {
    expect(run([readOf(specimen), readOf(specimen)])).toEqual([
      { guidance: 'holdStill', captured: null },
      { guidance: 'holdStill', captured: specimen },
    ]);
  });

  it('does not capture one proven frame alone, nor two proven frames that differ', () => {
    expect(run([readOf(specimen)]).at(-1)!.captured).toBeNull();
    expect(run([readOf(specimen), readOf(other)]).map((v) => v.captured)).toEqual([null, null]);
    expect(run([readOf(specimen), readOf(other), readOf(other)]).map((v) => v.captured)).toEqual([null, null, other]);
  });

  it('needs the two agreeing frames to be consecutive: a failed frame in between starts the count again', () => {
    expect(run([readOf(specimen), misread(), readOf(specimen)]).map((v) => v.captured)).toEqual([null, null, null]);
    expect(run([readOf(specimen), misread(), readOf(specimen), readOf(specimen)]).at(-1)!.captured).toEqual(specimen);
  });

  it('never captures frames whose check digits fail, however often they agree', () => {
    expect(run([misread(), misread(), misread()]).map((v) => v.captured)).toEqual([null, null, null]);
  });

  it('never captures an ambiguous reading', () => {
    const ambiguous: FrameRead = { ...readOf(specimen), parse: { ...readOf(specimen).parse!, ambiguous: true } };
    expect(run([ambiguous, ambiguous]).map((v) => v.captured)).toEqual([null, null]);
  });

  it('a frame that was not read (OCR busy) changes nothing: the frames before and after it still agree', () => {
    expect(run([readOf(specimen), null, readOf(specimen)]).map((v) => v.captured)).toEqual([null, null, specimen]);
  });

  it('hands on the read with the fields the OCR wants confirmed', () => {
    const first = judgeFrame(startAttempt(0), readOf(specimen, look, ['surname']));
    const second = judgeFrame(first.attempt, readOf(specimen, look, ['surname']));
    expect(second.capture?.needsConfirmation).toEqual(['surname']);
    expect(second.capture?.parse.documentNumber).toBe('L898902C3');
  });

  it('guides the traveller: searching without a zone, move closer when glyphs are small, glare when washed out, hold still otherwise', () => {
    const small = { glyphPx: DEFAULT_LIVE_CAPTURE.minGlyphPx - 1, washedOut: 0 };
    const glare = { glyphPx: 24, washedOut: DEFAULT_LIVE_CAPTURE.maxWashedOut + 0.1 };
    const guidance = (read: FrameRead) => judgeFrame(startAttempt(0), read).attempt.guidance;
    expect(guidance(noZone)).toBe('searching');
    expect(guidance(misread(small))).toBe('moveCloser');
    expect(guidance(misread(glare))).toBe('glare');
    expect(guidance(misread())).toBe('holdStill');
    // A read that proves itself needs only to be held still, whatever the look.
    expect(guidance(readOf(specimen, small))).toBe('holdStill');
  });

  it('keeps the advice of the last read frame when a frame was not read', () => {
    const far = judgeFrame(startAttempt(0), misread({ glyphPx: 8, washedOut: 0 }));
    expect(judgeFrame(far.attempt, null).attempt.guidance).toBe('moveCloser');
  });

  it('gives up a bounded time after the attempt started (the clock is the caller’s)', () => {
    expect(giveUpAt(startAttempt(5_000))).toBe(5_000 + DEFAULT_LIVE_CAPTURE.giveUpMs);
    expect(giveUpAt(startAttempt(5_000), { ...DEFAULT_LIVE_CAPTURE, giveUpMs: 1_000 })).toBe(6_000);
  });

  it('keeps no lines after a capture: a third identical frame does not capture twice from the same pair', () => {
    const a = judgeFrame(startAttempt(0), readOf(specimen));
    const b = judgeFrame(a.attempt, readOf(specimen));
    expect(b.capture).not.toBeNull();
    expect(b.attempt.previous).toBeNull();
    expect(judgeFrame(b.attempt, readOf(specimen)).capture).toBeNull();
  });
});

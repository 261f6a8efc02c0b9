import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profileNames, profiles, type Framer, type FramerEvent, type ProfileName } from '../../drivers/framing/index.ts';

/**
 * Any chunking of a valid stream — including one byte at a time — with noise between frames yields the same
 * events, and every frame's lines come out exactly once (docs/devices.md §1.12: "never lose a complete
 * frame that follows garbage").
 */

const mrzChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<'.split(''));
const line = fc.array(mrzChar, { minLength: 5, maxLength: 44 }).map((cs) => cs.join(''));
const document = fc.array(line, { minLength: 1, maxLength: 3 });

/** Noise that cannot open a frame in the profile (start bytes excluded), as a line glitch would produce. */
const noiseBytes: Record<ProfileName, (b: number) => boolean> = {
  'access-is': (b) => b !== 0x1c,
  'desko-cute': (b) => b !== 0x4f && b !== 0x02,
  '3m-rte': (b) => b !== 0x01,
  elyctis: (b) => b !== 0x49 && b !== 0x4c && b !== 0x43,
  'cn-json': (b) => b !== 0x02 && b !== 0x0d && b !== 0x0a,
  lines: (b) => b < 0x20 && b !== 0x0d && b !== 0x0a,
};

interface Step {
  readonly bytes: Uint8Array;
  readonly at: number;
}

function run(framer: Framer, steps: readonly Step[], cuts: (n: number) => number[]): FramerEvent[] {
  const out: FramerEvent[] = [];
  for (const step of steps) {
    let from = 0;
    for (const to of [...cuts(step.bytes.length), step.bytes.length]) {
      out.push(...framer.push(step.bytes.subarray(from, to), step.at));
      from = to;
    }
    // Time passes between documents, as it does at a kiosk; the `lines` profile needs the gap to end a read.
    out.push(...framer.poll(step.at + 5000));
  }
  out.push(...framer.end());
  return out;
}

describe.each(profileNames)('%s framer under any chunking', (name) => {
  const profile = profiles[name];
  const noise = fc.array(fc.integer({ min: 0, max: 255 }).filter(noiseBytes[name]), { maxLength: 12 });
  const stream = fc.array(fc.record({ noise, lines: document }), { minLength: 1, maxLength: 4 });

  it('yields the same reads for one chunk, byte-by-byte, and random cuts', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 20 }), (frames, cutSeeds) => {
        const steps = frames.map((f, i) => ({
          bytes: Uint8Array.from([...f.noise, ...profile.encode(f.lines)]),
          at: i * 10_000,
        }));
        const whole = run(profile.createFramer(), steps, () => []);
        const byteByByte = run(profile.createFramer(), steps, (n) => Array.from({ length: n - 1 }, (_, i) => i + 1));
        const random = run(profile.createFramer(), steps, (n) =>
          n <= 1 ? [] : [...new Set(cutSeeds.map((s) => (s % (n - 1)) + 1))].sort((a, b) => a - b),
        );
        expect(byteByByte).toEqual(whole);
        expect(random).toEqual(whole);
        const reads = whole.filter((e) => e.type === 'data').map((e) => (e as { lines: readonly string[] }).lines);
        expect(reads).toEqual(frames.map((f) => f.lines));
        const noiseErrors = whole.filter((e) => e.type === 'error');
        expect(noiseErrors.every((e) => e.type === 'error' && !e.inRead && e.error.code === 'NOISE')).toBe(true);
        expect(noiseErrors.length).toBe(frames.filter((f) => f.noise.length > 0).length);
      }),
      { numRuns: 150 },
    );
  });
});

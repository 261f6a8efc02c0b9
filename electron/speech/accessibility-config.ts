import { z } from 'zod';

const voice = z.string().regex(/^[a-z][a-zA-Z0-9_-]{0,39}$/, 'an espeak-ng voice name, e.g. cmn, yue, en-us, pt-br').optional();

/**
 * The `accessibility` key of the kiosk configuration (docs/accessibility.md "Configuration"). Without a `speech`
 * or `headset` entry a simulated kiosk simulates both, and a real kiosk speaks with espeak-ng through its own
 * audio output and has no headset jack to watch (speech mode then starts by keypad only).
 */
export const accessibilityConfigSchema = z
  .strictObject({
    speech: z
      .discriminatedUnion('engine', [
        z.strictObject({
          engine: z.literal('simulated'),
          /** How long the simulated voice takes per character; 0: each utterance ends at once. */
          msPerCharacter: z.number().int().min(0).max(1000).default(0),
        }),
        z.strictObject({
          engine: z.literal('espeak-ng'),
          binary: z.string().min(1).default('espeak-ng'),
          voices: z.strictObject({ 'zh-Hans': voice, 'zh-Hant': voice, en: voice, pt: voice }).prefault({}),
          /** A program playing a WAV from its standard input (`["aplay", "-q"]`); absent: espeak-ng's own output. */
          player: z.array(z.string().min(1)).min(1).optional(),
          wordsPerMinute: z.number().int().min(80).max(450).default(175),
        }),
      ])
      .optional(),
    headset: z
      .discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('simulated') }),
        /** The sound card's jack switch, a Linux input event device (docs/accessibility.md "Headset jack"). */
        z.strictObject({ kind: z.literal('evdev'), path: z.string().min(1) }),
        z.strictObject({ kind: z.literal('none') }),
      ])
      .optional(),
    /** The volume step (1–10) each session starts at, and returns to when it ends. */
    defaultVolume: z.number().int().min(1).max(10).default(5),
    /** The idle timeout and its warning in speech mode. */
    idleTimeoutSeconds: z.number().int().min(30).max(900).default(180),
    idleWarningSeconds: z.number().int().min(10).max(120).default(30),
  })
  .refine((c) => c.idleWarningSeconds < c.idleTimeoutSeconds, {
    message: 'idleWarningSeconds must be shorter than idleTimeoutSeconds',
    path: ['idleWarningSeconds'],
  })
  .prefault({});

export type AccessibilityConfig = z.infer<typeof accessibilityConfigSchema>;

/** A real kiosk never silently runs a simulator: a simulated voice or jack there is a configuration error. */
export function accessibilityModeProblem(mode: 'simulated' | 'real', config: AccessibilityConfig): { path: string[]; message: string } | null {
  if (mode !== 'real') return null;
  if (config.speech?.engine === 'simulated') return { path: ['accessibility', 'speech', 'engine'], message: "'simulated' is for simulated kiosks: a real kiosk speaks with espeak-ng" };
  if (config.headset?.kind === 'simulated') return { path: ['accessibility', 'headset', 'kind'], message: "'simulated' is for simulated kiosks: use evdev or none" };
  return null;
}

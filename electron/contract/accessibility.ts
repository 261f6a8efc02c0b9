import { z } from 'zod';
import { languages } from './languages.ts';

/**
 * Speech mode and the low-vision modes (docs/accessibility.md). They belong to one traveller's use of the kiosk:
 * the session keeps them and sets them back when it ends (volume to the venue's default, blanking, large text
 * and high contrast off); only a headset still plugged in keeps speech on for the next traveller.
 */

/** Speech volume runs in steps from 1 to this, as the `+` and `-` keys move it. */
export const volumeSteps = 10;

export const accessibilityViewSchema = z.strictObject({
  /** Speech mode: the kiosk speaks the screen (a headset plugged in, or a keypad key on the attract screen). */
  speech: z.boolean(),
  /** A headset is plugged into the kiosk's jack. */
  headset: z.boolean(),
  /** The screen is blank for privacy (speech mode only); everything still works by keypad and speech. */
  blank: z.boolean(),
  /** The traveller paused speech. */
  paused: z.boolean(),
  volume: z.number().int().min(1).max(volumeSteps),
  largeText: z.boolean(),
  highContrast: z.boolean(),
});

/** One thing to say. Without `lang` it is said in the traveller's language; a language's own name carries its own. */
const spokenSchema = z.strictObject({ text: z.string().min(1).max(2000), lang: z.enum(languages).optional() });

export const accessibilityActionSchema = z.discriminatedUnion('type', [
  /** A keypad key on the attract screen: start speech mode. */
  z.strictObject({ type: z.literal('startSpeech') }),
  /**
   * Say these, in order, stopping whatever was being said: the screen composes them in the traveller's language
   * from what it shows. `key`: said in answer to the traveller's key, which counts as activity for the idle timeout.
   */
  z.strictObject({ type: z.literal('speak'), utterances: z.array(spokenSchema).min(1).max(60), key: z.boolean() }),
  /** A key that needs no words: stop speaking. */
  z.strictObject({ type: z.literal('stopSpeaking') }),
  z.strictObject({ type: z.literal('pauseSpeech') }),
  z.strictObject({ type: z.literal('resumeSpeech') }),
  /** Say the last thing said again. */
  z.strictObject({ type: z.literal('repeat') }),
  z.strictObject({ type: z.literal('volume'), change: z.enum(['up', 'down']) }),
  z.strictObject({ type: z.literal('blank'), on: z.boolean() }),
  z.strictObject({ type: z.literal('largeText'), on: z.boolean() }),
  z.strictObject({ type: z.literal('highContrast'), on: z.boolean() }),
]);

export type AccessibilityView = z.infer<typeof accessibilityViewSchema>;
export type AccessibilityAction = z.infer<typeof accessibilityActionSchema>;
export type Spoken = z.infer<typeof spokenSchema>;

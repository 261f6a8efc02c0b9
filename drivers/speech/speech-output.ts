/**
 * The kiosk's voice: a text-to-speech engine playing on the kiosk's audio output (the headphone jack in speech
 * mode, docs/accessibility.md "Speech output"). Guarantees every adapter keeps (test/speech/speech-output.contract.ts):
 * - One utterance at a time. `speak()` first stops whatever this output is saying: the newest request always
 *   wins, which is how the next key interrupts speech.
 * - `speak()` never rejects. It resolves `done` when the utterance was spoken to its end, `cancelled` when
 *   `cancel()` or a later `speak()` stopped it, and `failed` (with a reason for staff) when the engine could
 *   not speak it — including after `close()`.
 * - `pause()` holds the current utterance where it is and `resume()` goes on from there; a paused utterance
 *   is still cancelled by `cancel()` or a later `speak()`. Both do nothing when nothing is being spoken.
 * - `volume` is a share of the output's range, 0 (silent) to 1 (loudest); it applies to that utterance.
 * - Adapters never log the text: it can carry the traveller's name.
 */
export interface SpeechOutput {
  speak(utterance: Utterance, options: SpeakOptions): Promise<SpeechEnd>;
  cancel(): void;
  pause(): void;
  resume(): void;
  /** Stops speaking and releases the engine; later calls to `speak()` resolve `failed`. */
  close(): Promise<void>;
}

/** The traveller's languages, as the screen names them (BCP 47, like the contract's `languages`). */
export const speechLanguages = ['zh-Hans', 'zh-Hant', 'en', 'pt'] as const;
export type SpeechLanguage = (typeof speechLanguages)[number];

export interface Utterance {
  readonly lang: SpeechLanguage;
  readonly text: string;
}

export interface SpeakOptions {
  /** 0 (silent) to 1 (loudest the output allows). */
  readonly volume: number;
}

export type SpeechEnd =
  | { readonly type: 'done' }
  | { readonly type: 'cancelled' }
  | { readonly type: 'failed'; readonly reason: string };

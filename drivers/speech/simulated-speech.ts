import type { SpeakOptions, SpeechEnd, SpeechOutput, Utterance } from './speech-output.ts';

/** Timers alone (the simulated voice measures nothing). */
export interface SpeechTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: SpeechTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface SimulatedSpeechOptions {
  /** How long a character takes to say; 0: each utterance ends on the next timer turn. */
  readonly msPerCharacter?: number;
  readonly timers?: SpeechTimers;
}

/** What the simulated voice has said, for tests and the control API (`GET /sim/speech`). */
export interface SpeechTranscript {
  /** Every utterance started, in order, whether it was spoken to the end or interrupted. */
  readonly utterances: readonly Utterance[];
  /** The volume (0–1) of the last utterance started; null before the first. */
  readonly volume: number | null;
  readonly paused: boolean;
}

interface Current {
  readonly settle: (end: SpeechEnd) => void;
  readonly ms: number;
  timer: unknown;
  paused: boolean;
}

/**
 * A voice that keeps a transcript instead of making sound (docs/accessibility.md "Speech output"). An utterance
 * lasts `msPerCharacter` per character, so tests can interrupt and pause it as they would a real voice.
 */
export class SimulatedSpeech implements SpeechOutput {
  readonly #msPerCharacter: number;
  readonly #timers: SpeechTimers;
  #utterances: Utterance[] = [];
  #volume: number | null = null;
  #current: Current | null = null;
  #closed = false;

  constructor(options: SimulatedSpeechOptions = {}) {
    this.#msPerCharacter = options.msPerCharacter ?? 0;
    this.#timers = options.timers ?? realTimers;
  }

  speak(utterance: Utterance, options: SpeakOptions): Promise<SpeechEnd> {
    this.cancel();
    if (this.#closed) return Promise.resolve({ type: 'failed', reason: 'speech output closed' });
    this.#utterances.push({ lang: utterance.lang, text: utterance.text });
    this.#volume = options.volume;
    return new Promise((resolve) => {
      const current: Current = {
        settle: (end) => {
          if (this.#current !== current) return;
          this.#timers.clearTimeout(current.timer);
          this.#current = null;
          resolve(end);
        },
        ms: utterance.text.length * this.#msPerCharacter,
        timer: null,
        paused: false,
      };
      this.#current = current;
      this.#run(current);
    });
  }

  cancel(): void {
    this.#current?.settle({ type: 'cancelled' });
  }

  pause(): void {
    const current = this.#current;
    if (!current || current.paused) return;
    current.paused = true;
    this.#timers.clearTimeout(current.timer);
  }

  resume(): void {
    const current = this.#current;
    if (!current?.paused) return;
    current.paused = false;
    // Without a clock the simulation cannot tell how far it got: a resumed utterance takes its whole length again.
    this.#run(current);
  }

  async close(): Promise<void> {
    this.cancel();
    this.#closed = true;
  }

  transcript(): SpeechTranscript {
    return { utterances: [...this.#utterances], volume: this.#volume, paused: this.#current?.paused ?? false };
  }

  clear(): void {
    this.#utterances = [];
  }

  #run(current: Current): void {
    current.timer = this.#timers.setTimeout(() => current.settle({ type: 'done' }), current.ms);
  }
}

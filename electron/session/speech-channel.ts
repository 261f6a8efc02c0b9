import { volumeSteps } from '../contract/index.ts';
import type { SpeechOutput } from '../../drivers/speech/speech-output.ts';
import type { SpeechEffect, SpeechLine } from './accessible-mode.ts';
import { spokenText } from './spoken-text.ts';

/**
 * Runs speech mode's effects on the speech output (docs/accessibility.md "Speech mode"): says lines one after
 * another, stops them all when something newer is said or a key stops them, keeps the last lines for "repeat".
 * Faults go to `onFault` once per run of failures (staff see the voice is broken; the traveller still has the
 * screen and the keypad). The text itself is never logged: it can carry the traveller's name.
 */
export class SpeechChannel {
  readonly #output: SpeechOutput;
  readonly #onFault: (reason: string) => void;
  #generation = 0;
  #last: readonly SpeechLine[] = [];
  #failing = false;

  constructor(output: SpeechOutput, onFault: (reason: string) => void) {
    this.#output = output;
    this.#onFault = onFault;
  }

  run(effect: SpeechEffect): void {
    switch (effect.type) {
      case 'say':
        this.#last = effect.lines;
        return void this.#play(effect.lines, effect.volume);
      case 'repeat':
        return void this.#play(this.#last, effect.volume);
      case 'stop':
        this.#generation += 1;
        return this.#output.cancel();
      case 'pause':
        return this.#output.pause();
      case 'resume':
        return this.#output.resume();
    }
  }

  /** The session ended: nothing to repeat for the next traveller. */
  forget(): void {
    this.#last = [];
  }

  async #play(lines: readonly SpeechLine[], volume: number): Promise<void> {
    const generation = ++this.#generation;
    for (const line of lines) {
      const end = await this.#output.speak({ lang: line.lang, text: spokenText(line.text, line.lang) }, { volume: volume / volumeSteps });
      if (generation !== this.#generation || end.type === 'cancelled') return;
      if (end.type === 'failed') {
        if (!this.#failing) this.#onFault(end.reason);
        this.#failing = true;
        return;
      }
      this.#failing = false;
    }
  }
}

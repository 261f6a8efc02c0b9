import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpeechEnd, SpeechOutput } from '../../drivers/speech/speech-output.ts';

export interface SpeechHarness {
  readonly speech: SpeechOutput;
  close(): Promise<void>;
}

/** Long enough that a real engine is still speaking when the test pauses or interrupts it. */
const long = 'Please place your passport on the reader, photo page down, and keep it there until the kiosk says it has been read.';

/** Whether `promise` has settled after `ms` (a paused utterance must not). */
async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((resolve) => setTimeout(resolve, ms));
  return settled;
}

/** The SpeechOutput contract (drivers/speech/speech-output.ts doc comment), run against every adapter. */
export function describeSpeechContract(name: string, setup: () => Promise<SpeechHarness>): void {
  describe(`SpeechOutput contract: ${name}`, () => {
    let h: SpeechHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h.close();
    });

    it('speaks an utterance to its end', async () => {
      await expect(h.speech.speak({ lang: 'en', text: 'Welcome' }, { volume: 0.5 })).resolves.toEqual({ type: 'done' });
    });

    it('speaks each of the four languages', async () => {
      const ends: SpeechEnd[] = [];
      for (const [lang, text] of [['zh-Hans', '欢迎'], ['zh-Hant', '歡迎'], ['en', 'Welcome'], ['pt', 'Bem-vindo']] as const) {
        ends.push(await h.speech.speak({ lang, text }, { volume: 0.5 }));
      }
      expect(ends).toEqual(Array(4).fill({ type: 'done' }));
    });

    it('a later utterance interrupts the one being spoken', async () => {
      const first = h.speech.speak({ lang: 'en', text: long }, { volume: 0.5 });
      const second = h.speech.speak({ lang: 'en', text: 'Back' }, { volume: 0.5 });
      await expect(first).resolves.toEqual({ type: 'cancelled' });
      await expect(second).resolves.toEqual({ type: 'done' });
    });

    it('cancel stops the utterance', async () => {
      const speaking = h.speech.speak({ lang: 'en', text: long }, { volume: 0.5 });
      h.speech.cancel();
      await expect(speaking).resolves.toEqual({ type: 'cancelled' });
    });

    it('a paused utterance waits for resume, then ends', async () => {
      const speaking = h.speech.speak({ lang: 'pt', text: long }, { volume: 0.5 });
      h.speech.pause();
      expect(await settledWithin(speaking, 300)).toBe(false);
      h.speech.resume();
      await expect(speaking).resolves.toEqual({ type: 'done' });
    });

    it('a paused utterance is still interrupted by the next one', async () => {
      const speaking = h.speech.speak({ lang: 'en', text: long }, { volume: 0.5 });
      h.speech.pause();
      const next = h.speech.speak({ lang: 'en', text: 'Help' }, { volume: 0.5 });
      await expect(speaking).resolves.toEqual({ type: 'cancelled' });
      await expect(next).resolves.toEqual({ type: 'done' });
    });

    it('pause, resume and cancel with nothing being spoken do nothing', async () => {
      h.speech.pause();
      h.speech.resume();
      h.speech.cancel();
      await expect(h.speech.speak({ lang: 'en', text: 'Still here' }, { volume: 0 })).resolves.toEqual({ type: 'done' });
    });

    it('after close, speaking fails instead of throwing', async () => {
      await h.speech.close();
      const end = await h.speech.speak({ lang: 'en', text: 'Too late' }, { volume: 0.5 });
      expect(end.type).toBe('failed');
    });
  });
}

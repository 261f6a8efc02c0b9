import { describe, expect, it } from 'vitest';
import { SimulatedSpeech } from '../../drivers/speech/simulated-speech.ts';
import { describeSpeechContract } from './speech-output.contract.ts';

describeSpeechContract('simulated', async () => {
  const speech = new SimulatedSpeech({ msPerCharacter: 2 });
  return { speech, close: () => speech.close() };
});

describe('simulated speech transcript', () => {
  it('keeps every utterance started, interrupted ones too, with its language', async () => {
    const speech = new SimulatedSpeech({ msPerCharacter: 50 });
    const first = speech.speak({ lang: 'zh-Hant', text: '請將證件放在閱讀器上' }, { volume: 0.5 });
    await speech.speak({ lang: 'en', text: 'Back' }, { volume: 0.7 });
    await first;
    expect(speech.transcript()).toEqual({
      utterances: [
        { lang: 'zh-Hant', text: '請將證件放在閱讀器上' },
        { lang: 'en', text: 'Back' },
      ],
      volume: 0.7,
      paused: false,
    });
  });

  it('shows a paused utterance as paused until it is resumed', async () => {
    const speech = new SimulatedSpeech({ msPerCharacter: 50 });
    const speaking = speech.speak({ lang: 'pt', text: 'Coloque o passaporte' }, { volume: 0.5 });
    speech.pause();
    expect(speech.transcript().paused).toBe(true);
    speech.resume();
    expect(speech.transcript().paused).toBe(false);
    speech.cancel();
    await speaking;
  });

  it('clear empties the transcript and keeps speaking', async () => {
    const speech = new SimulatedSpeech();
    await speech.speak({ lang: 'en', text: 'One' }, { volume: 0.5 });
    speech.clear();
    expect(speech.transcript().utterances).toEqual([]);
    await speech.speak({ lang: 'en', text: 'Two' }, { volume: 0.5 });
    expect(speech.transcript().utterances).toEqual([{ lang: 'en', text: 'Two' }]);
  });
});

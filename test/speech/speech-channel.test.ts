import { describe, expect, it } from 'vitest';
import { SpeechChannel } from '../../electron/session/speech-channel.ts';
import { SimulatedSpeech } from '../../drivers/speech/simulated-speech.ts';
import type { SpeechEnd, SpeechOutput } from '../../drivers/speech/speech-output.ts';
import { ManualClock } from '../support/clock.ts';

/** Lets the awaited utterances settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const clock = new ManualClock();
  // 100 ms a character: every line below lasts until the test's clock moves.
  const speech = new SimulatedSpeech({ msPerCharacter: 100, timers: clock });
  const faults: string[] = [];
  const channel = new SpeechChannel(speech, (reason) => faults.push(reason));
  const said = () => speech.transcript().utterances.map((u) => u.text);
  return { clock, speech, channel, faults, said };
}

describe('speech channel', () => {
  it('says lines one after another', async () => {
    const { clock, channel, said } = setup();
    channel.run({ type: 'say', lines: [{ lang: 'en', text: 'Seats' }, { lang: 'en', text: 'Seat 21C, free' }], volume: 5 });
    expect(said()).toEqual(['Seats']);
    clock.advance(500);
    await settle();
    expect(said()).toEqual(['Seats', 'Seat 21C, free']);
  });

  it('something newer interrupts the line being said and drops the lines still waiting', async () => {
    const { clock, channel, said } = setup();
    channel.run({ type: 'say', lines: [{ lang: 'en', text: 'Your booking' }, { lang: 'en', text: 'Flight UT801' }], volume: 5 });
    channel.run({ type: 'say', lines: [{ lang: 'en', text: 'Back' }], volume: 5 });
    clock.advance(60_000);
    await settle();
    expect(said()).toEqual(['Your booking', 'Back']);
  });

  it('a stop key silences the voice and the lines still waiting', async () => {
    const { clock, speech, channel, said } = setup();
    channel.run({ type: 'say', lines: [{ lang: 'pt', text: 'Lugares' }, { lang: 'pt', text: 'Lugar 21C' }], volume: 5 });
    channel.run({ type: 'stop' });
    clock.advance(60_000);
    await settle();
    expect(said()).toEqual(['Lugares']);
    expect(speech.transcript().paused).toBe(false);
  });

  it('repeats the last lines on request, at the volume asked for', async () => {
    const { clock, speech, channel, said } = setup();
    channel.run({ type: 'say', lines: [{ lang: 'zh-Hant', text: '座位' }], volume: 5 });
    clock.advance(60_000);
    await settle();
    channel.run({ type: 'repeat', volume: 8 });
    expect(said()).toEqual(['座位', '座位']);
    expect(speech.transcript().volume).toBe(0.8);
  });

  it('has nothing to repeat for the next traveller', async () => {
    const { channel, said } = setup();
    channel.run({ type: 'say', lines: [{ lang: 'en', text: 'ERIKSSON ANNA MARIA' }], volume: 5 });
    channel.forget();
    channel.run({ type: 'repeat', volume: 5 });
    expect(said()).toEqual(['ERIKSSON ANNA MARIA']);
  });

  it('pauses and resumes the voice', () => {
    const { speech, channel } = setup();
    channel.run({ type: 'say', lines: [{ lang: 'en', text: 'Please wait' }], volume: 5 });
    channel.run({ type: 'pause' });
    expect(speech.transcript().paused).toBe(true);
    channel.run({ type: 'resume' });
    expect(speech.transcript().paused).toBe(false);
  });

  it('speaks masked values as masks', () => {
    const { channel, said } = setup();
    channel.run({ type: 'say', lines: [{ lang: 'en', text: 'Document L*****2C3' }], volume: 5 });
    expect(said()).toEqual(['Document, L, star, star, star, star, star, 2, C, 3']);
  });

  it('reports a failing voice once until it speaks again, and never the text', async () => {
    let fail = true;
    const output: SpeechOutput = {
      speak: async (): Promise<SpeechEnd> => (fail ? { type: 'failed', reason: 'aplay ended with 1' } : { type: 'done' }),
      cancel: () => undefined,
      pause: () => undefined,
      resume: () => undefined,
      close: async () => undefined,
    };
    const faults: string[] = [];
    const channel = new SpeechChannel(output, (reason) => faults.push(reason));
    for (let i = 0; i < 3; i++) {
      channel.run({ type: 'say', lines: [{ lang: 'en', text: 'ERIKSSON' }], volume: 5 });
      await settle();
    }
    expect(faults).toEqual(['aplay ended with 1']);
    fail = false;
    channel.run({ type: 'say', lines: [{ lang: 'en', text: 'ok' }], volume: 5 });
    await settle();
    fail = true;
    channel.run({ type: 'say', lines: [{ lang: 'en', text: 'again' }], volume: 5 });
    await settle();
    expect(faults).toEqual(['aplay ended with 1', 'aplay ended with 1']);
  });
});

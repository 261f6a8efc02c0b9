import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EspeakSpeech, openEspeakSpeech } from '../../drivers/speech/espeak-speech.ts';
import { isSetupError } from '../../drivers/setup-error.ts';
import type { SpeechLanguage } from '../../drivers/speech/speech-output.ts';
import { describeSpeechContract } from './speech-output.contract.ts';
import { summariseWav } from './wav.ts';

/**
 * espeak-ng (Debian package espeak-ng) speaking through a configured player. The test's player is `tee`, which
 * writes the WAV stream it is given to a file where the kiosk's would play it (aplay, paplay).
 */
const dir = mkdtempSync(join(tmpdir(), 'passage-speech-'));
const filePlayer = (name: string) => ['tee', join(dir, name)];

describeSpeechContract('espeak-ng with a player', async () => {
  const speech = await openEspeakSpeech({ player: filePlayer('contract.wav') });
  return { speech, close: () => speech.close() };
});

/** A shell script standing in for a program, to fail in ways the real ones do only on a broken kiosk. */
function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('espeak-ng audio', () => {
  const sentences: Record<SpeechLanguage, string> = {
    'zh-Hans': '请将护照放在阅读器上',
    'zh-Hant': '請將護照放在閱讀器上',
    en: 'Please place your passport on the reader',
    pt: 'Coloque o passaporte no leitor',
  };

  for (const [lang, text] of Object.entries(sentences) as [SpeechLanguage, string][]) {
    it(`produces audible speech in ${lang}`, async () => {
      const file = `${lang}.wav`;
      const speech = await openEspeakSpeech({ player: filePlayer(file) });
      await expect(speech.speak({ lang, text }, { volume: 0.5 })).resolves.toEqual({ type: 'done' });
      const wav = summariseWav(readFileSync(join(dir, file)));
      expect(wav).toMatchObject({ channels: 1, bitsPerSample: 16, sampleRate: 22050 });
      expect(wav.seconds).toBeGreaterThan(1);
      expect(wav.rms).toBeGreaterThan(500);
      await speech.close();
    });
  }

  it('speaks Cantonese and Mandarin with different voices for the same characters', async () => {
    const speech = await openEspeakSpeech({ player: filePlayer('same.wav') });
    const lengths: number[] = [];
    for (const lang of ['zh-Hans', 'zh-Hant'] as const) {
      await speech.speak({ lang, text: '香港國際機場' }, { volume: 0.5 });
      lengths.push(readFileSync(join(dir, 'same.wav')).length);
    }
    expect(lengths[0]).not.toBe(lengths[1]);
    await speech.close();
  });

  it('speaks louder at a higher volume', async () => {
    const speech = await openEspeakSpeech({ player: filePlayer('volume.wav') });
    const loudness: number[] = [];
    for (const volume of [0.2, 0.8]) {
      await speech.speak({ lang: 'en', text: 'Volume' }, { volume });
      loudness.push(summariseWav(readFileSync(join(dir, 'volume.wav'))).rms);
    }
    expect(loudness[1]).toBeGreaterThan((loudness[0] ?? 0) * 2);
    await speech.close();
  });
});

describe('espeak-ng faults', () => {
  it('refuses to start without espeak-ng, naming the package', async () => {
    const error = await openEspeakSpeech({ binary: join(dir, 'no-such-espeak') }).catch((e: unknown) => e);
    expect(isSetupError(error)).toBe(true);
    expect(String(error)).toContain('espeak-ng');
  });

  it('refuses to start with a voice espeak-ng does not have', async () => {
    const error = await openEspeakSpeech({ voices: { pt: 'nosuchvoice' } }).catch((e: unknown) => e);
    expect(isSetupError(error)).toBe(true);
    expect(String(error)).toContain("'nosuchvoice'");
  });

  it('refuses to start with a player that is not installed', async () => {
    const error = await openEspeakSpeech({ player: ['no-such-player', '-q'] }).catch((e: unknown) => e);
    expect(isSetupError(error)).toBe(true);
    expect(String(error)).toContain('no-such-player');
  });

  it('a player that fails makes the utterance fail, with its message', async () => {
    const speech = new EspeakSpeech({ player: [script('broken-player', 'cat >/dev/null; echo "no audio device" >&2; exit 1')] });
    const end = await speech.speak({ lang: 'en', text: 'Hello' }, { volume: 0.5 });
    expect(end).toMatchObject({ type: 'failed' });
    expect(end.type === 'failed' && end.reason).toContain('no audio device');
  });

  it("espeak-ng's own output failing (it still exits 0) makes the utterance fail", async () => {
    const speech = new EspeakSpeech({ binary: script('silent-espeak', 'cat >/dev/null; echo "ALSA lib pcm.c: Unknown PCM default" >&2; echo "error: No such file or directory" >&2; exit 0') });
    const end = await speech.speak({ lang: 'en', text: 'Hello' }, { volume: 0.5 });
    expect(end).toMatchObject({ type: 'failed' });
  });

  it('a missing player program makes the utterance fail instead of throwing', async () => {
    const speech = new EspeakSpeech({ player: [join(dir, 'gone-player')] });
    await expect(speech.speak({ lang: 'en', text: 'Hello' }, { volume: 0.5 })).resolves.toMatchObject({ type: 'failed' });
  });
});

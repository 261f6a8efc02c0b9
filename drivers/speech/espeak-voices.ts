import type { SpeechLanguage } from './speech-output.ts';

/**
 * espeak-ng voices for the traveller's languages (docs/accessibility.md "Speech output"): Mandarin for
 * simplified Chinese; Cantonese for traditional Chinese, as Hong Kong and Macao travellers speak it; British
 * English; European Portuguese, as Macao writes and speaks it. A venue may choose others (`en-us`, `pt-br`).
 */
export const defaultVoices: Readonly<Record<SpeechLanguage, string>> = {
  'zh-Hans': 'cmn',
  'zh-Hant': 'yue',
  en: 'en',
  pt: 'pt',
};

/** espeak-ng's amplitude runs 0–200 with 100 as its own default; the port's volume is a share of that range. */
export function espeakAmplitude(volume: number): number {
  return Math.round(Math.min(1, Math.max(0, volume)) * 200);
}

/** Command-line arguments for one utterance; the text goes on standard input, never on the command line. */
export function espeakArguments(voice: string, volume: number, wordsPerMinute: number, toStdout: boolean): string[] {
  return ['-v', voice, '-a', String(espeakAmplitude(volume)), '-s', String(wordsPerMinute), '-b', '1', '--stdin', ...(toStdout ? ['--stdout'] : [])];
}

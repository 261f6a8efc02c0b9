import type { Language } from '../contract/index.ts';

/** What the masking character is called, in each language the kiosk speaks. */
const maskName: Record<Language, string> = { 'zh-Hans': '星号', 'zh-Hant': '星號', en: 'star', pt: 'asterisco' };
const pause: Record<Language, string> = { 'zh-Hans': '，', 'zh-Hant': '，', en: ', ', pt: ', ' };

/**
 * Text as the voice must say it. A masked value (`E*****678`, `C*** T**`) is spelled out one character at a time
 * with each masking character named ("E, star, star, …"): a voice reading the word would say nothing useful, and
 * the rules want the mask spoken as such, never as beeps or as what it hides (14 CFR 382.57(c)(5)(i)(A),
 * EN 301 549 5.1.3.8; docs/accessibility.md "What is spoken").
 */
export function spokenText(text: string, language: Language): string {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const masked = words.map((w) => w.includes('*'));
  return words
    .map((word, i) => {
      const said = masked[i] ? [...word].map((c) => (c === '*' ? maskName[language] : c)).join(pause[language]) : word;
      if (i === 0) return said;
      return (masked[i] || masked[i - 1] ? pause[language] : ' ') + said;
    })
    .join('');
}

import type { Language } from '../../../electron/contract/index.ts';
import { en, type Catalogue, type MessageKey } from './en.ts';
import { pt } from './pt.ts';
import { zhHans } from './zh-Hans.ts';
import { zhHant } from './zh-Hant.ts';

export type { MessageKey };

export const catalogues: Record<Language, Catalogue> = { 'zh-Hans': zhHans, 'zh-Hant': zhHant, en, pt };

/** Each language named in itself, as travellers look for their own. */
export const languageNames: Record<Language, string> = {
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
  en: 'English',
  pt: 'Português',
};

export function translate(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

import type { Language } from '../../../electron/contract/index.ts';
import { airportMessages } from '../flows/airport/messages.ts';
import { hotelMessages } from '../flows/hotel/messages.ts';
import { staffMessages } from '../screens/maintenance/messages.ts';
import { chipMessages } from '../chip/messages.ts';
import { en as core } from './en.ts';
import { pt } from './pt.ts';
import { zhHans } from './zh-Hans.ts';
import { zhHant } from './zh-Hant.ts';

/**
 * Every string the UI may show: the core catalogue plus each flow's own. English defines the keys; the
 * `satisfies` clauses make a key missing from any language a type error.
 */
const en = { ...core, ...airportMessages.en, ...hotelMessages.en, ...staffMessages.en, ...chipMessages.en };
export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;

export const catalogues: Record<Language, Catalogue> = {
  en,
  'zh-Hans': { ...zhHans, ...airportMessages['zh-Hans'], ...hotelMessages['zh-Hans'], ...staffMessages['zh-Hans'], ...chipMessages['zh-Hans'] } satisfies Catalogue,
  'zh-Hant': { ...zhHant, ...airportMessages['zh-Hant'], ...hotelMessages['zh-Hant'], ...staffMessages['zh-Hant'], ...chipMessages['zh-Hant'] } satisfies Catalogue,
  pt: { ...pt, ...airportMessages.pt, ...hotelMessages.pt, ...staffMessages.pt, ...chipMessages.pt } satisfies Catalogue,
};

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

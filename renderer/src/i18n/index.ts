import type { Language } from '../../../electron/contract/index.ts';
import { airportMessages } from '../flows/airport/messages.ts';
import { hotelMessages } from '../flows/hotel/messages.ts';
import { staffMessages } from '../screens/maintenance/messages.ts';
import { chipMessages } from '../chip/messages.ts';
import { coreMessages } from './core-messages.ts';
import type { Message, Messages } from './messages.ts';

/** Every string the UI may show: the core catalogue plus each part's own, all in one layout (messages.ts). */
const source = { ...coreMessages.en, ...airportMessages.en, ...hotelMessages.en, ...staffMessages.en, ...chipMessages.en };

export type MessageKey = keyof typeof source;
export type Catalogue = Messages<typeof source>;
export type TranslateParams = Readonly<Record<string, string | number>>;

/** The translator every screen receives, bound to the traveller's language. */
export type Translate = (key: MessageKey, params?: TranslateParams) => string;

export const catalogues: Record<Language, Catalogue> = {
  en: source,
  'zh-Hans': { ...coreMessages['zh-Hans'], ...airportMessages['zh-Hans'], ...hotelMessages['zh-Hans'], ...staffMessages['zh-Hans'], ...chipMessages['zh-Hans'] },
  'zh-Hant': { ...coreMessages['zh-Hant'], ...airportMessages['zh-Hant'], ...hotelMessages['zh-Hant'], ...staffMessages['zh-Hant'], ...chipMessages['zh-Hant'] },
  pt: { ...coreMessages.pt, ...airportMessages.pt, ...hotelMessages.pt, ...staffMessages.pt, ...chipMessages.pt },
};

/** Each language named in itself, as travellers look for their own. */
export const languageNames: Record<Language, string> = {
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
  en: 'English',
  pt: 'Português',
};

/** The message's text: plural forms chosen by `params.count` in the language's own plural rules. */
export function messageText(language: Language, message: Message, params: TranslateParams = {}): string {
  if (typeof message === 'string') return message;
  const category = new Intl.PluralRules(language).select(Number(params['count'] ?? 0));
  return message[category] ?? message.other;
}

export function translate(language: Language, key: MessageKey, params: TranslateParams = {}): string {
  return messageText(language, catalogues[language][key], params).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

import type { Language } from '../../../../electron/contract/index.ts';

/** Strings of the airport check-in screens, in the four catalogues. Keys start with `airport.`. */
export const airportMessages = {
  en: { 'airport.title': 'Flight check-in' },
  'zh-Hans': { 'airport.title': '办理乘机手续' },
  'zh-Hant': { 'airport.title': '辦理登機手續' },
  pt: { 'airport.title': 'Check-in do voo' },
} as const satisfies Record<Language, Record<string, string>>;

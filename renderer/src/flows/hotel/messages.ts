import type { Language } from '../../../../electron/contract/index.ts';

/** Strings of the hotel registration screens, in the four catalogues. Keys start with `hotel.`. */
export const hotelMessages = {
  en: { 'hotel.title': 'Hotel check-in' },
  'zh-Hans': { 'hotel.title': '办理酒店入住' },
  'zh-Hant': { 'hotel.title': '辦理酒店入住' },
  pt: { 'hotel.title': 'Check-in no hotel' },
} as const satisfies Record<Language, Record<string, string>>;

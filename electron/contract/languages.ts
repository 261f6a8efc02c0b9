/** The four catalogues every screen is available in. BCP 47 tags. */
export const languages = ['zh-Hans', 'zh-Hant', 'en', 'pt'] as const;
export type Language = (typeof languages)[number];

import type { Language } from '../../../../electron/contract/index.ts';
import type { MessageKey } from '../../i18n/index.ts';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** `18:35` in the kiosk's own time zone (the kiosk stands at the departure airport). */
export function clock(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** Date and time, for "check-in opens at …" (possibly another day). */
export function dateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));
}

/** A local date `YYYY-MM-DD` as the language writes it. */
export function day(date: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

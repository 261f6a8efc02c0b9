import type { Language } from '../../../../electron/contract/index.ts';
import { localDateTime, timeOfDay } from '../../../../electron/contract/local-time.ts';

/**
 * `12:55` at the departure airport, in its own zone: the function the printed boarding pass uses too, so the
 * screen and the paper agree whatever zone the kiosk's computer is set to.
 */
export function clock(iso: string, timeZone: string | null): string {
  return timeOfDay(iso, timeZone);
}

/** Date and time at the departure airport, for "check-in opens at …" (possibly another day). */
export function dateTime(iso: string, timeZone: string | null, language: Language): string {
  return localDateTime(iso, timeZone, language);
}

/** A local date `YYYY-MM-DD` as the language writes it. */
export function day(date: string, language: Language): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

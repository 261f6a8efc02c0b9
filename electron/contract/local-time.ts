/**
 * Times of day at a place, as travellers read them there. The screen (renderer) and the printed boarding pass
 * (host) both format through these functions, so the two can never show different times for one departure.
 * `Intl.DateTimeFormat` with an IANA `timeZone` applies that zone's daylight-saving rules (ECMA-402 §11).
 */

/** Whether `zone` is an IANA time-zone name the runtime knows (`Asia/Tokyo`; not `+09:00`, not `JST`). */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * `HH:mm` (24-hour) of `instant` in `timeZone`. Without a zone (none known for the place) the time is given in
 * UTC and says so (`03:55 UTC`): an unmarked time in the wrong zone would be a claim nobody made.
 */
export function timeOfDay(instant: string, timeZone: string | null): string {
  const format = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: timeZone ?? 'UTC' });
  const text = format.format(new Date(instant));
  return timeZone ? text : `${text} UTC`;
}

/** The calendar date (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function localDate(instant: number | string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Date and time of `instant` in `timeZone` in `language` (`28 Nov 2026, 12:55`), for "check-in opens at …". */
export function localDateTime(instant: string, timeZone: string | null, language: string): string {
  const text = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: timeZone ?? 'UTC' }).format(new Date(instant));
  return timeZone ? text : `${text} UTC`;
}

/**
 * YYMMDD dates and the kiosk century rule (docs/mrz-formats.md §1.4):
 * - birth date: the latest century that does not put the date in the future;
 * - expiry / valid-until: the century that puts the date nearest to `now` (30 → 2030, 94 → 1994).
 * `<<` for month and/or day means "unknown", not an error. Calendar comparisons use UTC dates.
 */

export type DateRole = 'birth' | 'expiry';

export interface ParsedDate {
  /** ISO YYYY-MM-DD, or null when unknown parts or an impossible date prevent it. */
  readonly iso: string | null;
  /** Day number (days since 1970-01-01) of `iso`, or null. */
  readonly day?: number | null;
  /** Resolved four-digit year (null when the year itself is unreadable). */
  readonly year: number | null;
  /** 'ok', 'partial' (month/day '<<'), or 'invalid' (not digits, or not a calendar date). */
  readonly state: 'ok' | 'partial' | 'invalid';
}

function two(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil; no Date objects). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function todayNumber(now: Date): number {
  return Math.floor(now.getTime() / 86_400_000);
}

export function parseMrzDate(raw: string, role: DateRole, now: Date): ParsedDate {
  if (raw.length !== 6) return { iso: null, year: null, state: 'invalid' };
  const yy = two(raw, 0);
  if (yy < 0) return { iso: null, year: null, state: 'invalid' };
  const mmUnknown = raw.slice(2, 4) === '<<';
  const ddUnknown = raw.slice(4, 6) === '<<';
  const mm = mmUnknown ? 0 : two(raw, 2);
  const dd = ddUnknown ? 0 : two(raw, 4);
  if (mm < 0 || dd < 0 || mm > 12 || (!mmUnknown && mm === 0) || (mmUnknown && !ddUnknown)) {
    return { iso: null, year: null, state: 'invalid' };
  }
  // For the century choice, unknown month/day take the values that are most favourable to "not future".
  const cm = mmUnknown ? 1 : mm;
  const cd = ddUnknown ? 1 : dd;
  const today = todayNumber(now);
  const nowYear = now.getUTCFullYear();
  const base = nowYear - (nowYear % 100);
  let year: number;
  if (role === 'birth') {
    year = base + yy;
    if (dayNumber(year, cm, cd) > today) year -= 100;
  } else {
    let best = base - 100 + yy;
    for (const c of [base + yy, base + 100 + yy]) {
      if (Math.abs(dayNumber(c, cm, cd) - today) < Math.abs(dayNumber(best, cm, cd) - today)) best = c;
    }
    year = best;
  }
  if (mmUnknown || ddUnknown) return { iso: null, year, state: 'partial' };
  if (dd < 1 || dd > daysInMonth(year, mm)) return { iso: null, year, state: 'invalid' };
  return { iso: `${year}-${pad2(mm)}-${pad2(dd)}`, year, state: 'ok', day: dayNumber(year, mm, dd) };
}

/** ISO YYYY-MM-DD or raw YYMMDD → YYMMDD for the formatter; null when neither. */
export function toYymmdd(value: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value.slice(2, 4) + value.slice(5, 7) + value.slice(8, 10);
  if (/^\d{2}(\d{2}|<<)(\d{2}|<<)$/.test(value)) return value;
  return null;
}

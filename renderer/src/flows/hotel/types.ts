import type { MessageKey } from '../../i18n/index.ts';

/** The translator every hotel screen receives. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function formatDate(language: string, iso: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

export function formatMoney(language: string, amountMinor: number, currency: string): string {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(amountMinor / 100);
  } catch {
    return `${currency} ${(amountMinor / 100).toFixed(2)}`;
  }
}

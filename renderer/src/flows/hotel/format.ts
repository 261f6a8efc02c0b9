import type { MessageKey, Translate } from '../../i18n/index.ts';


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

/** Room types named in the traveller's language; a code the catalogue does not know is named "room as booked". */
const roomTypes: Readonly<Record<string, MessageKey>> = {
  KING: 'hotel.roomType.KING',
  QUEEN: 'hotel.roomType.QUEEN',
  DOUBLE: 'hotel.roomType.DOUBLE',
  TWIN: 'hotel.roomType.TWIN',
  SINGLE: 'hotel.roomType.SINGLE',
  FAMILY: 'hotel.roomType.FAMILY',
  SUITE: 'hotel.roomType.SUITE',
};

export function roomTypeName(t: Translate, code: string): string {
  return t(roomTypes[code.toUpperCase()] ?? 'hotel.roomType.other');
}

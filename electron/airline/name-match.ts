/**
 * Matching the name read from a travel document's MRZ against the name on an airline booking.
 *
 * The two sides are written by different systems with different rules:
 * - the MRZ (docs/mrz-formats.md §1.3): `PRIMARY<PARTS<<SECONDARY<PARTS`, letters A–Z only, components may be
 *   truncated when the field is full (a letter in the last position signals it), Chinese given names are one
 *   word (`CESHI<<YANGBEN`, §1.3) while an HK passport writes them apart (`CHAN<<TAI<MAN`);
 * - the booking (airline PNR name element): `SURNAME/GIVENNAMES TITLE`, often with the given names run
 *   together and a title appended with or without a space (`CHAN/TAIMAN MR`, `SMITH/JOHNMR`).
 *
 * No check digit covers names (docs/mrz-formats.md §2.6), so this is evidence, not proof: `near` is never
 * accepted automatically — the session sends the traveller to staff with the reason.
 */

export interface DocumentName {
  readonly surname: string;
  readonly givenNames: string;
  /** The MRZ's name field may have been truncated (docs/mrz-formats.md §1.3: letter in the last position). */
  readonly truncated?: boolean;
}

export interface BookingName {
  readonly surname: string;
  readonly givenNames: string;
  readonly title?: string | null;
}

export type MatchReason =
  | 'spacing' // same letters, different word breaks or hyphens (`TAI MAN` / `TAIMAN`)
  | 'title' // a title glued to the given names (`JOHNMR`)
  | 'truncated' // the MRZ cut the name short and the booking continues it
  | 'middle-names-omitted' // the booking carries only the leading given name(s)
  | 'typo' // a small spelling difference
  | 'swapped' // surname and given names exchanged
  | 'initials' // the booking carries initials only
  | 'surname-only'; // only the surname agrees

export type NameMatch =
  | { readonly kind: 'exact' }
  | { readonly kind: 'match'; readonly reason: MatchReason }
  | { readonly kind: 'near'; readonly reason: MatchReason }
  | { readonly kind: 'none' };

/** Titles airlines append to the given names (IATA PNR name element conventions). Longest first. */
export const bookingTitles: readonly string[] = [
  'MSTR', 'MISS', 'PROF', 'MRS', 'REV', 'SIR', 'DR', 'MR', 'MS', 'MX',
];

/**
 * Parses an airline name element `SURNAME/GIVEN NAMES TITLE` (e.g. `CHAN/TAIMAN MR`). A title is recognised
 * only as a separate last word; a glued title (`JOHNMR`) cannot be told from a name here and is left to
 * `matchName`. Returns null when there is no `/`.
 */
export function parsePnrName(text: string): BookingName | null {
  const cut = text.indexOf('/');
  if (cut < 0) return null;
  const surname = text.slice(0, cut).trim().toUpperCase();
  const words = text.slice(cut + 1).trim().toUpperCase().split(/\s+/).filter((w) => w.length > 0);
  const last = words[words.length - 1];
  const title = last !== undefined && words.length > 1 && bookingTitles.includes(last) ? last : null;
  if (title) words.pop();
  return { surname, givenNames: words.join(' '), title };
}

/** The airline name element for a booking name (`CHAN/TAIMAN MR`). */
export function formatPnrName(name: BookingName): string {
  const given = name.givenNames.trim();
  const title = name.title ? ` ${name.title}` : '';
  return `${name.surname.trim()}/${given}${title}`.toUpperCase();
}

// Name-field widths: TD1 line 3 (30), TD2 / MRV-B (31), TD3 / MRV-A (39) — docs/mrz-formats.md §2.
const fullNameFieldWidths = [30, 31, 39];

/**
 * Reads an MRZ name field (`CHAN<<TAI<MAN<<<`) into surname and given names (docs/mrz-formats.md §1.3). The name
 * may have been truncated only when the field is at a full width and ends in a letter.
 */
export function documentNameFromMrzField(field: string): DocumentName {
  const last = field.charCodeAt(field.length - 1);
  const truncated = last >= 65 && last <= 90 && fullNameFieldWidths.includes(field.length);
  const words = (part: string) => part.split('<').filter((w) => w.length > 0).join(' ');
  const cut = field.indexOf('<<');
  if (cut < 0) return { surname: words(field), givenNames: '', truncated };
  return { surname: words(field.slice(0, cut)), givenNames: words(field.slice(cut + 2)), truncated };
}

// ICAO 9303 Part 3 transliterations for letters a booking system may still carry; the rest lose their marks.
const transliterations: Readonly<Record<string, string>> = {
  Ä: 'AE', Ö: 'OE', Ü: 'UE', ß: 'SS', Æ: 'AE', Ø: 'OE', Å: 'AA', Œ: 'OE', Þ: 'TH', Ð: 'D', Ł: 'L', Ĳ: 'IJ',
};

/** Upper-case words of A–Z only: marks stripped, `<`, hyphens, apostrophes and dots are word breaks or dropped. */
function words(value: string): string[] {
  const upper = value.toUpperCase();
  let out = '';
  for (const ch of upper) out += transliterations[ch] ?? ch;
  return out
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`.]/g, '')
    .split(/[^A-Z]+/)
    .filter((w) => w.length > 0);
}

function stripTitleWords(given: string[], title: string | null | undefined): string[] {
  const out = [...given];
  if (title) return out;
  // A title left as a separate last word when the caller did not parse it out.
  const last = out[out.length - 1];
  if (out.length > 1 && last !== undefined && bookingTitles.includes(last)) out.pop();
  return out;
}

/** Levenshtein distance, small strings only. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

function closeEnough(a: string, b: string): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const d = distance(a, b);
  return d <= Math.max(1, Math.floor(Math.min(a.length, b.length) / 5)) && d <= 2;
}

/** Word-wise: every document word is a prefix of the booking word at the same place (ICAO truncation). */
function truncationOf(docWords: readonly string[], bookingWords: readonly string[]): boolean {
  const doc = docWords.join(' ');
  const booking = bookingWords.join(' ');
  if (doc.length === 0 || doc.length >= booking.length) return false;
  if (booking.startsWith(doc)) return true;
  if (docWords.length !== bookingWords.length) return false;
  return docWords.every((w, i) => (bookingWords[i] ?? '').startsWith(w));
}

/**
 * Compares a document name with a booking name. Levels:
 * - `exact`: same surname and given-name words after titles, marks and punctuation are set aside;
 * - `match`: the same person by a rule airlines apply routinely (spacing, glued title, MRZ truncation,
 *   booking without middle names) — safe to accept;
 * - `near`: probably the same person (typo, swapped order, initials, surname only) — never auto-accepted;
 * - `none`.
 */
export function matchName(document: DocumentName, booking: BookingName): NameMatch {
  const docSurname = words(document.surname);
  const docGiven = words(document.givenNames);
  const bookSurname = words(booking.surname);
  const bookGiven = stripTitleWords(words(booking.givenNames), booking.title);
  const ds = docSurname.join('');
  const bs = bookSurname.join('');
  if (ds.length === 0 && docGiven.length === 0) return { kind: 'none' };
  if (bs.length === 0 && bookGiven.length === 0) return { kind: 'none' };

  const dg = docGiven.join('');
  const bg = bookGiven.join('');
  const surnameSame = ds === bs;
  const surnameWordsSame = docSurname.join(' ') === bookSurname.join(' ');

  if (surnameSame) {
    if (surnameWordsSame && docGiven.join(' ') === bookGiven.join(' ')) return { kind: 'exact' };
    if (dg === bg) return { kind: 'match', reason: 'spacing' };
    // A title glued to the last given name (`TAIMANMR`) — only accepted when removing it makes the names agree.
    for (const t of bookingTitles) {
      if (bg.endsWith(t) && bg.length > t.length && bg.slice(0, -t.length) === dg) return { kind: 'match', reason: 'title' };
    }
    if (document.truncated && (truncationOf(docGiven, bookGiven) || (dg.length > 0 && bg.startsWith(dg)))) {
      return { kind: 'match', reason: 'truncated' };
    }
    if (bookGiven.length > 0 && bookGiven.length < docGiven.length && bookGiven.every((w, i) => docGiven[i] === w)) {
      return { kind: 'match', reason: 'middle-names-omitted' };
    }
    if (closeEnough(dg, bg)) return { kind: 'near', reason: 'typo' };
    if (bookGiven.length > 0 && bookGiven.every((w) => w.length === 1) && bookGiven.every((w, i) => docGiven[i]?.startsWith(w))) {
      return { kind: 'near', reason: 'initials' };
    }
    return { kind: 'near', reason: 'surname-only' };
  }
  // The MRZ surname itself may be truncated (very long surnames).
  if (document.truncated && dg.length === 0 && bs.startsWith(ds) && ds.length >= 10) return { kind: 'match', reason: 'truncated' };
  if (dg.length > 0 && ds === bg && dg === bs) return { kind: 'near', reason: 'swapped' };
  if (dg.length > 0 && dg === bg && closeEnough(ds, bs)) return { kind: 'near', reason: 'typo' };
  return { kind: 'none' };
}

/** `exact` and `match` may be accepted without staff; `near` and `none` may not. */
export function isAcceptedMatch(result: NameMatch): boolean {
  return result.kind === 'exact' || result.kind === 'match';
}
